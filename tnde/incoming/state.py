"""An incoming letter and its dispositions as one aggregate: events and their pure fold.

The registry desk registers the letter; the head of the receiving unit reads it and disposes
it to one or more jabatan (one of them leading); each recipient may dispose further down,
reads, works and reports completion. Overdue is derived from the due date, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tnde.workflow.events import Event


class IncomingEventType(StrEnum):
    """What happened to an incoming letter or one of its dispositions."""

    REGISTERED = "incoming.registered"
    """Registered by the registry desk; payload: metadata, agenda, unit, file."""
    READ = "incoming.read"
    """Opened by the head of the receiving unit (or the TU acting for them)."""
    DISPOSED = "disposition.given"
    """Disposed to one or more jabatan; payload: ids, recipients, instructions, due date."""
    DISPOSITION_READ = "disposition.read"
    DISPOSITION_PROGRESS = "disposition.progress"
    """The recipient is working on it (dalam proses), with a note."""
    DISPOSITION_COMPLETED = "disposition.completed"
    """The recipient reports completion (selesai), with a note and optional attachment."""
    DISPOSITION_CANCELLED = "disposition.cancelled"
    """The giver withdraws a disposition that is still unread."""
    COPY_READ = "tembusan.read"
    """A tembusan (copy) was read by its recipient."""


class DispositionStatus(StrEnum):
    """Where one disposition is."""

    TERKIRIM = "terkirim"
    DIBACA = "dibaca"
    DALAM_PROSES = "dalam_proses"
    SELESAI = "selesai"
    DIBATALKAN = "dibatalkan"


OPEN_DISPOSITION = frozenset(
    {DispositionStatus.TERKIRIM, DispositionStatus.DIBACA, DispositionStatus.DALAM_PROSES}
)


@dataclass(frozen=True)
class Disposition:
    """One disposition to one recipient jabatan."""

    disposisi_id: str
    parent_id: str
    """The disposition it continues ("" for one given by the head of the unit)."""
    giver_nip: str
    giver_jabatan: str
    recipient_jabatan: str
    recipient_unit: str
    leading: bool
    """The leading recipient (penanggung jawab utama)."""
    instructions: tuple[str, ...]
    note: str
    given_at: str
    due_at: str
    status: DispositionStatus = DispositionStatus.TERKIRIM
    read_at: str = ""
    progress_note: str = ""
    completed_at: str = ""
    report: str = ""
    report_blob: str = ""


@dataclass(frozen=True)
class IncomingState:
    """Everything known about one incoming letter after its events so far."""

    incoming_id: str
    unit_id: str
    pimpinan_jabatan: str
    agenda: str
    meta: dict[str, Any]
    """asal, asal_jabatan, nomor, tanggal, hal, sifat, urgensi, kka, isi_ringkas, lampiran,
    diterima (ISO dates)."""
    blob: str
    copy_only: bool
    """A tembusan: read-only, never disposed."""
    verification: str
    """The signature check at registration: ``VALID``, ``INVALID``, ``INDETERMINATE``,
    ``unsigned`` (a PDF without electronic signatures), or ``unverified`` (no PDF)."""

    source_letter_id: str
    status: str
    head_seq: int
    registered_by: str
    registered_at: str
    updated_at: str
    verification_detail: str = ""
    """Who signed, or why the signatures are not valid (Indonesian)."""
    duplicate_confirmed: bool = False
    """Registered again on purpose although the same file or sender and number was already
    registered by the unit (the registry desk confirmed it)."""
    read_by: tuple[tuple[str, str], ...] = ()
    """(NIP, when) of the readings by the head of the unit (or a tembusan recipient)."""

    dispositions: tuple[Disposition, ...] = ()

    def disposition(self, disposisi_id: str) -> Disposition | None:
        """One disposition by id."""
        return next((d for d in self.dispositions if d.disposisi_id == disposisi_id), None)


def apply(state: IncomingState | None, event: Event) -> IncomingState:
    """The state after one more event (``state`` is None only for the registration)."""
    p = event.payload
    kind = IncomingEventType(str(event.type))
    if kind is IncomingEventType.REGISTERED:
        return IncomingState(
            incoming_id=event.letter_id,
            unit_id=p["unit_id"],
            pimpinan_jabatan=p["pimpinan_jabatan"],
            agenda=p["agenda"],
            meta=dict(p["meta"]),
            blob=p.get("blob", ""),
            copy_only=bool(p.get("copy_only", False)),
            verification=p.get("verification", "unverified"),
            verification_detail=p.get("verification_detail", ""),
            duplicate_confirmed=bool(p.get("duplicate_confirmed", False)),
            source_letter_id=p.get("source_letter_id", ""),
            status="diregistrasi",
            head_seq=event.letter_seq,
            registered_by=event.actor_nip,
            registered_at=event.client_time,
            updated_at=event.client_time,
        )
    if state is None:
        raise ValueError(f"{event.type} before incoming.registered")
    s = replace(state, head_seq=event.letter_seq, updated_at=event.client_time)
    if kind in (IncomingEventType.READ, IncomingEventType.COPY_READ):
        status = "dibaca" if s.status == "diregistrasi" else s.status
        return replace(s, status=status, read_by=(*s.read_by, (event.actor_nip, event.client_time)))
    if kind is IncomingEventType.DISPOSED:
        made = tuple(
            Disposition(
                disposisi_id=r["disposisi_id"],
                parent_id=p.get("parent_id", ""),
                giver_nip=event.actor_nip,
                giver_jabatan=p["giver_jabatan"],
                recipient_jabatan=r["jabatan_id"],
                recipient_unit=r["unit_id"],
                leading=bool(r.get("leading", False)),
                instructions=tuple(p.get("instructions", ())),
                note=p.get("note", ""),
                given_at=event.client_time,
                due_at=p["due_at"],
            )
            for r in p["recipients"]
        )
        return derive_status(replace(s, dispositions=(*s.dispositions, *made)))
    target = str(p["disposisi_id"])
    changes: dict[str, Any] = {
        IncomingEventType.DISPOSITION_READ: {
            "status": DispositionStatus.DIBACA,
            "read_at": event.client_time,
        },
        IncomingEventType.DISPOSITION_PROGRESS: {
            "status": DispositionStatus.DALAM_PROSES,
            "progress_note": p.get("note", ""),
        },
        IncomingEventType.DISPOSITION_COMPLETED: {
            "status": DispositionStatus.SELESAI,
            "completed_at": event.client_time,
            "report": p.get("note", ""),
            "report_blob": p.get("blob", ""),
        },
        IncomingEventType.DISPOSITION_CANCELLED: {"status": DispositionStatus.DIBATALKAN},
    }[kind]
    dispositions = tuple(
        replace(d, **changes) if d.disposisi_id == target else d for d in s.dispositions
    )
    return derive_status(replace(s, dispositions=dispositions))


def derive_status(s: IncomingState) -> IncomingState:
    """didisposisi while any disposition is open; selesai once every live one is done."""
    live = [d for d in s.dispositions if d.status is not DispositionStatus.DIBATALKAN]
    if not live:
        return replace(s, status="dibaca" if s.read_by else "diregistrasi")
    done = all(d.status is DispositionStatus.SELESAI for d in live)
    return replace(s, status="selesai" if done else "didisposisi")


def fold(events: list[Event]) -> IncomingState:
    """The state after the full log of one incoming letter."""
    state: IncomingState | None = None
    for event in events:
        state = apply(state, event)
    if state is None:
        raise ValueError("an incoming letter's log must start with incoming.registered")
    return state
