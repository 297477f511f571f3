"""What a main window does for a linked workspace: run the sync in the background once the
window shows, keep the status bar's sync button current, send after every action, refresh
the queues when the feed brings something, tell the user what arrived ("2 naskah perlu
diperiksa", which can be turned off in Settings), and ask for the password again when the
archive no longer accepts the stored sign-in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

from tnde import sync
from tnde.lazy import lazy_function
from ui.sync.controller import SyncController
from ui.sync.status import SyncStatusButton
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

    from tnde.secrets import SecretStore
    from tnde.sync import SyncChange
    from ui.screens.dashboard import Counts
    from ui.services import Services
    from ui.settings import UiSettings
    from ui.sync.details_dialog import SyncDetailsDialog
    from ui.sync.sign_in import SignInDialog
else:  # dialogs load when first opened
    SyncDetailsDialog = lazy_function("ui.sync.details_dialog", "SyncDetailsDialog")
    SignInDialog = lazy_function("ui.sync.sign_in", "SignInDialog")

log = logging.getLogger(__name__)

__all__ = ["WindowSync", "arrivals_text"]

translate = QCoreApplication.translate

NOTICE_MS = 10_000
"""How long an arrival notice stays in the status bar."""


def arrivals_text(before: Counts, after: Counts) -> str:
    """What arrived between two readings of the counters, in words ("" when nothing new
    waits for the user)."""
    grown = [
        (after.perlu_diperiksa - before.perlu_diperiksa, translate("SyncNotice", "%1 to review")),
        (
            after.perlu_ditandatangani - before.perlu_ditandatangani,
            translate("SyncNotice", "%1 to sign"),
        ),
        (after.siap_dikirim - before.siap_dikirim, translate("SyncNotice", "%1 ready to send")),
        (after.masuk - before.masuk, translate("SyncNotice", "%1 incoming")),
        (after.disposisi - before.disposisi, translate("SyncNotice", "%1 dispositions")),
        (after.tembusan - before.tembusan, translate("SyncNotice", "%1 copies")),
    ]
    parts = [text.replace("%1", str(delta)) for delta, text in grown if delta > 0]
    return ", ".join(parts)


class WindowSync(QObject):
    """The sync of one main window's linked workspace."""

    sig_sign_in_needed = Signal(str)
    """The archive wants the password again (the reason: str)."""
    sig_received = Signal(object)
    """The feed brought events (:class:`tnde.sync.SyncChange`)."""
    sig_sent = Signal(object)
    """The archive accepted actions of this desk (:class:`tnde.sync.SyncChange`)."""
    sig_attention_changed = Signal(int)
    """How many items wait in "Perlu perhatian" (int)."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        settings: UiSettings,
        secrets: SecretStore | None = None,
        *,
        wait: float | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.settings = settings
        self.controller = SyncController(services.workspace, secrets, self, wait=wait)
        self.secrets = self.controller.secrets
        self.button = SyncStatusButton(services.letters.zone)
        self.button.set_snapshot(self.controller.snapshot())
        self.button.sig_details_requested.connect(self.show_details)
        window.statusBar().addPermanentWidget(self.button)
        self.controller.sig_changed.connect(self._on_changed)
        self._signed_out = ""
        self._rejected = -1
        self._counts_before: Counts | None = None
        self._announce = False
        self._tray: QSystemTrayIcon | None = None
        self.last_notice = ""
        """The last arrival announced ("" before the first)."""

    # -- control ------------------------------------------------------------------------

    def start_soon(self) -> None:
        """Start syncing once the event loop runs (the window is on screen first)."""
        QTimer.singleShot(0, self.controller.start)
        QTimer.singleShot(0, self.reload_attention)

    def reload_attention(self) -> None:
        """Count what waits in "Perlu perhatian" (refused actions and drafts edited at two
        desks) and say so (:attr:`sig_attention_changed`)."""
        services = self.services
        QueryOp(self.window, lambda: len(sync.attention(services.workspace, services.nip))).success(
            self.sig_attention_changed.emit
        ).run()

    def stop(self) -> None:
        """Stop syncing (the window closes)."""
        self.controller.stop()

    def poke(self) -> None:
        """An action was made: send it now."""
        self.controller.poke()

    def pause(self) -> Callable[[], None]:
        """Stop syncing while the desk signs out or forgets the archive; the status bar
        says so, and nothing restarts it until the official signs in again. Returns what
        waits for the stopped sync to let go of the token (:meth:`SyncController.pause`)."""
        self._signed_out = translate("WindowSync", "signed out")
        settled = self.controller.pause(self._signed_out)
        self.button.set_snapshot(self.controller.snapshot())
        return settled

    def counts_loaded(self, counts: Counts) -> None:
        """The window read its counters: announce what the feed brought since the last time."""
        before, self._counts_before = self._counts_before, counts
        if not self._announce or before is None:
            return
        self._announce = False
        text = arrivals_text(before, counts)
        if text and self.settings.notify_arrivals:
            self.notify(text)

    def notify(self, text: str) -> None:
        """Tell the user something arrived: in the status bar, and in the system tray where
        there is one."""
        self.window.statusBar().showMessage(self.tr("New work: %1").replace("%1", text), NOTICE_MS)
        self.last_notice = text
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.window.windowIcon(), self)
                self._tray.show()
            self._tray.showMessage("TNDE Desktop", text, QSystemTrayIcon.MessageIcon.Information)

    def show_details(self) -> None:
        """The details dialog behind the status bar's button."""
        dialog = SyncDetailsDialog(
            self.services.workspace,
            self.controller.snapshot(),
            self.services.letters.zone,
            self.window,
        )
        dialog.sig_send_requested.connect(self.poke)
        dialog.sig_sign_in_requested.connect(self.ask_sign_in)
        self.details_dialog = dialog
        dialog.open()

    def ask_sign_in(self) -> None:
        """Ask for the password again (one dialog at a time); a computer the administrator
        removed is told what to do instead, since no password helps it."""
        if self.controller.snapshot().removed:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Archive"),
                self.tr(
                    "The administrator removed this computer from the archive. Ask for a new "
                    "enrolment code; then, in Settings → Arsip, forget this computer and link "
                    "it again. Your work stays in this workspace."
                ),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            self.removed_box = box
            box.open()
            return
        current = getattr(self, "sign_in_dialog", None)
        if current is not None and shiboken6.isValid(current) and current.isVisible():
            current.raise_()
            current.activateWindow()
            return
        dialog = SignInDialog(self.services.workspace, self.secrets, self._signed_out, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_signed_in.connect(self.controller.resume)
        self.sign_in_dialog = dialog
        dialog.open()

    # -- slots --------------------------------------------------------------------------

    def _on_changed(self, change: SyncChange) -> None:
        # A trade in flight when the desk signed out still reports; the pause has the last
        # word on what the status shows, or "online" would return after "signed out".
        snapshot = self.controller.snapshot() if self.controller.paused else change.snapshot
        self.button.set_snapshot(snapshot)
        if snapshot.signed_out and snapshot.signed_out != self._signed_out:
            self._signed_out = snapshot.signed_out
            self.sig_sign_in_needed.emit(snapshot.signed_out)
        elif not snapshot.signed_out:
            self._signed_out = ""
        if change.received:
            self._announce = True
            self.sig_received.emit(change)
        if change.sent:
            self.sig_sent.emit(change)
        if change.received or snapshot.rejected != self._rejected:
            self._rejected = snapshot.rejected
            self.reload_attention()
