"""Which events are allowed: pure functions shared by the desktop and the archive server.

``check(state, event, authority, today)`` raises :class:`~tnde.errors.WorkflowRefused`
naming the rule when the event may not happen, and returns None otherwise. It reads
nothing but its arguments, so the server can run the very same rules on what devices send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tnde.errors import WorkflowRefused
from tnde.workflow.events import Event, EventType
from tnde.workflow.state import FINAL_STATES, LetterState, LetterStatus

if TYPE_CHECKING:
    import datetime as dt

ROUTE_KINDS = ("periksa", "paraf_koordinasi", "tandatangan")


class Authority(Protocol):
    """What the rules need to know about the org chart on a given day."""

    def acts_as(self, nip: str, jabatan_id: str, on: dt.date) -> str | None:
        """How ``nip`` holds ``jabatan_id`` on ``on`` (``definitif``, ``Plt.``…), or None."""

    def is_registry(self, nip: str, on: dt.date) -> bool:
        """Whether ``nip`` works at a registry desk (pencatat/TU) on ``on``."""

    def jabatan_exists(self, jabatan_id: str) -> bool:
        """Whether the org chart has this jabatan."""

    def unit_exists(self, unit_id: str) -> bool:
        """Whether the org chart has this unit kerja."""


def refuse(rule: str, message: str) -> WorkflowRefused:
    """A refusal naming ``rule`` (a stable id such as ``WF-OWN-APPROVAL``)."""
    return WorkflowRefused(rule, message)


def check(state: LetterState | None, event: Event, authority: Authority, today: dt.date) -> None:
    """Allow ``event`` on a letter in ``state`` (None for a new letter), or raise.

    Raises:
        WorkflowRefused: the event breaks a rule; nothing may be stored.
    """
    if event.type is EventType.CREATED:
        if state is not None:
            raise refuse("WF-EXISTS", f"surat {event.letter_id} sudah ada")
        unit = str(event.payload.get("unit_id", ""))
        if not authority.unit_exists(unit):
            raise refuse("WF-UNIT", f"unit kerja {unit!r} tidak ada dalam bagan organisasi")
        return
    if state is None:
        raise refuse("WF-UNKNOWN", f"surat {event.letter_id} tidak dikenal")
    if event.letter_seq != state.head_seq + 1:
        raise refuse(
            "WF-SEQ",
            f"urutan kejadian {event.letter_seq} tidak menyambung (terakhir {state.head_seq})",
        )
    if state.status in FINAL_STATES and event.type is not EventType.READ:
        raise refuse("WF-FINAL", f"surat sudah {state.status.value}; tidak ada tindakan lagi")
    _CHECKS[event.type](state, event, authority, today)


def _konseptor_only(state: LetterState, event: Event, what: str) -> None:
    if event.actor_nip != state.konseptor_nip:
        raise refuse("WF-KONSEPTOR", f"hanya konseptor yang dapat {what}")


def _editable(state: LetterState, event: Event, what: str) -> None:
    _konseptor_only(state, event, what)
    allowed = (
        LetterStatus.KONSEP,
        LetterStatus.DIKEMBALIKAN,
        LetterStatus.DIAJUKAN,
        LetterStatus.SIAP_TANDATANGAN,
    )
    if state.status not in allowed:
        raise refuse(
            "WF-NOT-EDITABLE",
            f"surat berstatus {state.status.value} tidak dapat "
            f"diubah; kembalikan dahulu untuk revisi",
        )


def _check_revised(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _editable(s, e, "mengubah konsep")
    if e.payload.get("parent_revision") != s.head_revision:
        raise refuse("WF-STALE-EDIT", "perubahan dibuat atas teks yang bukan teks terakhir")
    if e.revision_hash == s.head_revision:
        raise refuse("WF-NO-CHANGE", "teks tidak berubah")


def _check_route(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _konseptor_only(s, e, "menyusun rute")
    if s.status not in (LetterStatus.KONSEP, LetterStatus.DIKEMBALIKAN):
        raise refuse("WF-ROUTE-LOCKED", "rute hanya dapat diubah sebelum konsep diajukan")
    steps = e.payload.get("steps") or []
    kinds = [st.get("kind") for st in steps]
    if not steps or kinds[-1] != "tandatangan":
        raise refuse("WF-ROUTE-SIGNER", "rute harus diakhiri penandatangan")
    if any(k not in ROUTE_KINDS for k in kinds):
        raise refuse("WF-ROUTE-KIND", "jenis langkah rute tidak dikenal")
    named = [st.get(key, "") for st in steps for key in ("jabatan_id", "atas_nama", "ub_via")]
    unknown = next((j for j in named if j and not a.jabatan_exists(str(j))), None)
    if unknown is not None or any(not st.get("jabatan_id") for st in steps):
        raise refuse("WF-ROUTE-JABATAN", f"jabatan {unknown!r} tidak ada dalam bagan organisasi")
    if "tandatangan" in kinds[: kinds.index("tandatangan")] or any(
        k != "tandatangan" for k in kinds[kinds.index("tandatangan") :]
    ):
        raise refuse("WF-ROUTE-ORDER", "langkah tanda tangan harus berada di akhir rute")
    limit = int(e.payload.get("paraf_max", 0))
    paraf = sum(1 for k in kinds if k != "tandatangan")
    if limit and paraf > limit:
        raise refuse("WF-PARAF-MAX", f"rute memuat {paraf} paraf; profil membatasi {limit}")


def _check_recipients(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _editable(s, e, "mengubah penerima")
    if not e.payload.get("tujuan"):
        raise refuse("WF-NO-TUJUAN", "surat memerlukan sedikitnya satu tujuan")


def _check_submitted(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _konseptor_only(s, e, "mengajukan konsep")
    if s.status not in (LetterStatus.KONSEP, LetterStatus.DIKEMBALIKAN):
        raise refuse("WF-SUBMIT-STATE", f"surat berstatus {s.status.value} tidak dapat diajukan")
    if not s.route or not s.signing_steps():
        raise refuse("WF-ROUTE-SIGNER", "tetapkan rute dengan penandatangan sebelum mengajukan")
    if s.status is LetterStatus.DIKEMBALIKAN and s.head_revision == s.returned_revision:
        raise refuse("WF-NOT-REVISED", "konsep yang dikembalikan belum direvisi")


def _acting_step(
    s: LetterState,
    e: Event,
    a: Authority,
    today: dt.date,
    kinds: tuple[str, ...],
    states: tuple[LetterStatus, ...],
) -> int:
    """Check that the actor may act on the current step now; return its number."""
    if s.status not in states:
        raise refuse(
            "WF-STEP-STATE", f"surat berstatus {s.status.value}; tindakan ini tidak tersedia"
        )
    step = s.current_step()
    if step is None or step.kind not in kinds:
        raise refuse("WF-NO-STEP", "tidak ada langkah yang menunggu tindakan ini")
    if int(e.payload.get("step", -1)) != step.step_no:
        raise refuse("WF-WRONG-STEP", f"langkah yang menunggu adalah langkah {step.step_no}")
    if e.actor_nip == s.konseptor_nip and step.kind != "tandatangan":
        raise refuse("WF-OWN-APPROVAL", "konseptor tidak dapat memeriksa suratnya sendiri")
    if a.acts_as(e.actor_nip, step.jabatan_id, today) is None:
        raise refuse(
            "WF-NOT-ASSIGNEE",
            f"langkah {step.step_no} ditugaskan kepada jabatan "
            f"{step.jabatan_id}, yang tidak dipegang pelaku pada "
            f"{today.isoformat()}",
        )
    if e.revision_hash != s.head_revision:
        raise refuse("WF-STALE-REVISION", "tindakan menyebut revisi lama; periksa teks terakhir")
    return step.step_no


_REVIEW = ("periksa", "paraf_koordinasi")


def _check_approved(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _acting_step(s, e, a, today, _REVIEW, (LetterStatus.DIAJUKAN,))


def _check_returned(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _acting_step(
        s,
        e,
        a,
        today,
        (*_REVIEW, "tandatangan"),
        (LetterStatus.DIAJUKAN, LetterStatus.SIAP_TANDATANGAN, LetterStatus.DINOMORI),
    )
    if not str(e.payload.get("note", "")).strip():
        raise refuse("WF-NOTE-REQUIRED", "pengembalian memerlukan catatan untuk konseptor")


def _check_rejected(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _check_returned(s, e, a, today)


def _check_numbered(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status is not LetterStatus.SIAP_TANDATANGAN:
        raise refuse("WF-NUMBER-STATE", "penomoran hanya untuk surat yang siap ditandatangani")
    if not a.is_registry(e.actor_nip, today):
        raise refuse("WF-REGISTRY-ONLY", "hanya pencatat (tata usaha) yang memberi nomor")
    if e.revision_hash != s.head_revision:
        raise refuse("WF-STALE-REVISION", "nomor harus diberikan pada teks terakhir")
    if not e.payload.get("nomor") or not e.payload.get("blob"):
        raise refuse("WF-NUMBER-DATA", "nomor dan PDF final wajib ada")


def _check_paraf_signed(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status is not LetterStatus.DINOMORI:
        raise refuse(
            "WF-STEP-STATE", f"surat berstatus {s.status.value}; paraf elektronik tidak tersedia"
        )
    step_no = int(e.payload.get("step", -1))
    pending = {st.step_no: st for st in s.paraf_pending()}
    if step_no not in pending:
        raise refuse("WF-PARAF-TTE-STEP", f"langkah {step_no} tidak menunggu paraf elektronik")
    if pending[step_no].decided_by != e.actor_nip:
        raise refuse(
            "WF-NOT-ASSIGNEE",
            f"paraf elektronik langkah {step_no} dibubuhkan oleh pemeriksa yang memarafnya",
        )
    if any(st.approved_revision == s.head_revision for st in s.signing_steps()):
        raise refuse("WF-PARAF-AFTER-SIGN", "paraf tidak dapat ditambahkan setelah tanda tangan")
    if not e.payload.get("blob"):
        raise refuse("WF-SIGN-DATA", "PDF yang ditandatangani wajib ada")


def _check_signed(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    step_no = _acting_step(s, e, a, today, ("tandatangan",), (LetterStatus.DINOMORI,))
    missing = [str(st.step_no) for st in s.paraf_pending()]
    if missing:
        raise refuse(
            "WF-PARAF-TTE",
            f"paraf elektronik pemeriksa belum lengkap (langkah {', '.join(missing)})",
        )

    planned = dict(s.planned_signers).get(step_no)
    if planned and planned != e.actor_nip:
        raise refuse(
            "WF-NOT-PLANNED-SIGNER",
            "PDF final mencetak nama penandatangan lain; "
            "kembalikan surat bila penandatangan berganti",
        )
    if not e.payload.get("blob"):
        raise refuse("WF-SIGN-DATA", "PDF yang ditandatangani wajib ada")


def _check_sent(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status not in (LetterStatus.DITANDATANGANI, LetterStatus.DIKIRIM):
        raise refuse("WF-SEND-STATE", "hanya surat yang sudah ditandatangani yang dapat dikirim")
    if not a.is_registry(e.actor_nip, today):
        raise refuse("WF-REGISTRY-ONLY", "hanya pencatat (tata usaha) yang mengirim surat")
    indexes = [int(d.get("recipient", -1)) for d in e.payload.get("dispatches", ())]
    if not indexes or any(not 0 <= i < len(s.recipients) for i in indexes):
        raise refuse("WF-SEND-RECIPIENT", "penerima pengiriman tidak dikenal")


def _check_read(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    index = int(e.payload.get("recipient", -1))
    if index not in s.dispatched:
        raise refuse("WF-READ-UNSENT", "surat belum dikirim kepada penerima ini")
    recipient = s.recipients[index]
    if not recipient.jabatan_id or a.acts_as(e.actor_nip, recipient.jabatan_id, today) is None:
        raise refuse("WF-READ-NOT-RECIPIENT", "pelaku bukan pemegang jabatan penerima")


def _check_archived(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status is not LetterStatus.DIKIRIM:
        raise refuse("WF-ARCHIVE-STATE", "hanya surat yang sudah dikirim yang diarsipkan")
    if not a.is_registry(e.actor_nip, today):
        raise refuse("WF-REGISTRY-ONLY", "hanya pencatat (tata usaha) yang mengarsipkan surat")


def _check_cancelled(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status in (LetterStatus.DITANDATANGANI, LetterStatus.DIKIRIM) or s.signed_blobs:
        raise refuse("WF-CANCEL-SIGNED", "surat yang sudah ditandatangani tidak dapat dibatalkan")
    signer_jabatan = [st.jabatan_id for st in s.signing_steps()]
    allowed = e.actor_nip == s.konseptor_nip or any(
        a.acts_as(e.actor_nip, j, today) for j in signer_jabatan
    )
    if not allowed:
        raise refuse("WF-CANCEL-ROLE", "hanya konseptor atau penandatangan yang dapat membatalkan")
    if not str(e.payload.get("reason", "")).strip():
        raise refuse("WF-REASON-REQUIRED", "pembatalan memerlukan alasan")


_CHECKS = {
    EventType.REVISED: _check_revised,
    EventType.ROUTE_SET: _check_route,
    EventType.RECIPIENTS_SET: _check_recipients,
    EventType.SUBMITTED: _check_submitted,
    EventType.APPROVED: _check_approved,
    EventType.RETURNED: _check_returned,
    EventType.REJECTED: _check_rejected,
    EventType.NUMBERED: _check_numbered,
    EventType.SIGNED: _check_signed,
    EventType.PARAF_SIGNED: _check_paraf_signed,
    EventType.SENT: _check_sent,
    EventType.READ: _check_read,
    EventType.ARCHIVED: _check_archived,
    EventType.CANCELLED: _check_cancelled,
}
