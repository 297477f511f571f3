"""Signing numbered letters in the workspace, one or many with a single passphrase or PIN.

For each letter, in order:

1. The workflow rules decide whether this official may sign this letter now (fully
   approved, numbered, their step, the planned signer) — before the device is opened.
2. The device is opened once for the batch; the certificate must belong to the official
   (NIK reference, NIP and name from the org chart) and be valid, unrevoked and trusted.
3. The first signature renders the final PDF again with the footer naming the certificate's
   issuer (from the trust store), converts it to PDF/A-2b and pre-creates a field for every
   signing step: that unsigned base revision is stored, and the first signer certifies it.
   Later signers fill their own field in the newest signed revision.
4. The signed file is stored as a new blob and the signature event recorded in one
   transaction. A signed file is never modified: the next signature makes a new blob.

A failure on one letter (revoked certificate, TSA unreachable, a letter someone else just
returned) is reported for that letter; the others go on. Nothing is retried automatically.

Each letter goes through :func:`prepare_signature` (rules, base PDF), the device's signature
(:func:`tnde.signing.pades.sign_pdf`) and :func:`finish_signature` (store and record): a
remote signing service fits between the first and the last as another pyHanko ``Signer``
(hash in, signature value out) behind :class:`~tnde.signing.devices.SigningDevice`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tnde.errors import Cancelled, SigningError, TndeError, WorkflowRefused
from tnde.faults import crash_point
from tnde.messages import _
from tnde.org import load_org
from tnde.pki.identity import identity_of, nik_ref, same_person_name
from tnde.profiles import load_profile
from tnde.progress import check_cancel
from tnde.signing.outcomes import UnknownOutcome, record_unknown, unknown_outcomes
from tnde.signing.pades import Level, SigningServices, SignRequest, check_certificate, sign_pdf
from tnde.signing.prepare import (
    TRANSPARENT_STAMP,
    FieldPlan,
    add_empty_form,
    add_signature_fields,
    to_pdfa2b,
)
from tnde.workflow.events import EventType
from tnde.workflow.finishing import render_final

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography import x509

    from tnde.progress import CancelToken, ProgressSink
    from tnde.signing.devices import SigningDevice, SigningSession
    from tnde.workflow.letters import Letters
    from tnde.workflow.state import LetterState

log = logging.getLogger(__name__)

__all__ = [
    "LetterSignResult",
    "PendingSignature",
    "check_identity",
    "finish_signature",
    "precheck_letters",
    "prepare_signature",
    "sign_letters",
    "signature_fields",
]


@dataclass(frozen=True)
class LetterSignResult:
    """What happened to one letter of a batch."""

    letter_id: str
    ok: bool
    nomor: str = ""
    blob: str = ""
    """SHA-256 of the signed PDF when ``ok``."""
    error: TndeError | None = None
    """Why not, when not ``ok``: a :class:`SigningError` or :class:`WorkflowRefused`."""
    paraf: bool = False
    """The signature was a reviewer's electronic paraf: the letter is not signed yet."""


@dataclass
class _Batch:
    letters: Letters
    actor: str
    session: SigningSession
    services: SigningServices
    level: Level
    issuer: str
    results: list[LetterSignResult] = field(default_factory=list)


def sign_letters(
    letters: Letters,
    actor: str,
    letter_ids: Sequence[str],
    device: SigningDevice,
    secret: bytes | bytearray,
    services: SigningServices,
    *,
    level: Level = Level.B_LT,
    issuer_of: Any = None,
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> list[LetterSignResult]:
    """Sign each letter as ``actor`` with the key on ``device``.

    Args:
        secret: the passphrase or PIN; used to open the device and not kept.
        services: trust roots, TSA and revocation fetching for the batch.
        issuer_of: ``chain → printable issuer name or None`` (the trust store's
            ``footer_issuer_for``); the name goes into the footer of the signed PDF.

    Returns:
        One result per letter, in the given order. Letters after a cancel are not in it.

    Raises:
        SigningError: for the whole batch, before anything is signed: wrong passphrase or
            PIN, locked or absent token, a certificate of someone else, or one that is
            expired, revoked or untrusted.
    """
    states = precheck_letters(letters, actor, letter_ids)
    if all(isinstance(s, TndeError) for s in states.values()):
        # nothing this official may sign: the device is not even opened
        return [LetterSignResult(i, ok=False, error=states[i]) for i in letter_ids]  # type: ignore[arg-type]
    with device.open(secret) as session:
        check_identity(letters, actor, session.certificate)
        check_certificate(session, services)
        issuer = issuer_of(session.chain_with_leaf()) if issuer_of else None
        if not issuer:
            raise SigningError(
                SigningError.CERT_UNTRUSTED,
                _(
                    "the certificate's issuer is not in the workspace's trust store, so the TTE "
                    "footnote cannot name it"
                ),
                subject=session.certificate.subject.rfc4514_string(),
            )
        batch = _Batch(letters, actor, session, services, level, issuer)
        total = len(letter_ids)
        for done, letter_id in enumerate(letter_ids):
            try:
                check_cancel(cancel)
            except Cancelled:
                log.info("signing batch cancelled after %d of %d letters", done, total)
                break
            if progress is not None:
                progress(done, total, letter_id)
            refused = states[letter_id]
            if isinstance(refused, TndeError):
                batch.results.append(LetterSignResult(letter_id, ok=False, error=refused))
                continue
            batch.results.append(_sign_one(batch, letter_id))
        if progress is not None:
            progress(len(batch.results), total, "")
    return batch.results


def precheck_letters(
    letters: Letters, actor: str, letter_ids: Sequence[str]
) -> dict[str, LetterState | TndeError]:
    """Each letter's state, or the rule that refuses ``actor``'s signature on it now.

    The desktop app shows this before asking for the passphrase or PIN.
    """

    out: dict[str, LetterState | TndeError] = {}
    unknown = unknown_outcomes(letters.workspace.thread_connection())
    for letter_id in letter_ids:
        if letter_id in unknown:
            out[letter_id] = _still_unknown(unknown[letter_id])
            continue
        try:
            state = letters.get(letter_id)
            _precheck(letters, actor, state)
            out[letter_id] = state
        except (WorkflowRefused, SigningError) as exc:
            out[letter_id] = exc
    return out


def _still_unknown(found: UnknownOutcome) -> SigningError:
    """A letter whose last signature request has an unknown outcome is not signed again
    until someone checks: a second request could make a second signature."""
    return SigningError(
        SigningError.UNKNOWN_OUTCOME,
        _(
            "status tidak pasti: the signature requested on {at} ({device}) has an unknown "
            "outcome; check it first ('tnde sign --check-unknown')",
            at=found.at[:16].replace("T", " "),
            device=found.device,
        ),
        subject=found.letter_id,
    )


@dataclass(frozen=True)
class _Role:
    """What the actor's signature on a letter is: the signer's or a reviewer's paraf."""

    event: EventType
    step_no: int
    field: str


def _role(state: LetterState, actor: str) -> _Role:
    """The reviewer's pending paraf when they have one, else the letter's next signature."""
    for step in state.paraf_pending():
        if step.decided_by == actor:
            return _Role(EventType.PARAF_SIGNED, step.step_no, paraf_field(step.step_no))
    current = state.current_step()
    step_no = current.step_no if current else 0
    return _Role(EventType.SIGNED, step_no, signature_fields(state).get(step_no, ""))


def _precheck(letters: Letters, actor: str, state: LetterState) -> _Role:
    role = _role(state, actor)
    with letters.transaction() as conn:
        letters.precheck(
            conn,
            letter_id=state.letter_id,
            type=role.event,
            actor_nip=actor,
            payload={"step": role.step_no, "blob": "-"},
            today=letters.today(),
        )
    return role


@dataclass(frozen=True)
class PendingSignature:
    """A signature prepared and not yet made: what the device (or a remote signing service)
    is asked to sign, and what is recorded once it has (prepare → sign → finish).

    Everything here is plain data, so a later remote signer can hold it across its own
    round trip without the workspace.
    """

    letter_id: str
    nomor: str
    event: EventType
    """``letter.signed`` for the signer, ``letter.paraf_signed`` for a reviewer's paraf."""
    step_no: int
    head_seq: int
    """The letter's event count when prepared: finishing refuses if it changed meanwhile."""
    base: bytes
    """The PDF to sign into: the new base revision (first signature) or the newest signed."""
    base_is_new: bool
    request: SignRequest


def prepare_signature(
    letters: Letters,
    actor: str,
    letter_id: str,
    *,
    issuer: str,
    level: Level,
    fields: bool = True,
) -> PendingSignature:
    """Check the rules and build the PDF to sign.

    ``fields=False`` leaves the signature fields out of a new base revision: a service that
    signs the whole PDF adds a field of its own, and an empty one of ours would stay unsigned.

    Raises:
        WorkflowRefused: the actor may not sign this letter now.
    """
    state = letters.get(letter_id)
    role = _precheck(letters, actor, state)
    first = not state.signed_blobs
    base = (
        prepare_base(state, issuer, fields=fields) if first else letters.blobs.get(state.final_blob)
    )
    paraf = role.event is EventType.PARAF_SIGNED
    request = SignRequest(
        field=role.field,
        level=level,
        certify=first,
        reason=f"{'Paraf' if paraf else 'Penandatanganan'} {state.nomor}",
        location=_location(state),
        stamp_style=_transparent_stamp(),
    )
    return PendingSignature(
        letter_id, state.nomor, role.event, role.step_no, state.head_seq, base, first, request
    )


def finish_signature(
    letters: Letters,
    actor: str,
    pending: PendingSignature,
    signed: bytes,
    certificate: x509.Certificate,
) -> LetterSignResult:
    """Store the signed PDF (and a new base revision) and record the event, in one
    transaction. The event store refuses it if the letter moved on since it was prepared."""
    with letters.transaction() as conn:
        now = letters.state_in(conn, pending.letter_id)
        if now is None or now.head_seq != pending.head_seq:
            raise WorkflowRefused(
                "WF-CHANGED",
                _("the letter changed while it was being signed; the signature was not stored"),
            )
        base_blob = (
            letters.blobs.put(pending.base, "application/pdf", conn)
            if pending.base_is_new
            else now.final_blob
        )
        blob = letters.blobs.put(signed, "application/pdf", conn)
        crash_point("sign")
        payload = {
            "step": pending.step_no,
            "blob": blob,
            "base_blob": base_blob,
            "field": pending.request.field,
            "level": pending.request.level.value,
            "certificate": _certificate_summary(certificate),
        }
        letters.append(
            conn,
            letter_id=pending.letter_id,
            type=pending.event,
            actor_nip=actor,
            payload=payload,
            today=letters.today(),
        )
    return LetterSignResult(
        pending.letter_id,
        ok=True,
        nomor=pending.nomor,
        blob=blob,
        paraf=pending.event is EventType.PARAF_SIGNED,
    )


def _sign_one(batch: _Batch, letter_id: str) -> LetterSignResult:
    letters = batch.letters
    pending = None
    try:
        # the rules again: an earlier letter of the batch, or someone else, may have changed it
        whole_pdf = batch.session.whole_pdf
        pending = prepare_signature(
            letters,
            batch.actor,
            letter_id,
            issuer=batch.issuer,
            level=batch.level,
            fields=whole_pdf is None,
        )
        # The certificate was checked when the batch began; at B-LT pyHanko validates it
        # again, revocation included, before it embeds the validation data.
        if whole_pdf is not None:  # a service that signs the whole, final PDF
            signed = whole_pdf(pending.base, pending.request, batch.services)
        else:
            signed = sign_pdf(pending.base, batch.session, pending.request, batch.services)
        return finish_signature(letters, batch.actor, pending, signed, batch.session.certificate)
    except (SigningError, WorkflowRefused) as exc:
        log.info(
            "letter %s not signed: %s", letter_id, getattr(exc, "kind", exc.__class__.__name__)
        )
        if isinstance(exc, SigningError) and exc.kind == SigningError.UNKNOWN_OUTCOME:
            # kept across restarts, so the next batch does not ask a second time blindly
            record_unknown(
                letters,
                batch.actor,
                letter_id,
                device=batch.session.description,
                detail=exc.detail,
                head_seq=pending.head_seq if pending else letters.get(letter_id).head_seq,
            )
        return LetterSignResult(letter_id, ok=False, error=exc)


def prepare_base(state: LetterState, issuer: str, *, fields: bool = True) -> bytes:
    """The unsigned base revision: final render naming ``issuer``, PDF/A-2b, empty fields
    (none with ``fields=False``)."""

    result = render_final(state, issuer=issuer)
    profile = load_profile(state.profile_id)
    tanggal = str(state.final_inputs.get("tanggal", ""))

    created = dt.datetime.combine(dt.date.fromisoformat(tanggal), dt.time(), dt.UTC)
    pdf = to_pdfa2b(
        result.pdf,
        title=f"{state.jenis.replace('_', ' ').title()} {state.nomor}",
        author=profile.nama,
        subject=state.hal,
        keywords=f"naskah dinas; {state.nomor}; {state.letter_id}",
        created=created,
    )
    if not fields:
        # an empty form: the service's field goes into it, and the comparison of the
        # revisions (tnde.signing.remote_esc) has a form on both sides
        return add_empty_form(pdf)
    names = signature_fields(state)
    slots = {slot.field: slot for slot in result.signature_slots}
    # reviewers' electronic paraf: invisible approval signatures
    plans = [FieldPlan(paraf_field(step_no), 1, None) for step_no in state.paraf_required]
    for step_no, name in names.items():
        slot = slots.get(_slot_for(state, step_no))
        if slot is None:  # a signer the template gives no place: an invisible field
            plans.append(FieldPlan(name, 1, None))
        else:
            plans.append(replace(FieldPlan.for_slot(slot), name=name))
    return add_signature_fields(pdf, plans)


def paraf_field(step_no: int) -> str:
    """Name of the invisible field for the electronic paraf of review step ``step_no``."""
    return f"PARAF-{step_no}"


def signature_fields(state: LetterState) -> dict[int, str]:
    """Signing step → name of its PDF signature field (``TTE-<template field>``)."""
    return {s.step_no: f"TTE-{_slot_for(state, s.step_no)}" for s in state.signing_steps()}


def _slot_for(state: LetterState, step_no: int) -> str:
    """The template field whose signature slot a signing step fills.

    The first signing step signs as ``penandatangan``; further steps (joint letters) get
    a field of their own named after the step, invisible unless the template places it.
    """
    steps = [s.step_no for s in state.signing_steps()]
    return "penandatangan" if steps and step_no == steps[0] else f"penandatangan-{step_no}"


def check_identity(letters: Letters, actor: str, certificate: x509.Certificate) -> None:
    """The certificate names the official in the org chart: NIK reference, NIP, name.

    Raises:
        SigningError: ``IDENTITY_MISMATCH`` naming what differs.
    """

    who = identity_of(certificate)
    chart = load_org(letters.workspace.thread_connection())
    person = chart.get_pegawai(actor)
    subject = f"sertifikat {who.nama}"
    if person.nik_ref and (not who.nik or nik_ref(who.nik) != person.nik_ref):
        raise SigningError(
            SigningError.IDENTITY_MISMATCH,
            _(
                "the NIK on the certificate is not the NIK of {nama} registered in the org chart",
                nama=person.nama,
            ),
            subject=subject,
        )
    if who.nip and who.nip != person.nip:
        raise SigningError(
            SigningError.IDENTITY_MISMATCH,
            _(
                "the NIP on the certificate ({nip}) is not the NIP of {nama} ({expected_nip})",
                nip=who.nip,
                nama=person.nama,
                expected_nip=person.nip,
            ),
            subject=subject,
        )
    if not same_person_name(who.nama, person.nama):
        raise SigningError(
            SigningError.IDENTITY_MISMATCH,
            _(
                "the name on the certificate ({nama}) is not {expected_nama}",
                nama=who.nama,
                expected_nama=person.nama,
            ),
            subject=subject,
        )


def _certificate_summary(cert: x509.Certificate) -> dict[str, str]:
    from cryptography.hazmat.primitives import hashes

    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "serial": format(cert.serial_number, "x"),
        "sha256": cert.fingerprint(hashes.SHA256()).hex(),
    }


def _location(state: LetterState) -> str:
    """Where the letter is signed: its own place line, else the profile's default place."""

    place = state.head_values.get("tempat")
    return str(place) if place else load_profile(state.profile_id).style.default_place


def _transparent_stamp() -> Any:
    return TRANSPARENT_STAMP
