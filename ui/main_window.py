"""The main window: the work queues in a side bar with their counters, one screen per queue,
a toolbar, menus with shortcuts, and a status bar.

Screens are built the first time they are shown, so the window appears quickly; switching
the acting official (demo user switcher, or Settings → Identity) rebuilds them for the new
user. The drafting editor (:class:`ui.drafting.editor.DraftEditor`) opens in a **separate
window** per letter ("Konsep Baru", Ctrl+N, and "Edit" on a draft or a returned letter), so
a drafter can keep the queue and the letter side by side; opening a letter that is already
being edited raises its window.

Signing opens :class:`ui.signing.batch_dialog.SignBatchDialog`: "Sign" on one letter signs
that letter, "Sign batch…" (Ctrl+Shift+S) offers every letter waiting for the user's
signature, each to be previewed and unchecked at will, under one passphrase or PIN. The
Verifikasi queue is :class:`ui.verification.screen.VerificationScreen`.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from tnde import sync
from tnde.buildinfo import build_info
from tnde.errors import TndeError
from tnde.lazy import lazy_function
from tnde.org import workspace_org
from tnde.workflow import Queue
from ui.dialogs.buttons import confirm
from ui.errors import show_failure
from ui.icons import icon
from ui.screens.catalogue import CatalogueScreen
from ui.screens.dashboard import DashboardScreen, load_counts
from ui.screens.welcome import WelcomeScreen
from ui.services import Services
from ui.settings import UiSettings
from ui.widgets.person_combo import PersonComboBox
from ui.widgets.sidebar import QueueItem, Sidebar, SidebarModel
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tnde.secrets import SecretStore
    from tnde.sync import SyncChange
    from tnde.workspace import Workspace
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.drafting.editor import DraftEditor
    from ui.screens.dashboard import Counts
    from ui.screens.dispositions_screen import DispositionsScreen
    from ui.screens.incoming_screen import IncomingScreen
    from ui.screens.letters_screen import LettersScreen
    from ui.signing.batch_dialog import SignBatchDialog
    from ui.sync.attention_screen import AttentionScreen
    from ui.sync.window_sync import WindowSync
    from ui.verification.screen import VerificationScreen
else:
    # Screens and dialogs the window does not show at start load when first opened, so the
    # window opens fast (see tnde.lazy).
    SettingsDialog = lazy_function("ui.dialogs.settings_dialog", "SettingsDialog")
    DraftEditor = lazy_function("ui.drafting.editor", "DraftEditor")
    DispositionsScreen = lazy_function("ui.screens.dispositions_screen", "DispositionsScreen")
    IncomingScreen = lazy_function("ui.screens.incoming_screen", "IncomingScreen")
    LettersScreen = lazy_function("ui.screens.letters_screen", "LettersScreen")
    SignBatchDialog = lazy_function("ui.signing.batch_dialog", "SignBatchDialog")
    VerificationScreen = lazy_function("ui.verification.screen", "VerificationScreen")
    AttentionScreen = lazy_function("ui.sync.attention_screen", "AttentionScreen")
    WindowSync = lazy_function("ui.sync.window_sync", "WindowSync")

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

__all__ = ["QUEUES", "MainWindow"]


#: The side bar: (key, title, icon). Titles are evaluated late, after the translator is in.
QUEUES: tuple[tuple[str, Callable[[], str], str], ...] = (
    ("dasbor", lambda: translate("MainWindow", "Dashboard"), "dashboard"),
    ("konsep", lambda: translate("MainWindow", "Drafts"), "draft"),
    ("perlu_diperiksa", lambda: translate("MainWindow", "To review"), "review"),
    ("perlu_ditandatangani", lambda: translate("MainWindow", "To sign"), "sign"),
    ("siap_dikirim", lambda: translate("MainWindow", "Ready to send"), "stamp"),
    ("naskah_keluar", lambda: translate("MainWindow", "Outgoing"), "send"),
    ("naskah_masuk", lambda: translate("MainWindow", "Incoming"), "inbox"),
    ("disposisi", lambda: translate("MainWindow", "Dispositions"), "disposition"),
    ("tembusan", lambda: translate("MainWindow", "Copies"), "copy"),
    ("verifikasi", lambda: translate("MainWindow", "Verification"), "verify"),
    ("arsip", lambda: translate("MainWindow", "Archive"), "archive"),
    ("perlu_perhatian", lambda: translate("MainWindow", "Needs attention"), "alert"),
    ("templat", lambda: translate("MainWindow", "Letter types"), "templates"),
)
_LETTER_QUEUES = (
    "konsep",
    "perlu_diperiksa",
    "perlu_ditandatangani",
    "siap_dikirim",
    "naskah_keluar",
    "arsip",
)
COUNTER_REFRESH_MS = 60_000
"""How often the counters are read again while the window is open."""


class MainWindow(QMainWindow):
    """Side bar of queues, one screen per queue, toolbar and status bar."""

    sig_user_changed = Signal(str)
    """The acting official changed (NIP: str)."""
    sig_counts_loaded = Signal(object)
    """The counters were read (:class:`ui.screens.dashboard.Counts`)."""

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        services: Services | None = None,
        settings: UiSettings | None = None,
        secrets: SecretStore | None = None,
        sync_wait: float | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or UiSettings()
        self._secrets = secrets
        self._sync_wait = sync_wait
        if services is None and workspace is not None:
            services = Services.open(workspace, self._remembered_nip(workspace))
        self.services = services
        self.workspace = services.workspace if services else workspace
        self.screens: dict[str, QWidget] = {}
        self.editors: dict[str, QWidget] = {}
        self._last_counts: Counts | None = None
        self.setWindowTitle(self.tr("TNDE Desktop"))
        self.resize(1360, 840)
        self.setMinimumSize(960, 600)

        self.sidebar_model = SidebarModel([QueueItem(k, t, i) for k, t, i in QUEUES], self)
        self.sidebar = Sidebar(self.sidebar_model)
        self.pages = QStackedWidget()
        for _key, _title, _icon in QUEUES:
            self.pages.addWidget(QWidget())  # placeholders, built when first shown
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.sidebar.selectionModel().currentChanged.connect(self._on_sidebar_changed)

        self._counter_timer = QTimer(self)
        self._counter_timer.setInterval(COUNTER_REFRESH_MS)
        self._counter_timer.timeout.connect(self.refresh_counts)
        self._counter_timer.start()
        self._restore_geometry()
        self.window_sync: WindowSync | None = None
        self._attach_sync()
        self.show_queue("dasbor" if self.services else "templat")
        self.refresh_counts()

    # -- public API ---------------------------------------------------------------------------

    def show_queue(self, key: str) -> QWidget:
        """Show the screen of ``key`` (building it if needed) and select it in the side bar."""
        row = self.sidebar_model.row_of(key)
        if self.sidebar.currentIndex().row() != row:
            self.sidebar.setCurrentIndex(self.sidebar_model.index(row))
        return self._screen(key)

    def current_queue(self) -> str:
        """The key of the screen on show."""
        index = self.sidebar.currentIndex()
        return str(index.data(Qt.ItemDataRole.UserRole) or "")

    def bind_owner(self, nip: str) -> None:
        """Give a workspace without an owner its owner, and act as them from now on."""
        if self.services is None:
            return
        if not confirm(
            self,
            self.tr("Owner of this workspace"),
            self.tr(
                "Every action in this workspace will be taken as %1. This is set once and "
                "cannot be changed here afterwards."
            ).replace("%1", self.services.person_name(nip)),
            self.tr("Set as owner"),
        ):
            return
        try:
            self.services = self.services.bind_owner(nip)
        except TndeError as exc:
            show_failure(self, exc, action=self.tr("Setting the owner of this workspace failed."))
            return
        self._rebuild_screens()

    def switch_user(self, nip: str) -> None:
        """Act as ``nip`` from now on (demo workspaces): every screen is rebuilt for them."""
        if self.services is None or nip == self.services.nip:
            return
        self.services = self.services.as_user(nip)
        self.settings.user_nip = nip
        self._rebuild_screens()

    def _rebuild_screens(self) -> None:
        current = self.current_queue()
        for key, screen in list(self.screens.items()):
            row = self.sidebar_model.row_of(key)
            placeholder = QWidget()
            self.pages.removeWidget(screen)
            self.pages.insertWidget(row, placeholder)
            screen.deleteLater()
        self.screens.clear()
        self._sync_user_combo()
        self._update_status()
        self._update_actions()
        self.show_queue(current or "dasbor")
        self.refresh_counts()
        if self.services is not None:
            self.sig_user_changed.emit(self.services.nip)

    def refresh_counts(self) -> None:
        """Read the counters again (side bar and dashboard)."""
        if self.services is None:
            return

        services = self.services
        QueryOp(self, lambda: load_counts(services)).success(self._on_counts_loaded).run()

    def refresh_all(self) -> None:
        """Reload the screen on show and the counters (F5)."""
        screen = self.screens.get(self.current_queue())
        refresh = getattr(screen, "refresh", None)
        if callable(refresh):
            refresh()
        self.refresh_counts()

    def open_editor(self, letter_id: str | None = None, jenis: str | None = None) -> QWidget | None:
        """Open the drafting editor on ``letter_id`` (None: a new draft) in its own window."""
        if self.services is None:
            return None
        if letter_id and letter_id in self.editors:
            window = self.editors[letter_id]
            window.show()
            window.raise_()
            window.activateWindow()
            return window

        editor = DraftEditor(self.services, letter_id=letter_id, jenis=jenis, parent=self)
        editor.setWindowFlag(Qt.WindowType.Window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.setWindowTitle(self.tr("Draft — TNDE Desktop"))
        editor.resize(1280, 860)
        editor.sig_letter_saved.connect(self._on_letter_changed)
        editor.sig_letter_submitted.connect(self._on_letter_changed)
        key = letter_id or f"new-{id(editor)}"
        self.editors[key] = editor
        editor.destroyed.connect(lambda *_: self.editors.pop(key, None))
        editor.show()
        return editor

    def verify_files(self, paths: list[Path]) -> None:
        """Show the Verifikasi queue verifying ``paths`` (PDFs, or folders of them)."""
        if self.services is None:
            return
        screen = self.show_queue("verifikasi")
        screen.add_paths(paths)  # type: ignore[attr-defined]

    def sign_letters(self, letter_ids: list[str]) -> QWidget | None:
        """Open the signing dialog over ``letter_ids`` (window-modal); returns it."""
        if self.services is None or not letter_ids:
            return None

        dialog = SignBatchDialog(self.services, letter_ids, self)
        dialog.sig_letters_signed.connect(lambda _ids: self._on_letter_changed())
        self.sign_dialog = dialog
        dialog.open()
        return dialog

    def sign_batch(self) -> None:
        """Every letter waiting for this user's signature, in the signing dialog."""
        if self.services is None:
            return
        services = self.services
        QueryOp(self, lambda: waiting_for_signature(services)).success(self._on_batch_loaded).run()

    def self_test(self) -> bool:
        """Build the screen of every queue the side bar shows, then show the first again.

        ``tnde-desktop --self-test`` calls it on the demo workspace: a screen module missing
        from a packaged build, or one that fails on real data, is found before a user opens
        it. True when every screen was built (none fell back to an empty placeholder); their
        lists load on worker threads afterwards.
        """
        first = self.current_queue()
        built = True
        for key, _title, _icon in QUEUES:
            if self.sidebar.isRowHidden(self.sidebar_model.row_of(key)):
                continue
            built = type(self.show_queue(key)) is not QWidget and built
        self.show_queue(first or "dasbor")
        return built

    # -- slots --------------------------------------------------------------------------------

    def _on_sidebar_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = str(current.data(Qt.ItemDataRole.UserRole) or "")
        if key:
            self._screen(key)

    def _on_counts_loaded(self, counts: Counts) -> None:
        m = self.sidebar_model
        m.set_count("konsep", counts.konsep)
        m.set_count("perlu_diperiksa", counts.perlu_diperiksa)
        m.set_count("perlu_ditandatangani", counts.perlu_ditandatangani)
        m.set_count("siap_dikirim", counts.siap_dikirim)
        m.set_count("naskah_masuk", counts.masuk)
        m.set_count("disposisi", counts.disposisi, alert=counts.terlambat > 0)
        m.set_count("tembusan", counts.tembusan)
        dashboard = self.screens.get("dasbor")
        if dashboard is not None:
            dashboard.set_counts(counts)  # type: ignore[attr-defined]
        self._last_counts = counts
        if self.window_sync is not None:
            self.window_sync.counts_loaded(counts)
        self.sig_counts_loaded.emit(counts)

    def _on_letter_changed(self, letter_id: str = "") -> None:
        if self.window_sync is not None:
            self.window_sync.poke()  # sent at once, not at the next round
        for key in (*_LETTER_QUEUES, "naskah_masuk", "tembusan", "disposisi"):
            screen = self.screens.get(key)
            if screen is not None and screen is not self.pages.currentWidget():
                screen.refresh()  # type: ignore[attr-defined]
        self.refresh_counts()

    def _on_user_combo_changed(self, _index: int) -> None:
        nip = str(self.user_combo.currentData() or "")
        if nip:
            self.switch_user(nip)

    def _on_new_letter(self) -> None:
        self.open_editor()

    def _on_register(self) -> None:
        screen = self.show_queue("naskah_masuk")
        screen.controller.register()  # type: ignore[attr-defined]

    def _on_settings(self) -> None:
        dialog = SettingsDialog(self, self.services, self.settings, window_sync=self.window_sync)
        dialog.identity_page.sig_user_chosen.connect(self.switch_user)
        dialog.identity_page.sig_owner_bound.connect(self.bind_owner)
        dialog.language_page.sig_language_chosen.connect(
            lambda _code: self.statusBar().showMessage(
                self.tr("The language changes at the next start."), 8000
            )
        )
        self.settings_dialog = dialog
        dialog.open()

    def about_text(self) -> str:
        """What the About box says: the version, the build, and the libraries it runs on.

        Support staff read it back over the phone, so it names what differs between two
        installations of the same version: a packaged build's date (or that this is a source
        checkout) and the versions of Qt, reportlab, pyHanko and PDFium.
        """
        info = build_info()
        if info.build_date:
            built = self.tr("Built on %1").replace("%1", info.build_date)
            if info.commit:
                built += f" ({info.commit})"
        else:
            built = self.tr("Source checkout (not a packaged build)")
        unknown = self.tr("unknown")
        libraries = [
            ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
            *((name, version or unknown) for name, version in info.libraries),
        ]
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>&nbsp;{html.escape(version)}</td></tr>"
            for name, version in libraries
        )
        intro = self.tr(
            "<h3>TNDE Desktop %1</h3><p>Electronic official letters (Tata Naskah Dinas "
            "Elektronik): drafting, review, numbering, signing, incoming letters, "
            "dispositions and tracking.</p>"
        ).replace("%1", html.escape(info.version))
        return f"{intro}<p>{html.escape(built)}</p><table>{rows}</table>"

    def _on_about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            self.tr("About TNDE Desktop"),
            self.about_text(),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not self.windowIcon().isNull():
            box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        self.about_dialog = box
        box.open()

    # -- Qt overrides -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.editors.values()):
            if not window.close():
                event.ignore()
                return
        self.settings.set_geometry("window/geometry", self.saveGeometry())
        self.settings.set_geometry("window/state", self.saveState())
        self.settings.set_geometry("window/splitter", self.splitter.saveState())
        self.settings.sync()
        self._counter_timer.stop()
        if self.window_sync is not None:
            self.window_sync.stop()
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_toolbar()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.window_sync is not None and not self.window_sync.controller.running:
            self.window_sync.start_soon()  # after the window is on screen

    # -- building -----------------------------------------------------------------------------

    def _screen(self, key: str) -> QWidget:
        row = self.sidebar_model.row_of(key)
        screen = self.screens.get(key)
        if screen is None:
            screen = self._build_screen(key)
            old = self.pages.widget(row)
            if old is not None:
                self.pages.removeWidget(old)
                old.deleteLater()
            self.pages.insertWidget(row, screen)
            self.screens[key] = screen
        self.pages.setCurrentIndex(row)
        return screen

    def _build_screen(self, key: str) -> QWidget:
        if key == "templat":
            return CatalogueScreen()
        if self.services is None:
            return WelcomeScreen()
        if key == "dasbor":
            dashboard = DashboardScreen(self.services)
            dashboard.sig_queue_requested.connect(self.show_queue)
            if self._last_counts is not None:
                dashboard.set_counts(self._last_counts)
            return dashboard
        if key in _LETTER_QUEUES:
            screen = LettersScreen(self.services, Queue(key))
            screen.sig_changed.connect(self._on_letter_changed)
            screen.controller.sig_revise_requested.connect(lambda lid: self.open_editor(lid))
            screen.controller.sig_sign_requested.connect(self._on_sign_requested)
            screen.sig_switch_user_requested.connect(self.switch_user)
            screen.refresh()
            return screen
        if key in ("naskah_masuk", "tembusan"):
            incoming = IncomingScreen(self.services, copies=key == "tembusan")
            incoming.sig_changed.connect(self._on_letter_changed)
            incoming.refresh()
            return incoming
        if key == "disposisi":
            dispositions = DispositionsScreen(self.services)
            dispositions.sig_changed.connect(self._on_letter_changed)
            dispositions.refresh()
            return dispositions
        if key == "verifikasi":
            return VerificationScreen(self.services)
        if key == "perlu_perhatian":
            attention = AttentionScreen(self.services)
            attention.sig_edit_requested.connect(lambda lid: self.open_editor(lid))
            attention.sig_changed.connect(self._on_letter_changed)
            if self.window_sync is not None:
                attention.sig_changed.connect(lambda _l: self.window_sync.reload_attention())
            attention.refresh()
            return attention
        return QWidget()

    # -- the archive ----------------------------------------------------------------------

    def _attach_sync(self) -> None:
        """Run the sync when the workspace is linked to an archive; the "Needs attention"
        queue is shown only then."""
        s = self.services
        linked = s is not None and not s.is_demo and sync.link_of(s.workspace) is not None
        self.sidebar.setRowHidden(self.sidebar_model.row_of("perlu_perhatian"), not linked)
        if not linked or s is None:
            return
        window_sync = WindowSync(self, s, self.settings, self._secrets, wait=self._sync_wait)
        window_sync.sig_received.connect(self._on_sync_received)
        window_sync.sig_sent.connect(self._on_sync_sent)
        window_sync.sig_attention_changed.connect(self._on_attention_changed)
        window_sync.sig_sign_in_needed.connect(lambda _reason: window_sync.ask_sign_in())
        self.window_sync = window_sync

    def _on_sync_received(self, _change: SyncChange) -> None:
        """The feed brought another desk's work: every queue built so far reads again, the
        one on show included."""
        for key in (*_LETTER_QUEUES, "naskah_masuk", "tembusan", "disposisi", "perlu_perhatian"):
            screen = self.screens.get(key)
            if screen is not None:
                screen.refresh()  # type: ignore[attr-defined]
        self.refresh_counts()

    def _on_sync_sent(self, _change: SyncChange) -> None:
        """The archive took this desk's actions: the lists that mark them as waiting read
        again, so the marks go (the others keep their scroll position)."""
        for screen in self.screens.values():
            model = getattr(getattr(screen, "model", None), "has_waiting", None)
            if callable(model) and model():
                screen.refresh()  # type: ignore[attr-defined]

    def _on_attention_changed(self, count: int) -> None:
        self.sidebar_model.set_count("perlu_perhatian", count, alert=count > 0)
        screen = self.screens.get("perlu_perhatian")
        if screen is not None:
            screen.refresh()  # type: ignore[attr-defined]

    def _on_sign_requested(self, letter_id: str) -> None:
        self.sign_letters([letter_id])

    def _on_batch_loaded(self, letter_ids: list[str]) -> None:
        if not letter_ids:
            self.statusBar().showMessage(self.tr("No letter is waiting for your signature."), 6000)
            return
        self.sign_letters(letter_ids)

    def _build_actions(self) -> None:
        self.new_action = QAction(icon("new"), self.tr("New draft"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setToolTip(self.tr("Write a new letter (Ctrl+N)"))
        self.new_action.triggered.connect(self._on_new_letter)
        self.register_action = QAction(icon("register"), self.tr("Register incoming"), self)
        self.register_action.setShortcut(QKeySequence("Ctrl+R"))
        self.register_action.setToolTip(self.tr("Register a received letter (Ctrl+R)"))
        self.register_action.triggered.connect(self._on_register)
        self.refresh_action = QAction(icon("refresh"), self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_all)
        self.settings_action = QAction(icon("settings"), self.tr("Settings"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self._on_settings)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.sign_batch_action = QAction(icon("sign"), self.tr("Sign batch…"), self)
        self.sign_batch_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sign_batch_action.setToolTip(
            self.tr(
                "Sign the letters waiting for your signature, with one passphrase (Ctrl+Shift+S)"
            )
        )
        self.sign_batch_action.triggered.connect(self.sign_batch)
        self.find_action = QAction(icon("search"), self.tr("Search"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.queue_actions: list[QAction] = []
        for n, (key, title, icon_name) in enumerate(QUEUES[:9], start=1):
            action = QAction(icon(icon_name), title(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _=False, k=key: self.show_queue(k))
            self.queue_actions.append(action)
        self._update_actions()

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main toolbar"))
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.new_action)
        bar.addAction(self.register_action)
        bar.addAction(self.sign_batch_action)
        bar.addAction(self.refresh_action)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        bar.addWidget(spacer)
        self.user_label = QLabel(self.tr("Demo — acting as:"))
        self.user_combo = PersonComboBox()
        self.user_combo.setAccessibleName(self.tr("Acting as"))
        self.user_combo.setToolTip(self.tr("Demo: act as another official"))
        self.user_label.setBuddy(self.user_combo)
        self._user_label_action = bar.addWidget(self.user_label)
        self._user_combo_action = bar.addWidget(self.user_combo)
        bar.addAction(self.settings_action)
        self.addToolBar(bar)
        self.toolbar = bar
        self._sync_user_combo()
        self.user_combo.currentIndexChanged.connect(self._on_user_combo_changed)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.new_action)
        menu.addAction(self.register_action)
        menu.addAction(self.sign_batch_action)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        for action in self.queue_actions:
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.find_action)
        view.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("About TNDE Desktop"))
        about.triggered.connect(self._on_about)

    def _build_status_bar(self) -> None:
        self.workspace_label = QLabel()
        self.workspace_label.setObjectName("muted")
        self.demo_badge = QLabel(self.tr("DEMO"))
        self.demo_badge.setObjectName("demo_badge")
        self.demo_badge.setToolTip(self.tr("Demo workspace: fictional people and certificates"))
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.statusBar().addPermanentWidget(self.demo_badge)
        self._update_status()

    # -- helpers ------------------------------------------------------------------------------

    def _remembered_nip(self, workspace: Workspace) -> str:
        nip = self.settings.user_nip
        if not nip or not workspace.config.demo:
            return ""

        return nip if nip in workspace_org(workspace).pegawai_by_nip else ""

    def _fit_toolbar(self) -> None:
        """Keep every toolbar action in sight: on a narrow window (1366 px at 125 %) the
        switcher first loses its label, then the buttons show their icons only (their names
        stay in the tooltips), rather than the switcher vanishing behind "»"."""
        bar = self.toolbar
        demo = self.services is not None and self.services.is_demo

        def too_wide() -> bool:
            layout = bar.layout()
            if layout is not None:
                layout.invalidate()
            return bar.sizeHint().width() > self.width()

        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._user_label_action.setVisible(demo)
        if demo and too_wide():
            self._user_label_action.setVisible(False)
        if too_wide():
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _sync_user_combo(self) -> None:
        s = self.services
        demo = s is not None and s.is_demo
        self._user_label_action.setVisible(demo)
        self._user_combo_action.setVisible(demo)
        if s is None or not demo:
            return
        QTimer.singleShot(0, self._fit_toolbar)  # the names in the box changed its width
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        for p in s.officials():
            held = ", ".join(s.jabatan_name(j) for j in s.jabatan_of(p.nip))
            self.user_combo.add_person(icon("user"), p.nama, held, p.nip)
        self.user_combo.setCurrentIndex(max(0, self.user_combo.findData(s.nip)))
        self.user_combo.blockSignals(False)

    def _update_actions(self) -> None:
        s = self.services
        # a workspace without an owner takes no action: nothing to start that would be refused
        acting = s is not None and bool(s.nip)
        self.new_action.setEnabled(acting)
        self.sign_batch_action.setEnabled(acting)
        registry = False
        if s is not None:
            registry = s.letters.is_registry(s.nip, s.today())
        self.register_action.setEnabled(registry)
        self.register_action.setVisible(registry)

    def _update_status(self) -> None:
        s = self.services
        if s is None:
            self.workspace_label.setText(self.tr("No workspace open"))
            self.demo_badge.hide()
            return
        who = s.person_name(s.nip) if s.nip else self.tr("no owner yet")
        self.workspace_label.setText(
            self.tr("%1 · %2").replace("%1", who).replace("%2", str(s.workspace.path))
        )
        self.demo_badge.setVisible(s.is_demo)

    def _focus_search(self) -> None:
        screen = self.screens.get(self.current_queue())
        filters = getattr(screen, "filters", None)
        if filters is not None:
            filters.search.setFocus()
            filters.search.selectAll()

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = self.settings.geometry("window/splitter")
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)


def waiting_for_signature(services: Services) -> list[str]:
    """Ids of the letters waiting for ``services.nip``'s signature (or electronic paraf)."""

    now = services.clock()
    ids: list[str] = []
    while True:
        page = services.letters.page(
            Queue.PERLU_DITANDATANGANI,
            services.nip,
            today=services.today(),
            now=now,
            offset=len(ids),
        )
        ids += [row.letter_id for row in page]
        if len(page) < 200:
            return ids
