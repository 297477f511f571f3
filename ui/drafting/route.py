"""The review route of a draft: suggested from the org chart, editable by hand."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tnde.errors import OrgError
from ui.drafting.models import RouteEntry, RouteStepModel
from ui.drafting.picker import JabatanPickerDialog

if TYPE_CHECKING:
    from tnde.workflow import Step
    from ui.drafting.directory import OrgDirectory
    from ui.drafting.models import JabatanEntry

log = logging.getLogger(__name__)


class RoutePanel(QWidget):
    """Reviewers (paraf) in order, then the signer; the suggestion can be edited freely."""

    sig_route_edited = Signal()
    """The route changed (suggested anew or edited by hand)."""

    def __init__(self, paraf_max: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paraf_max = paraf_max
        self._directory: OrgDirectory | None = None
        self.signer_jabatan_id = ""
        """The jabatan that signs (the route's last step)."""
        self.edited_by_hand = False
        self.model = RouteStepModel(self)
        self.model.kind_labels = {
            "periksa": self.tr("Review (paraf)"),
            "paraf_koordinasi": self.tr("Coordination paraf"),
            "tandatangan": self.tr("Signature"),
        }
        self.model.headers = (
            self.tr("No."),
            self.tr("Step"),
            self.tr("Jabatan"),
            self.tr("Holder"),
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Review route"))
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMinimumHeight(120)
        self.view.setMaximumHeight(150)
        self.note = QLabel()
        self.note.setObjectName("fieldHelp")
        self.note.setWordWrap(True)
        self.signer_button = QPushButton(self.tr("Choose signer…"))
        self.add_button = QPushButton(self.tr("Add reviewer…"))
        self.remove_button = QPushButton("✕")
        self.remove_button.setToolTip(self.tr("Remove the selected step"))
        self.up_button = QPushButton("↑")
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button = QPushButton("↓")
        self.down_button.setToolTip(self.tr("Move down"))
        self.suggest_button = QPushButton(self.tr("Suggested route"))
        self.suggest_button.setToolTip(self.tr("Rebuild the route from the org chart"))
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setFixedWidth(32)
        for button in (self.signer_button, self.add_button, self.suggest_button):
            button.setEnabled(False)

        side = QVBoxLayout()
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        table = QHBoxLayout()
        table.addWidget(self.view, 1)
        table.addLayout(side)
        buttons = QHBoxLayout()
        buttons.addWidget(self.signer_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.suggest_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(table)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

        self.signer_button.clicked.connect(self._on_signer_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(self._on_up_clicked)
        self.down_button.clicked.connect(self._on_down_clicked)
        self.suggest_button.clicked.connect(self._on_suggest_clicked)
        self.note.setText(self.tr("Choose the signer to get the suggested route."))

    # -- public API ---------------------------------------------------------------------------

    def set_directory(self, directory: OrgDirectory) -> None:
        """Use this org chart for suggestions and pickers."""
        self._directory = directory
        enabled = bool(directory.entries)
        for button in (self.signer_button, self.add_button, self.suggest_button):
            button.setEnabled(enabled)
        if self.signer_jabatan_id and not self.model.rowCount():
            self.suggest(self.signer_jabatan_id)

    def suggest(self, signer_jabatan_id: str) -> bool:
        """Replace the route with the org chart's suggestion up to ``signer_jabatan_id``.

        When the chart gives none (the signer is not above the konseptor, too many paraf, a
        vacant jabatan) the signer alone is set and the reason is shown; whether a full
        suggestion was made.
        """
        self.signer_jabatan_id = signer_jabatan_id
        if self._directory is None:
            return False
        try:
            steps = self._directory.suggested_route(signer_jabatan_id, self.paraf_max)
        except OrgError as exc:
            log.info("no suggested route: %s", exc.code)
            self.model.set_steps([self._directory.route_entry("tandatangan", signer_jabatan_id)])
            self.note.setText(
                self.tr("No route from the org chart (%1); add the reviewers by hand.").replace(
                    "%1", exc.detail
                )
            )
            self.edited_by_hand = False
            self.sig_route_edited.emit()
            return False
        self.model.set_steps(steps)
        self.edited_by_hand = False
        self.note.setText(self.tr("Suggested from the org chart; you may change it."))
        self.sig_route_edited.emit()
        return True

    def set_route(self, steps: tuple[Step, ...]) -> None:
        """Show a route stored with the letter."""
        make = self._directory.route_entry if self._directory else RouteEntry
        self.model.set_steps([make(s.kind, s.jabatan_id) for s in steps])
        signing = [s for s in steps if s.kind == "tandatangan"]
        self.signer_jabatan_id = signing[-1].jabatan_id if signing else ""
        self.edited_by_hand = True
        self.note.setText(self.tr("The route saved with the letter."))

    def add_reviewers(self, entries: list[JabatanEntry]) -> None:
        """Add reviewers (periksa) before the signature."""
        for entry in entries:
            self.model.insert_reviewer(
                RouteEntry("periksa", entry.jabatan_id, entry.nama, entry.holder)
            )
        if entries:
            self._edited()

    def steps(self) -> list[dict[str, str]]:
        """The route as :meth:`tnde.workflow.letters.Letters.set_route` takes it."""
        return [{"kind": s.kind, "jabatan_id": s.jabatan_id} for s in self.model.steps()]

    def is_complete(self) -> bool:
        """Whether the route ends with a signature."""
        steps = self.model.steps()
        return bool(steps) and steps[-1].kind == "tandatangan"

    # -- slots --------------------------------------------------------------------------------

    def _on_up_clicked(self) -> None:
        self._move(-1)

    def _on_down_clicked(self) -> None:
        self._move(+1)

    def _on_signer_clicked(self) -> None:
        self._pick(self.tr("Signer"), multiple=False, then=lambda e: self.suggest(e[0].jabatan_id))

    def _on_add_clicked(self) -> None:
        self._pick(self.tr("Add reviewers"), multiple=True, then=self.add_reviewers)

    def _on_remove_clicked(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.remove(row)
            self._edited()

    def _on_suggest_clicked(self) -> None:
        if self.signer_jabatan_id:
            self.suggest(self.signer_jabatan_id)
        else:
            self._on_signer_clicked()

    # -- helpers ------------------------------------------------------------------------------

    def _pick(self, title: str, *, multiple: bool, then: Any) -> None:
        if self._directory is None:
            return
        dialog = JabatanPickerDialog(
            self._directory.entries, title=title, multiple=multiple, parent=self
        )

        def accepted() -> None:
            chosen = dialog.chosen()
            if chosen:
                then(chosen)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _move(self, delta: int) -> None:
        row = self.view.currentIndex().row()
        if self.model.move(row, delta):
            self.view.selectRow(row + delta)
            self._edited()

    def _edited(self) -> None:
        self.edited_by_hand = True
        self.note.setText(self.tr("Route changed by hand."))
        self.sig_route_edited.emit()

    def focus_steps(self) -> None:
        """Give the keyboard focus to the list of steps."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
