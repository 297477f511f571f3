"""The detail pane of an outgoing letter: its PDF, its metadata, its route with each step's
status, its history with the notes, the text changes for a reviewer, and the actions the
current user may take now (the core decides which: :func:`tnde.workflow.queries.allowed_actions`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tnde import signing
from tnde.fsutil import write_atomic
from tnde.workflow import Action, letter_pdf, wet_ink_pdf
from ui.errors import show_status
from ui.labels import event_label, jenis_label, letter_status_label, task_label
from ui.models.rows import RowsTableModel
from ui.widgets.detail_pane import DetailPane, chart_names, keep_tabs_whole, rows_table
from ui.widgets.pdf_preview import PdfPreview
from ui.workers import Op

if TYPE_CHECKING:
    from tnde.signing import UnknownOutcome
    from tnde.workflow import Event, LetterState
    from ui.services import Services

log = logging.getLogger(__name__)

#: The key of the button that saves the copy to print and sign by hand (not an
#: :class:`Action`: printing changes nothing in the letter's workflow).
WET_INK = ("print.wet_ink",)
#: The key of the button that asks the signing service what became of a lost sign request.
CHECK_UNKNOWN = "sign.check_unknown"
#: Statuses in which that copy is offered: approved and not yet signed electronically.
_AWAITING_SIGNATURE = ("siap_tandatangan", "dinomori")

__all__ = ["CHECK_UNKNOWN", "LetterDetail", "LetterInfo", "load_letter_info"]


@dataclass(frozen=True)
class LetterInfo:
    """Everything the pane shows, read on a worker thread."""

    state: LetterState
    actions: tuple[Action, ...]
    history: tuple[Event, ...]
    diff: str
    """The text changes since the revision this user last acted on ("" for none)."""
    names: dict[str, str]
    """NIP or jabatan id → name."""
    unknown: UnknownOutcome | None = None
    """A sign request for it was lost and nobody has checked yet ("status tidak pasti")."""


def load_letter_info(services: Services, letter_id: str) -> LetterInfo:
    """Read a letter, what the user may do with it, its history and diff (worker)."""

    letters = services.letters
    state = letters.get(letter_id)
    actions = tuple(letters.actions(state, services.nip))
    history = tuple(letters.history(letter_id))
    diff = ""
    if len(state.revisions) > 1:
        diff = letters.diff(letter_id, for_nip=services.nip)
    unknown = signing.open_unknown_outcomes(letters).get(letter_id)
    return LetterInfo(state, actions, history, diff, chart_names(services), unknown)


class LetterDetail(DetailPane):
    """Shows one letter; action buttons ask :attr:`sig_action_requested`."""

    sig_action_requested = Signal(str, str)
    """The user chose an action (the :class:`Action` value: str, the letter id: str)."""
    sig_loaded = Signal(str)
    """A letter's details are on screen (its id: str)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.info: LetterInfo | None = None
        self.letter_id = ""
        self.hidden_actions: set[Action] = set()
        """Actions not offered here (signing until the signing screen is installed)."""
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.actions_bar.setSpacing(6)

        self.preview = PdfPreview()
        self.tabs = QTabWidget()
        keep_tabs_whole(self.tabs)
        self.tabs.setAccessibleName(self.tr("Letter details"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self._build_metadata(), self.tr("Details"))
        self.route_model = RowsTableModel(
            [
                lambda: self.tr("Step"),
                lambda: self.tr("Position"),
                lambda: self.tr("Task"),
                lambda: self.tr("Status"),
                lambda: self.tr("By"),
            ]
        )
        self.route_view = self._table(self.route_model, self.tr("Route"))
        self.tabs.addTab(self.route_view, self.tr("Route"))
        self.history_model = RowsTableModel(
            [
                lambda: self.tr("When"),
                lambda: self.tr("Who"),
                lambda: self.tr("What"),
                lambda: self.tr("Note"),
            ]
        )
        self.history_view = self._table(self.history_model, self.tr("History"))
        self.tabs.addTab(self.history_view, self.tr("History"))
        self.diff_view = QPlainTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setAccessibleName(self.tr("Changes since your last review"))
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff_index = self.tabs.addTab(self.diff_view, self.tr("Changes"))

        header = QVBoxLayout()
        header.setSpacing(4)
        self._lay_out(header, self.tabs)

    # -- public API ---------------------------------------------------------------------------

    def show_letter(self, letter_id: str) -> None:
        """Load and show ``letter_id`` ("" clears the pane)."""
        self.letter_id = letter_id
        services = self.services
        self._load(
            letter_id,
            lambda: load_letter_info(services, letter_id),
            lambda: _letter_pdf(services, letter_id),
            self._on_loaded,
        )

    def reload(self) -> None:
        """Read the shown letter again (after an action)."""
        if self.letter_id:
            self.show_letter(self.letter_id)

    # -- slots --------------------------------------------------------------------------------

    def _on_loaded(self, info: LetterInfo) -> None:
        self.info = info
        state = info.state
        self.title.setText(state.hal or self.tr("(no subject)"))
        parts = [jenis_label(state.jenis)]
        if state.nomor:
            parts.append(state.nomor)
        parts.append(self.tr("drafted by %1").replace("%1", self._name(state.konseptor_nip)))
        self.subtitle.setText(" · ".join(parts))
        self._fill_actions(info.actions)
        self._fill_metadata(state)
        self._fill_route(state)
        self._fill_history(info)
        self.diff_view.setPlainText(info.diff)
        self.tabs.setTabVisible(self.diff_index, bool(info.diff))
        if info.unknown is not None:
            # until someone checks, the letter must not look merely "waiting to be signed"
            self._shown(info, self.tr("Signature status uncertain"), "bad")
            self.status_chip.setToolTip(
                self.tr(
                    "A sign request to %1 got no answer on %2, so nobody knows whether it was "
                    "signed. Check the signature status before signing it again."
                )
                .replace("%1", info.unknown.device)
                .replace("%2", self._when(info.unknown.at))
            )
        else:
            self._shown(info, letter_status_label(state.status.value), _tone(state.status.value))
            self.status_chip.setToolTip("")
        self.sig_loaded.emit(state.letter_id)

    # -- helpers ------------------------------------------------------------------------------

    def _table(self, model: RowsTableModel, name: str) -> QTableView:
        view = rows_table(model, name)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setWordWrap(True)
        return view

    def _build_metadata(self) -> QWidget:
        scroll, self.meta_form = self._value_form(
            (
                ("jenis", self.tr("Type")),
                ("hal", self.tr("Subject")),
                ("nomor", self.tr("Number")),
                ("sifat", self.tr("Classification")),
                ("urgensi", self.tr("Urgency")),
                ("kka", self.tr("Archive code")),
                ("konseptor", self.tr("Drafted by")),
                ("unit", self.tr("Unit")),
                ("tujuan", self.tr("To")),
                ("tembusan", self.tr("Copies to")),
                ("created", self.tr("Created")),
                ("updated", self.tr("Last change")),
            )
        )
        self.meta_form.setHorizontalSpacing(16)
        return scroll

    def _fill_metadata(self, state: LetterState) -> None:
        v = state.head_values
        tujuan = [r.text for r in state.recipients if r.role == "tujuan"]
        tembusan = [r.text for r in state.recipients if r.role == "tembusan"]

        values = {
            "jenis": jenis_label(state.jenis),
            "hal": state.hal,
            "nomor": state.nomor or "—",
            "sifat": str(v.get("sifat", "")),
            "urgensi": str(v.get("urgensi", "")),
            "kka": str(v.get("kka", "")),
            "konseptor": self._name(state.konseptor_nip),
            "unit": self._name(state.unit_id),
            "tujuan": "\n".join(tujuan),
            "tembusan": "\n".join(tembusan) or "—",
            "created": self._when(state.created_at),
            "updated": self._when(state.updated_at),
        }
        for key, label in self.meta_labels.items():
            label.setText(values.get(key, ""))

    def _fill_route(self, state: LetterState) -> None:
        current = state.current_step()
        rows, tones = [], []
        for step in state.route:
            done = step.approved_revision == state.head_revision
            if done and step.carried:
                status, tone = self.tr("Approved earlier (carried)"), "done"
            elif done:
                status, tone = self.tr("Done"), "done"
            elif (
                current is not None
                and step.step_no == current.step_no
                and state.status.value
                in (
                    "diajukan",
                    "dinomori",
                )
            ):
                status, tone = self.tr("Waiting"), "current"
            elif step.approved_revision:
                status, tone = self.tr("Approved an older text"), "muted"
            else:
                status, tone = self.tr("Not yet"), "muted"
            kind = task_label(step.kind)
            if step.atas_nama:
                kind += " (a.n. " + self._name(step.atas_nama) + ")"
            by = self._name(step.decided_by) if step.decided_by and done else ""
            rows.append((str(step.step_no), self._name(step.jabatan_id), kind, status, by))
            tones.append(tone)
        self.route_model.set_rows(rows, tones)

    def _fill_history(self, info: LetterInfo) -> None:
        rows, tones = [], []
        for event in reversed(info.history):
            note = str(event.payload.get("note") or event.payload.get("reason") or "")
            kind = str(event.type)
            rows.append(
                (
                    self._when(event.client_time),
                    self._name(event.actor_nip),
                    event_label(kind),
                    note,
                )
            )
            tones.append("bad" if kind in ("review.returned", "review.rejected") else "")
        self.history_model.set_rows(rows, tones)

    def _fill_actions(self, actions: tuple[Action, ...]) -> None:
        self._clear_actions()
        specs = self._action_specs()
        letter_id = self.letter_id
        for action in (a for a in specs if a in actions and a not in self.hidden_actions):
            text, icon_name, primary = specs[action]
            button = self._add_action(
                action,
                text,
                icon_name,
                primary,
                partial(self.sig_action_requested.emit, action.value, letter_id),
            )
            button.setCursor(Qt.CursorShape.PointingHandCursor)

        if self.info is not None and self.info.unknown is not None:
            self._add_action(
                (CHECK_UNKNOWN,),
                self.tr("Check signature status…"),
                "sign",
                True,
                partial(self.sig_action_requested.emit, CHECK_UNKNOWN, letter_id),
            )
        if self.info is not None and self.info.state.status.value in _AWAITING_SIGNATURE:
            # An approved letter may still go out on paper, signed by hand.
            self._add_action(
                WET_INK,
                self.tr("Print for wet-ink signature…"),
                "document",
                False,
                self._on_print_wet_clicked,
            )

    def _on_print_wet_clicked(self) -> None:
        self.print_wet()

    def print_wet(self, path: str | None = None) -> Op | None:
        """Write the letter laid out for a wet-ink signature (no TTE marks) to a PDF file.

        ``path`` None asks where, with a save dialog.
        """
        letter_id = self.letter_id
        if not letter_id:
            return None
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            name = (self.info.state.nomor if self.info else letter_id).replace("/", "-")
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Print for wet-ink signature"),
                f"{folder}/{name}.pdf",
                self.tr("PDF files (*.pdf)"),
            )
            if not path:
                return None
        letters = self.services.letters
        target = Path(path)

        def work() -> None:
            write_atomic(target, wet_ink_pdf(letters, letter_id))

        return (
            Op(self, work)
            .with_progress(self.tr("Laying out the letter for printing…"))
            .success(
                lambda _: show_status(
                    self, self.tr("Saved for printing and signing by hand: %1").replace("%1", path)
                )
            )
            .run()
        )

    def _action_specs(self) -> dict[Action, tuple[str, str, bool]]:
        """Action → (button text, icon, primary?), in the order the buttons appear."""
        return {
            Action.APPROVE: (self.tr("Approve (paraf)"), "approve", True),
            Action.SIGN: (self.tr("Sign"), "sign", True),
            Action.NUMBER: (self.tr("Assign number"), "number", True),
            Action.SEND: (self.tr("Dispatch"), "send", True),
            Action.SUBMIT: (self.tr("Submit"), "send", True),
            Action.REVISE: (self.tr("Edit"), "draft", False),
            Action.RETURN: (self.tr("Return"), "return", False),
            Action.REJECT: (self.tr("Reject"), "reject", False),
            Action.READ: (self.tr("Mark as read"), "read", False),
            Action.ARCHIVE: (self.tr("Archive"), "archive", False),
            Action.CANCEL: (self.tr("Cancel letter"), "cancel", False),
        }


def _tone(status: str) -> str:
    if status in ("ditolak", "dibatalkan", "dikembalikan"):
        return "bad"
    if status in ("ditandatangani", "dikirim", "diarsipkan"):
        return "done"
    return "current"


def _letter_pdf(services: Services, letter_id: str) -> bytes:
    return letter_pdf(services.letters, letter_id)
