"""Who may do what with an incoming letter and its dispositions: pure, shared with the
archive server like the outgoing-letter rules, with stable rule ids (``IN-…``, ``DP-…``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.errors import WorkflowRefused
from tnde.incoming.state import DispositionStatus, IncomingEventType, IncomingState
from tnde.messages import _

if TYPE_CHECKING:
    import datetime as dt

    from tnde.workflow.events import Event
    from tnde.workflow.rules import Authority


def refuse(rule: str, message: str) -> WorkflowRefused:
    """A refusal naming ``rule``."""
    return WorkflowRefused(rule, message)


def check(state: IncomingState | None, event: Event, a: Authority, today: dt.date) -> None:
    """Allow ``event`` on an incoming letter in ``state`` (None when new), or raise.

    Raises:
        WorkflowRefused: the event breaks a rule; nothing may be stored.
    """
    kind = IncomingEventType(str(event.type))
    p = event.payload
    if kind is IncomingEventType.REGISTERED:
        if state is not None:
            raise refuse("IN-EXISTS", _("this incoming letter is registered already"))
        if not a.is_registry(event.actor_nip, today):
            raise refuse(
                "IN-REGISTRY-ONLY", _("only the registry (tata usaha) registers incoming letters")
            )
        if not a.unit_exists(str(p.get("unit_id", ""))):
            raise refuse("WF-UNIT", _("unit kerja {unit!r} does not exist", unit=p.get("unit_id")))
        return
    if state is None:
        raise refuse(
            "IN-UNKNOWN", _("incoming letter {letter_id} is unknown", letter_id=event.letter_id)
        )
    if kind is IncomingEventType.READ:
        if not _leads(state, event.actor_nip, a, today):
            raise refuse(
                "IN-NOT-PIMPINAN",
                _("only the head of the receiving unit (or its TU) opens this letter"),
            )
        return
    if kind is IncomingEventType.COPY_READ:
        if not state.copy_only:
            raise refuse("IN-NOT-COPY", _("this letter is not a copy (tembusan)"))
        if a.acts_as(event.actor_nip, state.pimpinan_jabatan, today) is None:
            raise refuse("IN-NOT-RECIPIENT", _("the actor is not a recipient of this copy"))
        return
    if kind is IncomingEventType.DISPOSED:
        _check_disposed(state, event, a, today)
        return
    disposition = state.disposition(str(p.get("disposisi_id", "")))
    if disposition is None:
        raise refuse("DP-UNKNOWN", _("unknown disposition"))
    if kind is IncomingEventType.DISPOSITION_CANCELLED:
        if a.acts_as(event.actor_nip, disposition.giver_jabatan, today) is None:
            raise refuse("DP-NOT-GIVER", _("only the giver of a disposition can cancel it"))
        if disposition.status is not DispositionStatus.TERKIRIM:
            raise refuse(
                "DP-CANCEL-READ", _("a disposition that has been read cannot be cancelled")
            )
        if not str(p.get("reason", "")).strip():
            raise refuse("WF-REASON-REQUIRED", _("a cancellation needs a reason"))
        return
    if a.acts_as(event.actor_nip, disposition.recipient_jabatan, today) is None:
        raise refuse(
            "DP-NOT-RECIPIENT",
            _(
                "this disposition is addressed to jabatan {recipient_jabatan}",
                recipient_jabatan=disposition.recipient_jabatan,
            ),
        )
    allowed = {
        IncomingEventType.DISPOSITION_READ: (DispositionStatus.TERKIRIM,),
        IncomingEventType.DISPOSITION_PROGRESS: (
            DispositionStatus.DIBACA,
            DispositionStatus.DALAM_PROSES,
        ),
        IncomingEventType.DISPOSITION_COMPLETED: (
            DispositionStatus.DIBACA,
            DispositionStatus.DALAM_PROSES,
        ),
    }[kind]
    if disposition.status not in allowed:
        raise refuse(
            "DP-STATE",
            _(
                "the disposition is {status}; this action is not available",
                status=disposition.status.value,
            ),
        )
    if kind is IncomingEventType.DISPOSITION_COMPLETED and not str(p.get("note", "")).strip():
        raise refuse("DP-REPORT-REQUIRED", _("a completion report needs a note"))


def _leads(state: IncomingState, nip: str, a: Authority, today: dt.date) -> bool:
    """The head of the receiving unit, or a registry desk acting for them."""
    return a.acts_as(nip, state.pimpinan_jabatan, today) is not None or a.is_registry(nip, today)


def _check_disposed(state: IncomingState, e: Event, a: Authority, today: dt.date) -> None:
    p = e.payload
    if state.copy_only:
        raise refuse(
            "IN-COPY-ONLY", _("a copy (tembusan) is for information only; it is not disposed")
        )
    recipients = list(p.get("recipients") or [])
    if not recipients:
        raise refuse("DP-NO-RECIPIENT", _("a disposition needs at least one recipient"))
    if not p.get("instructions"):
        raise refuse("DP-NO-INSTRUCTION", _("choose at least one disposition instruction"))
    if len(recipients) > 1 and sum(bool(r.get("leading")) for r in recipients) != 1:
        raise refuse("DP-LEADING", _("mark exactly one recipient as the one mainly responsible"))
    unknown = next(
        (r["jabatan_id"] for r in recipients if not a.jabatan_exists(str(r.get("jabatan_id", "")))),
        None,
    )
    if unknown is not None:
        raise refuse("DP-UNKNOWN-JABATAN", _("jabatan {unknown!r} does not exist", unknown=unknown))
    parent_id = str(p.get("parent_id", ""))
    giver = str(p.get("giver_jabatan", ""))
    if not parent_id:
        if giver != state.pimpinan_jabatan:
            raise refuse(
                "DP-NOT-PIMPINAN",
                _("the first disposition is given by the head of the receiving unit"),
            )
        acting_tu = a.is_registry(e.actor_nip, today) and p.get("atas_perintah")
        if a.acts_as(e.actor_nip, giver, today) is None and not acting_tu:
            raise refuse(
                "DP-NOT-PIMPINAN",
                _(
                    "the actor is not the head of the receiving unit (the TU acts only on the "
                    "head's order)"
                ),
            )
        return
    parent = state.disposition(parent_id)
    if parent is None:
        raise refuse("DP-UNKNOWN", _("unknown parent disposition"))
    if giver != parent.recipient_jabatan or a.acts_as(e.actor_nip, giver, today) is None:
        raise refuse("DP-NOT-RECIPIENT", _("only a recipient of a disposition can pass it on"))
    if parent.status not in (DispositionStatus.DIBACA, DispositionStatus.DALAM_PROSES):
        raise refuse(
            "DP-STATE",
            _(
                "the parent disposition is {status}; read it before passing it on",
                status=parent.status.value,
            ),
        )
