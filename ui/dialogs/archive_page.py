"""Settings → Archive server: the central archive's address and the access token for it.

The address is domain configuration and goes to the workspace's ``config.toml``
(:meth:`tnde.workspace.Workspace.save_config`, checked by
:class:`tnde.workspace.config.WorkspaceConfig`). The token is a secret and goes to the OS
keyring through :class:`tnde.secrets.SecretStore`, never to ``config.toml`` or
the UI settings. The page never shows a stored token, only whether there is one. Without a
usable keyring it says so and the token is not kept anywhere.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from tnde.errors import SecretStoreUnavailable, ValidationError
from tnde.secrets import SERVICE, KeyringSecretStore, archive_account
from ui.dialogs.settings_page import SettingsPage
from ui.errors import clear_field_error, show_failure, show_field_error
from ui.messages import describe_error

if TYPE_CHECKING:
    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace, WorkspaceConfig
    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = ["ArchiveServerPage"]


class ArchiveServerPage(SettingsPage):
    """The archive server URL (``config.toml``) and its access token (OS keyring)."""

    def __init__(self, services: Services | None, store: SecretStore | None = None) -> None:
        super().__init__()
        self.workspace: Workspace | None = services.workspace if services is not None else None
        self.store: SecretStore = store if store is not None else KeyringSecretStore()
        self.keyring_unavailable = False
        """The keyring refused; the token field stays empty and disabled."""
        self._config: WorkspaceConfig | None = None
        self.failure_box: QMessageBox | None = None
        """The message shown when the keyring refused the token on OK (kept alive here)."""
        saved = self.workspace.config.archive_url if self.workspace is not None else None

        self.url_error = self._error_label()
        self.token_error = self._error_label()
        self.url = QLineEdit(saved or "")
        self.url.setPlaceholderText("https://arsip.example.go.id")
        self.url.setAccessibleName(self.tr("Archive server URL"))
        self.url.textEdited.connect(lambda _text: clear_field_error(self.url_error, self.url))
        url_note = self._muted(
            self.tr("Leave it empty to keep letters in this workspace's own archive.")
        )

        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleName(self.tr("Access token"))
        self.token.textEdited.connect(lambda _text: clear_field_error(self.token_error, self.token))
        self.token_state = QLabel()
        self.token_state.setObjectName("token_state")
        self.delete_token = QPushButton(self.tr("Delete token"))
        self.delete_token.clicked.connect(self._on_delete_token)
        state_row = QHBoxLayout()
        state_row.addWidget(self.token_state, 1)
        state_row.addWidget(self.delete_token)
        token_note = self._muted(
            self.tr(
                "The token is kept in the system keyring (Secret Service, Windows Credential "
                "Manager or Keychain), never in a file, and is never shown again. Ask the "
                "archive administrator for a token; your password is not needed."
            )
        )

        form = QFormLayout(self)
        form.addRow(self.tr("Archive server"), self.url)
        form.addRow("", self.url_error)
        form.addRow("", url_note)
        form.addRow(self.tr("Access token"), self.token)
        form.addRow("", self.token_error)
        form.addRow("", state_row)
        form.addRow("", token_note)
        self._refresh_token_state()

    def title(self) -> str:
        return self.tr("Archive server")

    def has_content(self) -> bool:
        return self.workspace is not None

    def validate(self) -> bool:
        if self.workspace is None:
            return True
        url = self.url.text().strip() or None
        try:
            self._config = dataclasses.replace(self.workspace.config, archive_url=url)
        except ValidationError as exc:
            text = (
                self.tr("Enter an address that starts with http:// or https://.")
                if exc.field == "archive.url"
                else describe_error(exc)[1]
            )
            show_field_error(self.url_error, self.url, text)
            return False
        if url is None and self.token.text().strip():
            show_field_error(
                self.token_error,
                self.token,
                self.tr("A token belongs to one archive server: enter its URL first."),
            )
            return False
        return True

    def apply(self) -> None:
        if self.workspace is None or (self._config is None and not self.validate()):
            return
        assert self._config is not None
        old_url = self.workspace.config.archive_url
        new_url = self._config.archive_url
        if self._config != self.workspace.config:
            self.workspace.save_config(self._config)
        token = self.token.text().strip()
        self.token.clear()
        if self.keyring_unavailable:
            return
        try:
            if old_url is not None and old_url != new_url:
                # the token was issued by the old server: never send it to another one
                self.store.delete(SERVICE, archive_account(self.workspace.workspace_id, old_url))
            if token and new_url is not None:
                self.store.set(
                    SERVICE, archive_account(self.workspace.workspace_id, new_url), token
                )
        except SecretStoreUnavailable as exc:
            self._show_unavailable(exc)
            if token:
                # the dialog is closing: tell it over the main window
                self.failure_box = show_failure(
                    self.window().parentWidget(),
                    exc,
                    action=self.tr("The archive server token was not saved."),
                )
            return
        self._refresh_token_state()

    # -- the token ------------------------------------------------------------------------------

    def _account(self) -> str | None:
        if self.workspace is None or self.workspace.config.archive_url is None:
            return None
        return archive_account(self.workspace.workspace_id, self.workspace.config.archive_url)

    def _refresh_token_state(self) -> None:
        account = self._account()
        if account is None:
            self.token_state.setText(self.tr("No archive server is set."))
            self.delete_token.setEnabled(False)
            return
        try:
            stored = self.store.get(SERVICE, account) is not None
        except SecretStoreUnavailable as exc:
            self._show_unavailable(exc)
            return
        self.token_state.setText(
            self.tr("A token is stored for this server.")
            if stored
            else self.tr("No token is stored for this server.")
        )
        self.delete_token.setEnabled(stored)
        self.token.setPlaceholderText(
            self.tr("Leave empty to keep the stored token") if stored else ""
        )

    def _on_delete_token(self) -> None:
        account = self._account()
        if account is None:
            return
        try:
            self.store.delete(SERVICE, account)
        except SecretStoreUnavailable as exc:
            self._show_unavailable(exc)
            return
        log.info("archive server token deleted")
        self._refresh_token_state()

    def _show_unavailable(self, exc: SecretStoreUnavailable) -> None:
        """No usable keyring: say so next to the token field, and keep no token."""
        self.keyring_unavailable = True
        self.token.clear()
        self.token.setEnabled(False)
        self.delete_token.setEnabled(False)
        self.token_state.setText(self.tr("Whether a token is stored cannot be checked."))
        show_field_error(self.token_error, self.token, describe_error(exc)[1])

    # -- layout helpers ---------------------------------------------------------------------------

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("field_error")
        label.setWordWrap(True)
        label.hide()
        return label

    def _muted(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("muted")
        label.setWordWrap(True)
        return label
