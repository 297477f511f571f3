"""Who may do what with an incoming letter and its dispositions: pure, shared with the
archive server like the outgoing-letter rules, with stable rule ids (``IN-…``, ``DP-…``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.errors import WorkflowRefused
from tnde.incoming.state import DispositionStatus, IncomingEventType, IncomingState

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
            raise refuse("IN-EXISTS", "naskah masuk ini sudah diregistrasi")
        if not a.is_registry(event.actor_nip, today):
            raise refuse(
                "IN-REGISTRY-ONLY", "hanya pencatat (tata usaha) yang meregistrasi naskah masuk"
            )
        if not a.unit_exists(str(p.get("unit_id", ""))):
            raise refuse("WF-UNIT", f"unit kerja {p.get('unit_id')!r} tidak ada")
        return
    if state is None:
        raise refuse("IN-UNKNOWN", f"naskah masuk {event.letter_id} tidak dikenal")
    if kind is IncomingEventType.READ:
        if not _leads(state, event.actor_nip, a, today):
            raise refuse(
                "IN-NOT-PIMPINAN",
                "hanya pimpinan unit penerima (atau TU-nya) yang membuka naskah ini",
            )
        return
    if kind is IncomingEventType.COPY_READ:
        if not state.copy_only:
            raise refuse("IN-NOT-COPY", "naskah ini bukan tembusan")
        if a.acts_as(event.actor_nip, state.pimpinan_jabatan, today) is None:
            raise refuse("IN-NOT-RECIPIENT", "pelaku bukan penerima tembusan ini")
        return
    if kind is IncomingEventType.DISPOSED:
        _check_disposed(state, event, a, today)
        return
    disposition = state.disposition(str(p.get("disposisi_id", "")))
    if disposition is None:
        raise refuse("DP-UNKNOWN", "disposisi tidak dikenal")
    if kind is IncomingEventType.DISPOSITION_CANCELLED:
        if a.acts_as(event.actor_nip, disposition.giver_jabatan, today) is None:
            raise refuse("DP-NOT-GIVER", "hanya pemberi disposisi yang dapat membatalkannya")
        if disposition.status is not DispositionStatus.TERKIRIM:
            raise refuse("DP-CANCEL-READ", "disposisi yang sudah dibaca tidak dapat dibatalkan")
        if not str(p.get("reason", "")).strip():
            raise refuse("WF-REASON-REQUIRED", "pembatalan memerlukan alasan")
        return
    if a.acts_as(event.actor_nip, disposition.recipient_jabatan, today) is None:
        raise refuse(
            "DP-NOT-RECIPIENT",
            f"disposisi ini ditujukan kepada jabatan {disposition.recipient_jabatan}",
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
            f"disposisi berstatus {disposition.status.value}; tindakan ini tidak tersedia",
        )
    if kind is IncomingEventType.DISPOSITION_COMPLETED and not str(p.get("note", "")).strip():
        raise refuse("DP-REPORT-REQUIRED", "laporan penyelesaian memerlukan catatan")


def _leads(state: IncomingState, nip: str, a: Authority, today: dt.date) -> bool:
    """The head of the receiving unit, or a registry desk acting for them."""
    return a.acts_as(nip, state.pimpinan_jabatan, today) is not None or a.is_registry(nip, today)


def _check_disposed(state: IncomingState, e: Event, a: Authority, today: dt.date) -> None:
    p = e.payload
    if state.copy_only:
        raise refuse("IN-COPY-ONLY", "tembusan hanya untuk diketahui; tidak didisposisikan")
    recipients = list(p.get("recipients") or [])
    if not recipients:
        raise refuse("DP-NO-RECIPIENT", "disposisi memerlukan sedikitnya satu penerima")
    if not p.get("instructions"):
        raise refuse("DP-NO-INSTRUCTION", "pilih sedikitnya satu instruksi disposisi")
    if len(recipients) > 1 and sum(bool(r.get("leading")) for r in recipients) != 1:
        raise refuse("DP-LEADING", "tandai tepat satu penerima sebagai penanggung jawab utama")
    unknown = next(
        (r["jabatan_id"] for r in recipients if not a.jabatan_exists(str(r.get("jabatan_id", "")))),
        None,
    )
    if unknown is not None:
        raise refuse("DP-UNKNOWN-JABATAN", f"jabatan {unknown!r} tidak ada")
    parent_id = str(p.get("parent_id", ""))
    giver = str(p.get("giver_jabatan", ""))
    if not parent_id:
        if giver != state.pimpinan_jabatan:
            raise refuse(
                "DP-NOT-PIMPINAN", "disposisi pertama diberikan oleh pimpinan unit penerima"
            )
        acting_tu = a.is_registry(e.actor_nip, today) and p.get("atas_perintah")
        if a.acts_as(e.actor_nip, giver, today) is None and not acting_tu:
            raise refuse(
                "DP-NOT-PIMPINAN",
                "pelaku bukan pimpinan unit penerima (TU hanya atas perintah pimpinan)",
            )
        return
    parent = state.disposition(parent_id)
    if parent is None:
        raise refuse("DP-UNKNOWN", "disposisi induk tidak dikenal")
    if giver != parent.recipient_jabatan or a.acts_as(e.actor_nip, giver, today) is None:
        raise refuse("DP-NOT-RECIPIENT", "hanya penerima disposisi yang dapat meneruskannya")
    if parent.status not in (DispositionStatus.DIBACA, DispositionStatus.DALAM_PROSES):
        raise refuse(
            "DP-STATE",
            f"disposisi induk berstatus {parent.status.value}; baca dahulu sebelum meneruskan",
        )
