"""Settings → Arsip: the archive this workspace is linked to, this computer, signing out,
signing in again, forgetting this computer; and, for an administrator of the archive, who
is linked (read-only: enrolling and disabling stay on the server's command line).

Signing out and forgetting go through the core (:func:`tnde.sync.sign_out`,
:func:`tnde.sync.forget_archive`), with the window's background sync paused first: one
refresh token is in use at a time, and the archive revokes a computer whose token is used
twice. The administrator's view asks the archive through the running sync's own
:class:`~tnde.sync.Syncer`, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tnde import sync
from ui.dialogs.buttons import confirm
from ui.dialogs.settings_page import SettingsPage
from ui.errors import show_failure
from ui.workers import QueryOp

if TYPE_CHECKING:
    from ui.services import Services
    from ui.settings import UiSettings
    from ui.sync.window_sync import WindowSync

__all__ = ["ArchivePage"]


class ArchivePage(SettingsPage):
    """The workspace's link to its archive."""

    def __init__(
        self,
        services: Services | None,
        settings: UiSettings,
        window_sync: WindowSync | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.window_sync = window_sync
        self.link = (
            sync.link_of(services.workspace)
            if services is not None and not services.is_demo
            else None
        )
        layout = QVBoxLayout(self)
        if self.link is None:
            text = QLabel(
                self.tr(
                    "This workspace is not linked to an archive: its letters stay on this "
                    "computer. To work with the office's archive, choose \u201cLink to my "
                    "office's archive\u201d when TNDE Desktop starts without a workspace, or "
                    "run: tnde archive link URL"
                )
                if services is not None and not services.is_demo
                else self.tr("A demo workspace is not linked to an archive.")
            )
            text.setWordWrap(True)
            layout.addWidget(text)
            layout.addStretch(1)
            return
        assert services is not None
        link = self.link
        form = QFormLayout()
        form.addRow(self.tr("Archive:"), QLabel(link.url))
        form.addRow(self.tr("Archive id:"), QLabel(link.archive_id))
        form.addRow(
            self.tr("Signed in as:"),
            QLabel(f"{services.person_name(link.nip)} ({link.nip})"),
        )
        form.addRow(self.tr("This computer:"), QLabel(services.workspace.device_id))
        fingerprint = self.tr("pinned certificate") if link.certificate else self.tr("none")
        form.addRow(self.tr("Certificate:"), QLabel(fingerprint))
        layout.addLayout(form)
        self.sign_in_button = QPushButton(self.tr("Sign in again…"))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.forget_button = QPushButton(self.tr("Forget this computer…"))
        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.sign_out_button.clicked.connect(self._on_sign_out)
        self.forget_button.clicked.connect(self._on_forget)
        row = QHBoxLayout()
        for button in (self.sign_in_button, self.sign_out_button, self.forget_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.notify = QCheckBox(self.tr("Tell me when new work arrives (“2 letters to review”)"))
        self.notify.setChecked(settings.notify_arrivals)
        layout.addWidget(self.notify)
        self.state = QLabel()
        self.state.setObjectName("muted")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.desks_title = QLabel(self.tr("Linked desks (administrator's view)"))
        self.desks_title.setObjectName("section_title")
        self.desks = QTableWidget(0, 5)
        self.desks.setHorizontalHeaderLabels(
            [
                self.tr("Official"),
                self.tr("NIP"),
                self.tr("Account"),
                self.tr("Computer"),
                self.tr("Last seen"),
            ]
        )
        self.desks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.desks.horizontalHeader().setStretchLastSection(True)
        self.desks_title.hide()
        self.desks.hide()
        layout.addWidget(self.desks_title)
        layout.addWidget(self.desks, 1)
        self._load_desks()

    def title(self) -> str:
        return self.tr("Archive")

    def apply(self) -> None:
        if self.link is not None:
            self.settings.notify_arrivals = self.notify.isChecked()

    # -- the administrator's view ------------------------------------------------------

    def _load_desks(self) -> None:
        syncer = self.window_sync.controller.syncer() if self.window_sync else None
        if syncer is None:
            return

        def load() -> list[dict[str, Any]]:
            if not syncer.me().get("admin"):
                return []
            return syncer.linked_desks()

        QueryOp(self, load).success(self._on_desks).failure(lambda _exc: None).run()

    def _on_desks(self, accounts: list[dict[str, Any]]) -> None:
        rows = [
            (account, device) for account in accounts for device in (account.get("devices") or [{}])
        ]
        if not rows:
            return
        self.desks.setRowCount(len(rows))
        for n, (account, device) in enumerate(rows):
            computer = str(device.get("name", ""))
            if device.get("revoked_at"):
                computer += self.tr(" (removed)")
            values = (
                str(account.get("nama", "")),
                str(account.get("nip", "")),
                str(account.get("state", "")),
                computer,
                str(device.get("last_seen_at") or ""),
            )
            for column, value in enumerate(values):
                self.desks.setItem(n, column, QTableWidgetItem(value))
        self.desks.resizeColumnsToContents()
        self.desks_title.show()
        self.desks.show()

    # -- signing out, in, forgetting ----------------------------------------------------

    def _on_sign_in(self) -> None:
        if self.window_sync is not None:
            self.window_sync.ask_sign_in()

    def _on_sign_out(self) -> None:
        if self.services is None or self.window_sync is None:
            return
        if not confirm(
            self,
            self.tr("Sign out"),
            self.tr(
                "This computer stops sending and receiving until you sign in again with "
                "your password. Your work stays here and is sent after you sign in."
            ),
            self.tr("Sign out"),
        ):
            return
        ws, secrets = self.services.workspace, self.window_sync.secrets
        settled = self.window_sync.pause()

        def sign_out() -> bool:
            settled()  # the stopped sync holds no token trade open any more
            return sync.sign_out(ws, secrets)

        # on the shared pool, not the write pool: an unreachable archive may take seconds
        # to fail, and the official's actions must not queue behind it
        QueryOp(self, sign_out).success(self._on_signed_out).failure(self._on_failed).run()

    def _on_forget(self) -> None:
        if self.services is None or self.window_sync is None:
            return
        if not confirm(
            self,
            self.tr("Forget this computer"),
            self.tr(
                "This computer signs out and is no longer linked to the archive. The letters "
                "stay in this workspace. Actions not yet sent are refused: send them first."
            ),
            self.tr("Forget"),
        ):
            return
        self._forget(force=False)

    def _forget(self, *, force: bool) -> None:
        assert self.services is not None
        assert self.window_sync is not None
        ws, secrets = self.services.workspace, self.window_sync.secrets
        settled = self.window_sync.pause()

        def forget() -> bool:
            settled()
            return sync.forget_archive(ws, secrets, force=force)

        QueryOp(self, forget).success(self._on_forgotten).failure(self._on_forget_failed).run()

    def _on_forget_failed(self, exc: BaseException) -> None:
        ws = self.services.workspace if self.services else None
        waiting = sync.status(ws)["pending"] if ws is not None else 0
        if waiting and confirm(
            self,
            self.tr("Forget this computer"),
            self.tr(
                "%1 action(s) of this computer have not reached the archive. Forget the "
                "archive anyway? They stay in this workspace but will not be sent."
            ).replace("%1", str(waiting)),
            self.tr("Forget anyway"),
        ):
            self._forget(force=True)
            return
        self._on_failed(exc)

    def _on_signed_out(self, _told: object) -> None:
        self.state.setText(self.tr("Signed out. Sign in again to send and receive."))

    def _on_forgotten(self, _told: object) -> None:
        if self.window_sync is not None:
            self.window_sync.controller.stop()  # no archive any more: nothing to restart
        self.state.setText(
            self.tr("This computer is no longer linked to the archive; restart TNDE Desktop.")
        )
        for button in (self.sign_in_button, self.sign_out_button, self.forget_button):
            button.setEnabled(False)

    def _on_failed(self, exc: BaseException) -> None:
        if self.window_sync is not None:
            self.window_sync.controller.resume()
        show_failure(self, exc, action=self.tr("The archive link was not changed."))
