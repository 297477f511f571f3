"""The findings panel: what the core's linter says about the draft; click one to go there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedLayout,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tnde.lint import Finding, Severity
from ui.drafting.models import DraftRole

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import QPersistentModelIndex

    _Index = QModelIndex | QPersistentModelIndex

_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class FindingListModel(QAbstractListModel):
    """The linter's findings, errors first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def findings(self) -> list[Finding]:
        """Every finding shown."""
        return list(self._findings)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Replace the findings (after each check of the draft)."""
        if list(findings) == self._findings:
            return
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == Qt.ItemDataRole.DecorationRole:
            from PySide6.QtWidgets import QApplication

            return QApplication.style().standardIcon(_ICONS[finding.severity])
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f" · {finding.field}" if finding.field else ""
            return f"{finding.rule_id} ({finding.severity.label}){where}"
        if role == DraftRole.ID:
            return finding.field
        if role == DraftRole.ITEM:
            return finding
        return None


class FindingsPanel(QWidget):
    """A titled list of findings; a click asks the editor to focus the field concerned."""

    sig_field_requested = Signal(str)
    """The user clicked a finding about a field (dotted field path: str)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingListModel(self)
        self.title = QLabel(self.tr("Rule checks"))
        self.title.setObjectName("panelTitle")
        self.summary = QLabel()
        self.summary.setObjectName("panelSummary")
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setIconSize(QSize(16, 16))
        self.view.setSpacing(2)
        self.view.setAccessibleName(self.tr("Checks of the draft"))
        self.view.setMouseTracking(True)
        self.empty = QLabel(self.tr("No problems found by the checks."))
        self.empty.setObjectName("emptyNote")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.summary)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addLayout(head)
        layout.addLayout(self.stack, 1)

        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.set_findings([])

    # -- public API ---------------------------------------------------------------------------

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show the findings of the latest check."""
        self.model.set_findings(findings)
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        parts = []
        if counts[Severity.ERROR]:
            parts.append(self.tr("%n error(s)", "", counts[Severity.ERROR]))
        if counts[Severity.WARNING]:
            parts.append(self.tr("%n warning(s)", "", counts[Severity.WARNING]))
        if counts[Severity.INFO]:
            parts.append(self.tr("%n note(s)", "", counts[Severity.INFO]))
        self.summary.setText(" · ".join(parts))
        self.stack.setCurrentWidget(self.view if findings else self.empty)

    # -- slots --------------------------------------------------------------------------------

    def _on_view_clicked(self, index: QModelIndex) -> None:
        path = index.data(DraftRole.ID)
        if path:
            self.sig_field_requested.emit(str(path))
