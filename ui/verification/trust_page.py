"""Settings → Trust roots: the root CAs whose signatures this workspace trusts
(:class:`tnde.pki.TrustDesk`, which audits every change), with how the letter footer names
their issuers.

Adding and removing take effect at once (they are written to the workspace's
``pki/trust.toml``), whatever button closes the settings dialog. A page of the settings
dialog (:class:`ui.dialogs.settings_page.SettingsPage`).
"""

from __future__ import annotations

import enum
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tnde.formatting import format_tanggal
from tnde.pki import TrustDesk
from ui.dialogs.buttons import confirm
from ui.dialogs.settings_page import SettingsPage
from ui.errors import show_failure, show_status
from ui.icons import icon
from ui.models.items import ItemsTableModel
from ui.verification.add_root_dialog import AddRootDialog
from ui.widgets.tables import list_table
from ui.workers import Op, QueryOp

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.pki import TrustedRoot
    from ui.services import Services

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
log = logging.getLogger(__name__)

__all__ = ["TrustRootsModel", "TrustRootsPage"]


class TrustRole(enum.IntEnum):
    """Custom data roles of :class:`TrustRootsModel`."""

    FINGERPRINT = Qt.ItemDataRole.UserRole
    """The root's SHA-256 fingerprint (str)."""


class TrustRootsModel(ItemsTableModel):
    """Label, subject, expiry, DEMO mark and footer issuer of each trusted root."""

    titles = (
        lambda: translate("TrustRootsModel", "Name"),
        lambda: "",
        lambda: translate("TrustRootsModel", "Subject"),
        lambda: translate("TrustRootsModel", "Valid until"),
        lambda: translate("TrustRootsModel", "Footer names the issuer as"),
    )

    def __init__(self, demo_workspace: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self._demo_workspace = demo_workspace

    def set_roots(self, roots: Sequence[TrustedRoot]) -> None:
        """Show ``roots``."""
        self._set_items(roots)

    def roots(self) -> list[TrustedRoot]:
        """The roots shown."""
        return list(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        root: TrustedRoot | None = self._item(index)
        if root is None:
            return None
        column = index.column()
        if role == TrustRole.FINGERPRINT:
            return root.fingerprint
        if role == Qt.ItemDataRole.DisplayRole:
            footer = root.footer_issuer or translate(
                "TrustRootsModel", "(the issuing CA's own name)"
            )
            return (
                root.label,
                "DEMO" if root.demo else "",
                root.subject,
                format_tanggal(root.not_after.date()),
                footer,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1 and root.demo:
                return (
                    translate("TrustRootsModel", "A test root: trusted in demo workspaces only.")
                    if self._demo_workspace
                    else translate(
                        "TrustRootsModel", "A test root: ignored, this is not a demo workspace."
                    )
                )
            return f"SHA-256 {root.fingerprint}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor("#8a5a00")
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and not root.footer_issuer:
            return QColor("#6b7686")
        if role == Qt.ItemDataRole.FontRole and column in (0, 1):
            font = QFont()
            font.setBold(True)
            return font
        return None


class TrustRootsPage(SettingsPage):
    """The workspace's trusted roots, with Add and Remove."""

    def __init__(self, services: Services | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.last_dialog: AddRootDialog | None = None
        """The add dialog opened last (tests drive it)."""
        demo = bool(services is not None and services.is_demo)
        self.model = TrustRootsModel(demo, self)
        self.table = list_table(self.model, self.tr("Trusted roots"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(icon("new"), self.tr("Add root…"))
        self.remove_button = QPushButton(icon("reject"), self.tr("Remove"))
        self.remove_button.setEnabled(False)
        note = QLabel(
            self.tr(
                "Signatures are trusted only when they lead to one of these roots; the "
                "computer's own certificate store is never used. Changes are saved at once."
            )
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.remove_button.setEnabled(self.table.currentIndex().isValid())
        )
        self.add_button.setEnabled(services is not None)
        self.reload()

    # -- SettingsPage -------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Trust roots")

    def has_content(self) -> bool:
        return self.services is not None

    # -- public API ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the trust store again."""
        store = self._store()
        if store is None:
            return
        QueryOp(self, store.list).success(self._on_loaded).run()

    def add_root_file(self, path: Path) -> AddRootDialog | None:
        """Open the dialog that adds the root certificate in ``path`` (what Add does)."""
        store = self._store()
        if store is None:
            return None
        dialog = AddRootDialog(self, store, path)
        self.last_dialog = dialog
        dialog.accepted.connect(self._on_added)
        dialog.open()
        return dialog

    def remove_root(self, fingerprint: str) -> None:
        """Stop trusting the root ``fingerprint`` (after the confirmation)."""
        store = self._store()
        if store is None:
            return
        Op(self, lambda: store.remove(fingerprint)).success(self._on_removed).failure(
            self._on_remove_failed
        ).run()

    # -- slots --------------------------------------------------------------------------------

    def _on_loaded(self, roots: list[TrustedRoot]) -> None:
        self.model.set_roots(roots)
        self.remove_button.setEnabled(False)

    def _on_add_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a root certificate"),
            "",
            self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"),
        )
        if path:
            self.add_root_file(Path(path))

    def _on_added(self) -> None:
        show_status(self, self.tr("The root was added to the trust store."))
        self.reload()

    def _on_remove_clicked(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        root = self.model.roots()[index.row()]
        question = self.tr(
            "Stop trusting %1? Signatures that lead only to this root will no longer be SAH "
            "in this workspace."
        ).replace("%1", root.label)
        if confirm(self, self.tr("Remove trust root"), question, self.tr("Remove")):
            self.remove_root(root.fingerprint)

    def _on_remove_failed(self, exc: BaseException) -> None:
        show_failure(self, exc, action=self.tr("The root could not be removed."))

    def _on_removed(self, _root: object) -> None:
        show_status(self, self.tr("The root was removed from the trust store."))
        self.reload()

    # -- helpers ------------------------------------------------------------------------------

    def _store(self) -> Any:
        if self.services is None:
            return None

        # changes are the owner's, audited, like the command line's
        return TrustDesk(self.services.workspace, self.services.nip)
