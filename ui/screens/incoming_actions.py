"""Actions on incoming letters and dispositions: register, read, dispose, forward, accept,
report progress and completion, withdraw. Each asks what it needs and calls the desk in an op.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from tnde.dispositions import due_at
from tnde.errors import TndeError, WorkflowRefused
from tnde.incoming import Recipient
from tnde.profiles import DEFAULT_INSTRUCTIONS
from ui.dialogs.buttons import confirm
from ui.dialogs.dispose_dialog import DisposeDialog, DisposeValues
from ui.dialogs.note_dialog import NoteDialog, ReportDialog
from ui.dialogs.register_dialog import RegisterDialog
from ui.errors import show_failure, show_status
from ui.messages import describe_error
from ui.workers import Op

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = ["IncomingActions"]


class IncomingActions(QObject):
    """Runs incoming-letter and disposition actions for one window."""

    sig_incoming_changed = Signal(str)
    """An incoming letter changed (its id: str)."""

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._widget = parent
        self.last_dialog: QWidget | None = None
        """The dialog opened by the last action (tests drive it)."""

    # -- public API ---------------------------------------------------------------------------

    def run(self, kind: str, incoming_id: str, disposisi_id: str = "") -> None:
        """Start the action ``kind`` (see :class:`tnde.incoming.queries.IncomingAction`)."""
        handlers: dict[str, Callable[[str, str], None]] = {
            "read": self._read,
            "copy_read": self._read,
            "dispose": self._dispose,
            "dispose_for": self._dispose,
            "forward": self._dispose,
            "read_disposition": self._accept,
            "progress": self._progress,
            "complete": self._complete,
            "cancel": self._withdraw,
        }
        atas_perintah = kind == "dispose_for"
        if kind in ("dispose", "dispose_for"):
            self._dispose(incoming_id, "", atas_perintah=atas_perintah)
        else:
            handlers[kind](incoming_id, disposisi_id)

    def register(self) -> RegisterDialog:
        """Open the registration dialog for the user's units."""
        s = self.services
        chart = s.org()
        units = [(u.unit_id, u.nama) for u in chart.units]
        dialog = RegisterDialog(self._widget, units=units, unit=_default_unit(s))
        confirmed: list[bool] = [False]

        def submit(unit: str, meta: dict[str, Any], pdf: bytes | None, copy_only: bool) -> None:
            def work() -> Any:
                return s.desk.register(
                    s.nip,
                    unit_id=unit,
                    meta=meta,
                    pdf=pdf,
                    copy_only=copy_only,
                    confirm_duplicate=confirmed[0],
                )

            def failed(exc: BaseException) -> None:
                if (
                    isinstance(exc, WorkflowRefused)
                    and exc.rule == "IN-DUPLICATE"
                    and confirm(
                        dialog,
                        self.tr("Already registered?"),
                        describe_error(exc)[1] + "\n\n" + self.tr("Register it again anyway?"),
                        self.tr("Register again"),
                    )
                ):
                    confirmed[0] = True
                    submit(unit, meta, pdf, copy_only)
                    return
                self._refused(dialog, exc)

            def done(state: Any) -> None:
                dialog.accept()
                show_status(
                    self._widget,
                    self.tr("Registered with agenda number %1.").replace("%1", state.agenda),
                )
                self.sig_incoming_changed.emit(state.incoming_id)

            Op(dialog, work).with_progress(self.tr("Registering…")).success(done).failure(
                failed
            ).run()

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()
        return dialog

    # -- the actions --------------------------------------------------------------------------

    def _read(self, incoming_id: str, _disposisi_id: str) -> None:
        s = self.services
        self._op(lambda: s.desk.read(s.nip, incoming_id), self.tr("Marked as read."))

    def _accept(self, incoming_id: str, disposisi_id: str) -> None:
        s = self.services
        self._op(
            lambda: s.desk.read_disposition(s.nip, incoming_id, disposisi_id),
            self.tr("Disposition accepted."),
        )

    def _dispose(self, incoming_id: str, parent_id: str, *, atas_perintah: bool = False) -> None:
        s = self.services
        state = s.desk.get(incoming_id)
        chart = s.org()
        parent = state.disposition(parent_id) if parent_id else None
        giver = parent.recipient_jabatan if parent else state.pimpinan_jabatan
        below = chart.subordinates(giver) or tuple(
            j for j in chart.jabatan if j.jabatan_id != giver
        )
        recipients = [(j.jabatan_id, j.nama) for j in below]
        instructions = s.profile.instructions if s.profile is not None else DEFAULT_INSTRUCTIONS
        urgensi = str(state.meta.get("urgensi", "Biasa"))
        title = self.tr("Forward disposition") if parent else self.tr("Dispose letter")
        dialog = DisposeDialog(
            self._widget,
            title=title,
            letter_text=f"{state.meta.get('hal', '')} — {state.meta.get('asal', '')} ({urgensi})",
            instructions=instructions,
            recipients=recipients,
            default_due=due_at(urgensi, s.clock(), s.desk.calendar()).astimezone(s.letters.zone),
        )

        def submit(values: DisposeValues) -> None:
            people = [
                Recipient(j, leading=j == values.leading and len(values.recipients) > 1)
                for j in values.recipients
            ]

            def work() -> Any:
                return s.desk.dispose(
                    s.nip,
                    incoming_id,
                    recipients=people,
                    instructions=values.instructions,
                    note=values.note,
                    due_at=values.due_at,
                    parent_id=parent_id,
                    atas_perintah=atas_perintah,
                )

            def done(new_state: Any) -> None:
                dialog.accept()
                show_status(self._widget, self.tr("Disposition sent."))
                self.sig_incoming_changed.emit(incoming_id)

            Op(dialog, work).with_progress(self.tr("Sending the disposition…")).success(
                done
            ).failure(lambda exc: self._refused(dialog, exc)).run()

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()

    def _progress(self, incoming_id: str, disposisi_id: str) -> None:
        s = self.services
        dialog = NoteDialog(
            self._widget,
            title=self.tr("Report progress"),
            prompt=self.tr("What has been done so far?"),
            ok_text=self.tr("Report"),
        )

        def done(result: int) -> None:
            if result:
                note = dialog.text()
                self._op(
                    lambda: s.desk.progress(s.nip, incoming_id, disposisi_id, note),
                    self.tr("Progress reported."),
                )

        self._open(dialog, done)

    def _complete(self, incoming_id: str, disposisi_id: str) -> None:
        s = self.services
        dialog = ReportDialog(
            self._widget,
            title=self.tr("Report completion"),
            prompt=self.tr("Describe the result for the giver of the disposition."),
            ok_text=self.tr("Report completion"),
        )

        def done(result: int) -> None:
            if result:
                note, attachment = dialog.text(), dialog.attachment
                self._op(
                    lambda: s.desk.complete(s.nip, incoming_id, disposisi_id, note, attachment),
                    self.tr("Completion reported."),
                )

        self._open(dialog, done)

    def _withdraw(self, incoming_id: str, disposisi_id: str) -> None:
        s = self.services
        dialog = NoteDialog(
            self._widget,
            title=self.tr("Withdraw disposition"),
            prompt=self.tr("An unread disposition can be withdrawn. Give the reason."),
            ok_text=self.tr("Withdraw"),
        )

        def done(result: int) -> None:
            if result:
                reason = dialog.text()
                self._op(
                    lambda: s.desk.cancel(s.nip, incoming_id, disposisi_id, reason),
                    self.tr("Disposition withdrawn."),
                )

        self._open(dialog, done)

    # -- helpers ------------------------------------------------------------------------------

    def _refused(self, dialog: Any, exc: BaseException) -> None:
        if isinstance(exc, TndeError):
            dialog.show_error(describe_error(exc)[1])
            return

        dialog.show_error("")
        show_failure(dialog, exc)

    def _open(self, dialog: QWidget, done: Callable[[int], None]) -> None:
        self.last_dialog = dialog
        dialog.finished.connect(done)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _op(self, fn: Callable[[], Any], success: str) -> None:
        def on_success(state: Any) -> None:
            show_status(self._widget, success)
            self.sig_incoming_changed.emit(getattr(state, "incoming_id", ""))

        Op(self._widget, fn).with_progress(self.tr("Saving…")).success(on_success).run()


def _default_unit(services: Services) -> str:
    """The unit whose register the user keeps: the top unit above their own."""
    chart = services.org()
    unit = services.unit_id()
    while unit:
        parent = chart.units_by_id.get(unit)
        if parent is None or parent.parent_id is None:
            break
        unit = parent.parent_id
    return unit
