"""The state of a letter as a pure fold of its events.

``fold(events)`` is the only definition of a letter's state: the SQLite projection is this
state serialised in the same transaction as the event, and a test checks that re-folding
the stored events gives the stored projection.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from tnde.workflow.events import Event, EventType


class LetterStatus(StrEnum):
    """Where an outgoing letter is in its lifecycle."""

    KONSEP = "konsep"
    DIAJUKAN = "diajukan"
    """Under review along the route."""
    DIKEMBALIKAN = "dikembalikan"
    """Returned to the konseptor for revision."""
    SIAP_TANDATANGAN = "siap_tandatangan"
    """Every review step approved the head revision; waiting for number and signature."""
    DINOMORI = "dinomori"
    """Number fixed and final PDF rendered; waiting for the signer(s)."""
    DITANDATANGANI = "ditandatangani"
    DIKIRIM = "dikirim"
    DIARSIPKAN = "diarsipkan"
    DITOLAK = "ditolak"
    DIBATALKAN = "dibatalkan"


#: States from which nothing more can happen.
FINAL_STATES = frozenset({LetterStatus.DIARSIPKAN, LetterStatus.DITOLAK, LetterStatus.DIBATALKAN})


@dataclass(frozen=True)
class Step:
    """One step of the route and what happened at it."""

    step_no: int
    kind: str
    """``periksa``, ``paraf_koordinasi`` or ``tandatangan``."""
    jabatan_id: str
    approved_revision: str = ""
    """The revision this step approved or signed ("" when not yet)."""
    decided_by: str = ""
    carried: bool = False
    """Approval carried from an earlier revision because the profile restarts at the returner."""
    atas_nama: str = ""
    """For a signing step: the jabatan signed for (a.n.), "" when signing in own name."""
    ub_via: str = ""
    """For a u.b. signing step: the a.n. holder's jabatan between the two."""


@dataclass(frozen=True)
class Recipient:
    """An addressee (tujuan) or copy recipient (tembusan)."""

    role: str
    """``tujuan`` or ``tembusan``."""
    text: str
    """As printed in the letter."""
    jabatan_id: str = ""
    """Set for internal recipients (a jabatan in the org chart)."""
    email: str = ""


@dataclass(frozen=True)
class LetterState:
    """Everything known about one letter after its events so far."""

    letter_id: str
    jenis: str
    profile_id: str
    unit_id: str
    konseptor_nip: str
    status: LetterStatus
    head_seq: int
    head_revision: str
    head_values: dict[str, Any]
    revisions: tuple[str, ...] = ()
    """Every revision hash, oldest first."""
    route: tuple[Step, ...] = ()
    route_restart: str = "first"
    """Where review restarts after a revision: ``first`` step or the ``returner``."""
    returned_at_step: int = 0
    """The step that last returned the letter (0 when none)."""
    returned_revision: str = ""
    """The text that was returned; it must change before the letter is submitted again."""
    recipients: tuple[Recipient, ...] = ()
    nomor: str = ""
    planned_signers: tuple[tuple[int, str], ...] = ()
    """(signing step, NIP) fixed when the final PDF was rendered: the names it prints."""
    final_inputs: dict[str, Any] = field(default_factory=dict)
    """What the final PDF was rendered from besides the text: ``penandatangan`` (the
    signature block snapshot), ``tanggal``; signing renders it again from these."""
    paraf_required: tuple[int, ...] = ()
    """Review steps whose paraf must also be signed electronically (invisible approval
    signatures) before the signer signs; set at numbering from the profile."""
    paraf_signed: tuple[tuple[int, str], ...] = ()
    """(review step, NIP) of the paraf signatures made so far."""
    final_blob: str = ""
    """The newest final PDF: the numbered copy, then each signed revision."""

    signed_blobs: tuple[str, ...] = ()
    archive_blob: str = ""
    """The B-LTA archive copy made when the letter was filed (empty: none was made)."""

    dispatched: tuple[int, ...] = ()

    """Indexes of recipients the letter was sent to."""
    read_by: tuple[tuple[int, str], ...] = ()
    """(recipient index, reader NIP) read receipts."""
    notes: tuple[tuple[int, str, str], ...] = ()
    """(step, actor, note) from returns and refusals."""
    last_seen: dict[str, str] = field(default_factory=dict)
    """Reviewer NIP → the revision they last acted on (for the diff they are shown)."""
    branches: tuple[str, ...] = ()
    """Texts made at another desk on an older text while this one moved on (the archive
    accepted both): kept beside the head until the konseptor merges them."""
    created_at: str = ""
    updated_at: str = ""

    @property
    def hal(self) -> str:
        """The subject, for lists."""
        return str(self.head_values.get("hal") or self.head_values.get("tentang") or "")

    def current_step(self) -> Step | None:
        """The first step of the route not yet done on the head revision."""
        for step in self.route:
            if step.approved_revision != self.head_revision:
                return step
        return None

    def review_complete(self) -> bool:
        """Whether every review step has approved the head revision."""
        return all(
            s.approved_revision == self.head_revision for s in self.route if s.kind != "tandatangan"
        )

    def signing_steps(self) -> tuple[Step, ...]:
        """The signature steps, in order."""
        return tuple(s for s in self.route if s.kind == "tandatangan")

    def paraf_pending(self) -> tuple[Step, ...]:
        """Review steps whose electronic paraf is still missing, in route order."""
        done = {step for step, _ in self.paraf_signed}
        return tuple(
            s for s in self.route if s.step_no in self.paraf_required and s.step_no not in done
        )


def fold(events: list[Event] | tuple[Event, ...]) -> LetterState:
    """The state after ``events`` (the full log of one letter, in order).

    Raises:
        ValueError: the log does not start with ``letter.created`` or skips a sequence number;
            events are checked by :mod:`tnde.workflow.rules` before they are stored, so this
            only happens on a damaged log.
    """
    if not events or events[0].type is not EventType.CREATED:
        raise ValueError("a letter's log must start with letter.created")
    state: LetterState | None = None
    for expected_seq, event in enumerate(events, start=1):
        if event.letter_seq != expected_seq:
            raise ValueError(
                f"event {event.event_id} has seq {event.letter_seq}, expected {expected_seq}"
            )
        state = apply(state, event)
    assert state is not None
    return state


def apply(state: LetterState | None, event: Event) -> LetterState:
    """The state after one more event (``state`` is None only for ``letter.created``)."""
    p = event.payload
    if event.type is EventType.CREATED:
        return LetterState(
            letter_id=event.letter_id,
            jenis=p["jenis"],
            profile_id=p["profile_id"],
            unit_id=p["unit_id"],
            konseptor_nip=event.actor_nip,
            status=LetterStatus.KONSEP,
            head_seq=event.letter_seq,
            head_revision=event.revision_hash,
            head_values=dict(p["values"]),
            revisions=(event.revision_hash,),
            route_restart=p.get("route_restart", "first"),
            created_at=event.client_time,
            updated_at=event.client_time,
        )
    if state is None:
        raise ValueError(f"{event.type} before letter.created")
    s = replace(state, head_seq=event.letter_seq, updated_at=event.client_time)
    handler = _HANDLERS.get(event.type)
    return handler(s, event) if handler else s


def _revised(s: LetterState, e: Event) -> LetterState:
    if e.payload.get("parent_revision", s.head_revision) != s.head_revision:
        # made at another desk on an older text: kept as a branch, the head stays
        return replace(
            s,
            revisions=(*s.revisions, e.revision_hash),
            branches=(*s.branches, e.revision_hash),
        )
    merged = set(e.payload.get("merges", ()))
    if merged:
        s = replace(s, branches=tuple(b for b in s.branches if b not in merged))
        if e.revision_hash == s.head_revision:
            # the konseptor kept the head text: the other texts are let go, and nothing
            # else changes (approvals of this text still name it)
            return s
    route = s.route
    if s.route_restart == "returner" and s.returned_at_step:
        # The office's profile carries earlier approvals forward to the new text: the route
        # resumes at the step that returned it. Each carried approval is marked as such.
        route = tuple(
            replace(st, approved_revision=e.revision_hash, carried=True)
            if st.step_no < s.returned_at_step and st.approved_revision
            else st
            for st in route
        )
    s = replace(
        s,
        head_revision=e.revision_hash,
        head_values=dict(e.payload["values"]),
        revisions=(*s.revisions, e.revision_hash),
        route=route,
    )
    if s.status in (LetterStatus.DIAJUKAN, LetterStatus.SIAP_TANDATANGAN):
        # an edit during review voids the approvals of the old text (they name its hash)
        status = LetterStatus.SIAP_TANDATANGAN if s.review_complete() else LetterStatus.DIAJUKAN
        s = replace(s, status=status)
    return s


def _route_set(s: LetterState, e: Event) -> LetterState:
    steps = tuple(
        Step(
            step_no=i,
            kind=st["kind"],
            jabatan_id=st["jabatan_id"],
            atas_nama=st.get("atas_nama", ""),
            ub_via=st.get("ub_via", ""),
        )
        for i, st in enumerate(e.payload["steps"], start=1)
    )
    return replace(s, route=steps)


def _recipients_set(s: LetterState, e: Event) -> LetterState:
    recipients = tuple(
        Recipient(
            role=role, text=r["text"], jabatan_id=r.get("jabatan_id", ""), email=r.get("email", "")
        )
        for role in ("tujuan", "tembusan")
        for r in e.payload.get(role, ())
    )
    return replace(s, recipients=recipients)


def _submitted(s: LetterState, e: Event) -> LetterState:
    status = LetterStatus.SIAP_TANDATANGAN if s.review_complete() else LetterStatus.DIAJUKAN
    return replace(
        s, status=status, returned_at_step=0 if s.route_restart == "first" else s.returned_at_step
    )


def _approved(s: LetterState, e: Event) -> LetterState:
    step_no = int(e.payload["step"])
    route = tuple(
        replace(st, approved_revision=e.revision_hash, decided_by=e.actor_nip, carried=False)
        if st.step_no == step_no
        else st
        for st in s.route
    )
    s = replace(s, route=route, last_seen={**s.last_seen, e.actor_nip: e.revision_hash})
    if s.review_complete():
        s = replace(s, status=LetterStatus.SIAP_TANDATANGAN)
    return s


def _returned(s: LetterState, e: Event) -> LetterState:
    note = (int(e.payload["step"]), e.actor_nip, str(e.payload.get("note", "")))
    return replace(
        s,
        status=LetterStatus.DIKEMBALIKAN,
        returned_at_step=note[0],
        returned_revision=s.head_revision,
        planned_signers=(),
        notes=(*s.notes, note),
        nomor="",
        final_inputs={},
        paraf_required=(),
        paraf_signed=(),
        final_blob="",
        last_seen={**s.last_seen, e.actor_nip: e.revision_hash},
    )


def _rejected(s: LetterState, e: Event) -> LetterState:
    note = (int(e.payload["step"]), e.actor_nip, str(e.payload.get("note", "")))
    return replace(s, status=LetterStatus.DITOLAK, notes=(*s.notes, note))


def _numbered(s: LetterState, e: Event) -> LetterState:
    signers = tuple((int(x["step"]), str(x["nip"])) for x in e.payload.get("signers", ()))
    return replace(
        s,
        status=LetterStatus.DINOMORI,
        nomor=str(e.payload["nomor"]),
        final_blob=str(e.payload["blob"]),
        planned_signers=signers,
        final_inputs={
            "penandatangan": e.payload.get("penandatangan") or {},
            "tanggal": e.payload.get("tanggal", ""),
        },
        paraf_required=tuple(int(x) for x in e.payload.get("paraf_tte", ())),
        paraf_signed=(),
    )


def _paraf_signed(s: LetterState, e: Event) -> LetterState:
    blob = str(e.payload["blob"])
    return replace(
        s,
        paraf_signed=(*s.paraf_signed, (int(e.payload["step"]), e.actor_nip)),
        final_blob=blob,
        signed_blobs=(*s.signed_blobs, blob),
    )


def _signed(s: LetterState, e: Event) -> LetterState:
    step_no = int(e.payload["step"])
    route = tuple(
        replace(st, approved_revision=e.revision_hash, decided_by=e.actor_nip)
        if st.step_no == step_no
        else st
        for st in s.route
    )
    s = replace(
        s,
        route=route,
        final_blob=str(e.payload["blob"]),
        signed_blobs=(*s.signed_blobs, str(e.payload["blob"])),
    )
    if all(st.approved_revision == s.head_revision for st in s.signing_steps()):
        s = replace(s, status=LetterStatus.DITANDATANGANI)
    return s


def _sent(s: LetterState, e: Event) -> LetterState:
    sent = tuple(sorted({*s.dispatched, *(int(d["recipient"]) for d in e.payload["dispatches"])}))
    status = LetterStatus.DIKIRIM
    return replace(s, dispatched=sent, status=status)


def _read(s: LetterState, e: Event) -> LetterState:
    receipt = (int(e.payload["recipient"]), e.actor_nip)
    if receipt in s.read_by:
        return s
    return replace(s, read_by=(*s.read_by, receipt))


def _archived(s: LetterState, e: Event) -> LetterState:
    return replace(
        s, status=LetterStatus.DIARSIPKAN, archive_blob=str(e.payload.get("archive_blob", ""))
    )


def _cancelled(s: LetterState, e: Event) -> LetterState:
    note = (0, e.actor_nip, str(e.payload.get("reason", "")))
    return replace(s, status=LetterStatus.DIBATALKAN, notes=(*s.notes, note))


_HANDLERS = {
    EventType.REVISED: _revised,
    EventType.ROUTE_SET: _route_set,
    EventType.RECIPIENTS_SET: _recipients_set,
    EventType.SUBMITTED: _submitted,
    EventType.APPROVED: _approved,
    EventType.RETURNED: _returned,
    EventType.REJECTED: _rejected,
    EventType.NUMBERED: _numbered,
    EventType.SIGNED: _signed,
    EventType.PARAF_SIGNED: _paraf_signed,
    EventType.SENT: _sent,
    EventType.READ: _read,
    EventType.ARCHIVED: _archived,
    EventType.CANCELLED: _cancelled,
}
