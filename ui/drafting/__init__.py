"""The letter drafting editor: a form from the template, live preview, checks, route.

Public API: :class:`~ui.drafting.editor.DraftEditor` (``DraftEditor(services, *,
letter_id=None, jenis=None, parent=None)``, signals ``sig_letter_saved(str)`` and
``sig_letter_submitted(str)``). The modules behind it:

- ``catalogue``: choose the jenis naskah; ``form``/``fields``/``people``/``recipients``/
  ``tables``: the form generated from the template's :class:`~tnde.templates.FieldSpec`;
- ``preview``: debounced renders off the GUI thread, newest only; ``findings``: the linter;
- ``route``: the suggested, editable review route; ``directory``: the org chart snapshot;
- ``session``: the core calls (save = ``Letters.create``/``revise``, submit) run in ops.
"""

from __future__ import annotations

from ui.drafting.editor import DraftEditor

__all__ = ["DraftEditor"]
