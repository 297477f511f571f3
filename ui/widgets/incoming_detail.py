"""The detail pane of an incoming letter: its PDF, its registration data, the disposition
tree with each disposition's progress, the history, and the actions the rules allow the
current user now (:func:`tnde.incoming.queries.allowed_incoming_actions`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.labels import event_label, incoming_status_label
from ui.models.disposition_tree import ROLE_ID, DispositionTreeModel
from ui.models.letters import format_day, format_when
from ui.models.rows import RowsTableModel
from ui.widgets.pdf_preview import PdfPreview
from ui.workers import QueryOp

if TYPE_CHECKING:
    from tnde.incoming.queries import IncomingAction
    from tnde.incoming.state import IncomingState
    from tnde.workflow.events import Event
    from ui.services import Services

__all__ = ["IncomingDetail", "IncomingInfo", "load_incoming_info"]


@dataclass(frozen=True)
class IncomingInfo:
    """Everything the pane shows, read on a worker thread."""

    state: IncomingState
    actions: tuple[IncomingAction, ...]
    tree: list[dict[str, Any]]
    history: tuple[Event, ...]
    names: dict[str, str]


def load_incoming_info(services: Services, incoming_id: str) -> IncomingInfo:
    """Read an incoming letter, its tree, history and allowed actions (worker)."""
    from tnde.incoming.queries import allowed_incoming_actions

    desk = services.desk
    state = desk.get(incoming_id)
    conn = services.workspace.thread_connection()
    actions = tuple(allowed_incoming_actions(conn, state, services.nip, services.today()))
    chart = services.org()
    names = {p.nip: p.nama for p in chart.pegawai}
    names.update({j.jabatan_id: j.nama for j in chart.jabatan})
    names.update({u.unit_id: u.nama for u in chart.units})
    return IncomingInfo(
        state, actions, desk.tree(incoming_id), tuple(desk.history(incoming_id)), names
    )


class IncomingDetail(QWidget):
    """Shows one incoming letter; action buttons ask :attr:`sig_action_requested`."""

    sig_action_requested = Signal(str, str, str)
    """An action was chosen (kind: str, incoming id: str, disposition id or "": str)."""
    sig_loaded = Signal(str)
    """An incoming letter is on screen (its id: str)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.info: IncomingInfo | None = None
        self.incoming_id = ""
        self.focus_disposition = ""
        """The disposition this pane was opened for (from the Disposisi queue)."""
        self._generation = 0
        self.action_buttons: dict[tuple[str, str], QToolButton] = {}

        self.title = QLabel()
        self.title.setObjectName("detail_title")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.status_chip = QLabel()
        self.status_chip.setObjectName("chip")
        self.actions_bar = QHBoxLayout()
        self.actions_bar.addStretch(1)

        self.preview = PdfPreview()
        self.preview.empty_text = self.tr("No file was registered with this letter.")
        self.tree_model = DispositionTreeModel(self._name, self._when)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName(self.tr("Disposition tree"))
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.history_model = RowsTableModel(
            [
                lambda: self.tr("When"),
                lambda: self.tr("Who"),
                lambda: self.tr("What"),
                lambda: self.tr("Note"),
            ]
        )
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.setAccessibleName(self.tr("History"))
        self.history_view.verticalHeader().hide()
        self.history_view.setShowGrid(False)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self._build_metadata(), self.tr("Details"))
        self.tabs.addTab(self.tree, self.tr("Dispositions"))
        self.tabs.addTab(self.history_view, self.tr("History"))

        self.empty = QLabel(self.tr("Select a letter to see it here."))
        self.empty.setObjectName("empty_state")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(16, 12, 16, 8)
        body.addLayout(top)
        body.addWidget(self.subtitle)
        body.addLayout(self.actions_bar)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        layout.addWidget(self.empty, 1)
        self.body.hide()

    # -- public API ---------------------------------------------------------------------------

    def show_incoming(self, incoming_id: str, disposisi_id: str = "") -> None:
        """Load and show ``incoming_id`` ("" clears), focused on ``disposisi_id``."""
        self._generation += 1
        self.incoming_id = incoming_id
        self.focus_disposition = disposisi_id
        if not incoming_id:
            self.info = None
            self.body.hide()
            self.empty.show()
            return
        generation = self._generation
        services = self.services
        QueryOp(self, lambda: load_incoming_info(services, incoming_id)).success(
            lambda info: self._on_loaded(generation, info)
        ).run()
        self.preview.show_pdf(lambda: _incoming_pdf(services, incoming_id))

    def reload(self) -> None:
        """Read the shown letter again (after an action)."""
        if self.incoming_id:
            self.show_incoming(self.incoming_id, self.focus_disposition)

    def selected_disposition(self) -> str:
        """The disposition selected in the tree, or ""."""
        index = self.tree.currentIndex()
        return str(index.data(ROLE_ID) or "") if index.isValid() else ""

    # -- slots --------------------------------------------------------------------------------

    def _on_loaded(self, generation: int, info: IncomingInfo) -> None:
        if generation != self._generation:
            return
        self.info = info
        s = info.state
        m = s.meta
        self.title.setText(str(m.get("hal", "")))
        kind = self.tr("Copy") if s.copy_only else self.tr("Agenda %1").replace("%1", s.agenda)
        self.subtitle.setText(
            " · ".join(x for x in (kind, str(m.get("asal", "")), str(m.get("nomor", ""))) if x)
        )
        self.status_chip.setText(incoming_status_label(s.status))
        self.status_chip.setProperty("tone", "done" if s.status == "selesai" else "current")
        self.status_chip.style().unpolish(self.status_chip)
        self.status_chip.style().polish(self.status_chip)
        values = {
            "asal": str(m.get("asal", "")),
            "asal_jabatan": str(m.get("asal_jabatan", "")),
            "nomor": str(m.get("nomor", "")),
            "tanggal": format_day(str(m.get("tanggal", ""))),
            "diterima": format_day(str(m.get("diterima", ""))),
            "sifat": str(m.get("sifat", "")),
            "urgensi": str(m.get("urgensi", "")),
            "kka": str(m.get("kka", "")),
            "isi": str(m.get("isi_ringkas", "")),
            "unit": self._name(s.unit_id),
            "pimpinan": self._name(s.pimpinan_jabatan),
        }
        for key, label in self.meta_labels.items():
            label.setText(values.get(key, "") or "—")
        self.tree_model.set_tree(info.tree)
        self.tree.expandAll()
        self._fill_history(info)
        self._fill_actions(info)
        self.empty.hide()
        self.body.show()
        self.sig_loaded.emit(s.incoming_id)

    # -- helpers ------------------------------------------------------------------------------

    def _name(self, key: str) -> str:
        return self.info.names.get(key, key) if self.info else key

    def _when(self, iso_text: str) -> str:
        if not iso_text:
            return ""
        return format_when(
            dt.datetime.fromisoformat(iso_text.replace("Z", "+00:00")), self.services
        )

    def _build_metadata(self) -> QWidget:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setContentsMargins(12, 12, 12, 12)
        form.setVerticalSpacing(8)
        self.meta_labels: dict[str, QLabel] = {}
        for key, text in (
            ("asal", self.tr("From")),
            ("asal_jabatan", self.tr("Sender's position")),
            ("nomor", self.tr("Number")),
            ("tanggal", self.tr("Letter date")),
            ("diterima", self.tr("Received")),
            ("sifat", self.tr("Classification")),
            ("urgensi", self.tr("Urgency")),
            ("kka", self.tr("Archive code")),
            ("isi", self.tr("Summary")),
            ("unit", self.tr("Received by")),
            ("pimpinan", self.tr("Addressed to")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(text)
            self.meta_labels[key] = value
            form.addRow(text, value)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _fill_history(self, info: IncomingInfo) -> None:
        rows = []
        for event in reversed(info.history):
            p = event.payload
            note = str(p.get("note") or p.get("reason") or "")
            if str(event.type) == "disposition.given":
                to = ", ".join(self._name(r["jabatan_id"]) for r in p.get("recipients", ()))
                note = self.tr("to %1").replace("%1", to) + (f" — {note}" if note else "")
            rows.append(
                (
                    self._when(event.client_time),
                    self._name(event.actor_nip),
                    event_label(str(event.type)),
                    note,
                )
            )
        self.history_model.set_rows(rows)

    def _fill_actions(self, info: IncomingInfo) -> None:
        for button in self.action_buttons.values():
            self.actions_bar.removeWidget(button)
            button.deleteLater()
        self.action_buttons.clear()
        specs = {
            "read": (self.tr("Mark as read"), "read"),
            "copy_read": (self.tr("Mark as read"), "read"),
            "dispose": (self.tr("Dispose"), "disposition"),
            "dispose_for": (self.tr("Dispose on the head's orders"), "disposition"),
            "read_disposition": (self.tr("Accept disposition"), "read"),
            "progress": (self.tr("Report progress"), "progress"),
            "complete": (self.tr("Report completion"), "complete"),
            "forward": (self.tr("Forward"), "forward"),
            "cancel": (self.tr("Withdraw"), "cancel"),
        }
        mine = self.focus_disposition
        chosen = [
            a for a in info.actions if not a.disposisi_id or not mine or a.disposisi_id == mine
        ]
        for position, action in enumerate(chosen):
            text, icon_name = specs.get(action.kind, (action.kind, "document"))
            if action.disposisi_id and not mine and action.kind == "cancel":
                d = info.state.disposition(action.disposisi_id)
                target = self._name(d.recipient_jabatan) if d else ""
                text = self.tr("Withdraw from %1").replace("%1", target)
            button = QToolButton()
            button.setText(text)
            primary = action.kind in ("dispose", "complete", "read_disposition")
            button.setIcon(icon(icon_name, light=primary))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(text)
            button.setObjectName("primary_action" if primary else "action")
            incoming_id = info.state.incoming_id
            button.clicked.connect(
                lambda _=False, a=action, i=incoming_id: self.sig_action_requested.emit(
                    a.kind, i, a.disposisi_id
                )
            )
            self.actions_bar.insertWidget(position, button)
            self.action_buttons[(action.kind, action.disposisi_id)] = button


def _incoming_pdf(services: Services, incoming_id: str) -> bytes | None:
    state = services.desk.get(incoming_id)
    return services.workspace.blobs.get(state.blob) if state.blob else None
