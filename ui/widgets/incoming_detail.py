"""The detail pane of an incoming letter: its PDF, its registration data, the disposition
tree with each disposition's progress, the history, and the actions the rules allow the
current user now (:func:`tnde.incoming.queries.allowed_incoming_actions`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.labels import event_label, incoming_status_label
from ui.models.disposition_tree import ROLE_ID, DispositionTreeModel
from ui.models.letter_list import format_day
from ui.models.rows import RowsTableModel
from ui.widgets.detail_pane import DetailPane, chart_names, keep_tabs_whole, rows_table
from ui.widgets.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from tnde.incoming import IncomingAction, IncomingState
    from tnde.workflow import Event
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

    desk = services.desk
    state = desk.get(incoming_id)
    actions = tuple(desk.actions(state, services.nip))
    return IncomingInfo(
        state,
        actions,
        desk.tree(incoming_id),
        tuple(desk.history(incoming_id)),
        chart_names(services),
    )


class IncomingDetail(DetailPane):
    """Shows one incoming letter; action buttons ask :attr:`sig_action_requested`."""

    sig_action_requested = Signal(str, str, str)
    """An action was chosen (kind: str, incoming id: str, disposition id or "": str)."""
    sig_loaded = Signal(str)
    """An incoming letter is on screen (its id: str)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.info: IncomingInfo | None = None
        self.incoming_id = ""
        self.focus_disposition = ""
        """The disposition this pane was opened for (from the Disposisi queue)."""

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
        self.history_view = rows_table(self.history_model, self.tr("History"))

        self.tabs = QTabWidget()
        keep_tabs_whole(self.tabs)
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self._build_metadata(), self.tr("Details"))
        self.tabs.addTab(self.tree, self.tr("Dispositions"))
        self.tabs.addTab(self.history_view, self.tr("History"))
        self._lay_out(QVBoxLayout(), self.tabs)

    # -- public API ---------------------------------------------------------------------------

    def show_incoming(self, incoming_id: str, disposisi_id: str = "") -> None:
        """Load and show ``incoming_id`` ("" clears), focused on ``disposisi_id``."""
        self.incoming_id = incoming_id
        self.focus_disposition = disposisi_id
        services = self.services
        self._load(
            incoming_id,
            lambda: load_incoming_info(services, incoming_id),
            lambda: _incoming_pdf(services, incoming_id),
            self._on_loaded,
        )

    def reload(self) -> None:
        """Read the shown letter again (after an action)."""
        if self.incoming_id:
            self.show_incoming(self.incoming_id, self.focus_disposition)

    def selected_disposition(self) -> str:
        """The disposition selected in the tree, or ""."""
        index = self.tree.currentIndex()
        return str(index.data(ROLE_ID) or "") if index.isValid() else ""

    # -- slots --------------------------------------------------------------------------------

    def _on_loaded(self, info: IncomingInfo) -> None:
        self.info = info
        s = info.state
        m = s.meta
        self.title.setText(str(m.get("hal", "")))
        kind = self.tr("Copy") if s.copy_only else self.tr("Agenda %1").replace("%1", s.agenda)
        self.subtitle.setText(
            " · ".join(x for x in (kind, str(m.get("asal", "")), str(m.get("nomor", ""))) if x)
        )
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
        tone = "done" if s.status == "selesai" else "current"
        self._shown(info, incoming_status_label(s.status), tone)
        self.sig_loaded.emit(s.incoming_id)

    # -- helpers ------------------------------------------------------------------------------

    def _build_metadata(self) -> QWidget:
        scroll, _form = self._value_form(
            (
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
            )
        )
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
        self._clear_actions()
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
        incoming_id = info.state.incoming_id
        for action in chosen:
            text, icon_name = specs.get(action.kind, (action.kind, "document"))
            if action.disposisi_id and not mine and action.kind == "cancel":
                d = info.state.disposition(action.disposisi_id)
                target = self._name(d.recipient_jabatan) if d else ""
                text = self.tr("Withdraw from %1").replace("%1", _short(target))
                whole = self.tr("Withdraw from %1").replace("%1", target)
            else:
                whole = text
            button = self._add_action(
                (action.kind, action.disposisi_id),
                text,
                icon_name,
                action.kind in ("dispose", "complete", "read_disposition"),
                partial(
                    self.sig_action_requested.emit, action.kind, incoming_id, action.disposisi_id
                ),
            )
            button.setToolTip(whole)


_SHORT_NAME = 32
"""Characters of a jabatan kept on a button: the pane stays narrow enough for the list beside
it at 125 % on a 1366-pixel screen; the tooltip names it whole."""


def _short(name: str) -> str:
    """``name`` cut after a whole word near :data:`_SHORT_NAME` characters, with "…"."""
    if len(name) <= _SHORT_NAME:
        return name
    return name[: name.rfind(" ", 0, _SHORT_NAME + 1)].rstrip(" ,") + "…"


def _incoming_pdf(services: Services, incoming_id: str) -> bytes | None:
    state = services.desk.get(incoming_id)
    return services.workspace.blobs.get(state.blob) if state.blob else None
