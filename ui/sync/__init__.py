"""The window on the archive: the background sync (:mod:`~ui.sync.controller`), its place in
the status bar (:mod:`~ui.sync.status`), signing in and linking a computer
(:mod:`~ui.sync.sign_in`), Settings → Arsip (:mod:`~ui.sync.archive_page`), the "Perlu
perhatian" queue (:mod:`~ui.sync.attention_screen`) and two drafts side by side
(:mod:`~ui.sync.branch_dialog`). Every call goes to the core's :mod:`tnde.sync`: no HTTP and
no SQL here."""
