"""The registry and signing end of the lifecycle: number and final PDF, read receipts,
archiving and cancellation (dispatch into other units' registers is the incoming desk's:
:func:`tnde.incoming.send_letter`).

The number is fixed in the same transaction that renders the final PDF and stores it, in
that order: any byte changed after signing would break the signature, so nothing in the
PDF may depend on a later step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tnde import render
from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.numbering import NumberContext, format_arahan_number, parse_pattern
from tnde.profiles.model import ARAHAN
from tnde.register import issue_number, series_for, void_issued
from tnde.register.leases import is_linked, usable_lease
from tnde.workflow.events import EventType
from tnde.workflow.inputs import letter_inputs
from tnde.workflow.positions import SqlAuthority

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from tnde.profiles.model import Profile
    from tnde.register import SeriesRef
    from tnde.templates.model import Template
    from tnde.workflow.letters import Letters
    from tnde.workflow.state import LetterState

_DERAJAT = {"Biasa": "B", "Terbatas": "T", "Rahasia": "R", "Sangat Rahasia": "SR"}
_REVIEW_KINDS = ("periksa", "paraf_koordinasi")


def number_letter(
    letters: Letters,
    actor: str,
    letter_id: str,
    *,
    signers: dict[int, str] | None = None,
    lease_id: str | None = None,
    desk: str | None = None,
) -> LetterState:
    """Fix the number, render the final PDF with it and store it, in one transaction.

    Args:
        signers: signing step → NIP of who will sign (default: who holds the jabatan today,
            preferring a Plh./Plt. over an absent definitive holder).
        lease_id, desk: draw from this leased block (offline registry desk) instead of the
            central register.
    """
    state = letters.get(letter_id)
    today = letters.today()
    with letters.transaction() as conn:
        letters.precheck(
            conn,
            letter_id=letter_id,
            type=EventType.NUMBERED,
            actor_nip=actor,
            payload={"nomor": "-", "blob": "-"},
            today=today,
        )
        # The signature block is computed from the org chart and the delegation in force
        # today, and snapshotted into the letter: later changes of title never alter it.
        inputs = letter_inputs(conn, state, today, signers=signers, final=True)
        inputs.refuse_problems()
        template, profile, values = inputs.template, inputs.profile, inputs.values
        issued = _issue(
            conn,
            letters,
            state,
            template,
            profile,
            values,
            today,
            actor,
            lease_id=lease_id,
            desk=desk,
        )
        values = {**values, "nomor": issued.nomor, "tanggal": today}
        # The footer names the certificate's issuer, known only when the signer's device is:
        # this copy leaves it as a placeholder and signing renders the one that is signed.
        result = render.render_letter(template, profile, values, mode="final", stamp=inputs.stamp())
        blob = letters.blobs.put(result.pdf, "application/pdf", conn)

        payload = {
            "nomor": issued.nomor,
            "no": issued.no,
            "blob": blob,
            "series": {
                "unit_id": issued.ref.unit_id,
                "series": issued.ref.series,
                "year": issued.ref.year,
            },
            "signers": [{"step": s, "nip": n} for s, n in inputs.signers],
            "penandatangan": inputs.signer,
            "tanggal": today.isoformat(),
            # the review steps whose paraf is also signed electronically (profile's choice)
            "paraf_tte": [s.step_no for s in state.route if s.kind in _REVIEW_KINDS]
            if profile.tte.paraf_elektronik
            else [],
        }

        return letters.append(
            conn,
            letter_id=letter_id,
            type=EventType.NUMBERED,
            actor_nip=actor,
            payload=payload,
            today=today,
        ).state


def number_series(letters: Letters, letter_id: str) -> SeriesRef:
    """The series the letter's number will come from (a registry desk linked to an archive
    leases a block of it before numbering offline)."""
    state = letters.get(letter_id)
    conn = letters.workspace.thread_connection()
    inputs = letter_inputs(conn, state, letters.today(), final=True)
    ref, _fmt = _numbering(
        conn, state, inputs.template, inputs.profile, inputs.values, letters.today()
    )
    return ref


def _numbering(
    conn: sqlite3.Connection,
    state: LetterState,
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    today: dt.date,
) -> tuple[SeriesRef, Callable[[int], str]]:
    """The series a letter is numbered in, and how its sequence number is printed."""
    derajat = _DERAJAT.get(str(values.get("sifat", "Biasa")), "B")
    # The letter is issued by the signer's unit: its code goes into the number and its
    # register counts the letter (a Kasi's draft signed by the Kepala Dinas is a Dinas letter).
    signer_jabatan = state.signing_steps()[0].jabatan_id
    unit_row = conn.execute(
        "SELECT u.unit_id, u.kode FROM jabatan j JOIN unit u ON u.unit_id = j.unit_id "
        "WHERE j.jabatan_id = ?",
        (signer_jabatan,),
    ).fetchone()
    issuing_unit = unit_row[0] if unit_row else state.unit_id
    unit_code = (unit_row[1] if unit_row else "") or profile.numbering.unit_code
    pattern_text = profile.numbering.pattern_for(state.jenis)
    arahan = ARAHAN in (pattern_text, template.numbering)
    # arahan documents (Keputusan…) count per year and jenis whatever the letter series do
    policy = (
        replace(profile.numbering.series, per_jenis=True) if arahan else profile.numbering.series
    )
    ref = series_for(
        policy, unit_id=issuing_unit, jenis=state.jenis, derajat=derajat, tanggal=today
    )

    def fmt(seq: int) -> str:
        if arahan:
            return format_arahan_number(seq, today.year)
        return parse_pattern(pattern_text).format(
            NumberContext(
                seq=seq,
                tanggal=today,
                kka=str(values.get("kka", "")),
                unit=unit_code,
                derajat=derajat,
                jenis=template.kode,
            )
        )

    return ref, fmt


def _issue(
    conn: sqlite3.Connection,
    letters: Letters,
    state: LetterState,
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    today: dt.date,
    actor: str,
    *,
    lease_id: str | None,
    desk: str | None,
) -> Any:
    ref, fmt = _numbering(conn, state, template, profile, values, today)
    desk = desk or letters.workspace.device_id
    if lease_id is None and is_linked(conn):
        # the archive holds the register: a linked desk numbers from its leased blocks only
        lease_id = usable_lease(conn, ref, desk)
        if lease_id is None:
            raise WorkflowRefused(
                "REG-LEASE-REQUIRED",
                _(
                    "this desk holds no leased numbers of series {ref}; take a block from "
                    "the archive while online: tnde register lease --unit {unit} --series "
                    "{series} --year {year} --size 50",
                    ref=ref,
                    unit=ref.unit_id or "''",
                    series=ref.series,
                    year=ref.year,
                ),
            )
    return issue_number(
        conn,
        ref,
        letter_id=state.letter_id,
        format=fmt,
        actor=actor,
        at=letters.clock().isoformat(),
        lease_id=lease_id,
        desk=desk,
    )


def mark_read(letters: Letters, actor: str, letter_id: str) -> LetterState:
    """The read receipt of an internal recipient (the actor's jabatan among the recipients)."""
    state = letters.get(letter_id)
    conn = letters.workspace.thread_connection()
    mine = set(SqlAuthority(conn).jabatan_of(actor, letters.today()))
    index = next(
        (
            i
            for i, r in enumerate(state.recipients)
            if r.jabatan_id and r.jabatan_id in mine and i in state.dispatched
        ),
        -1,
    )
    return letters.record(letter_id, EventType.READ, actor, {"recipient": index})


def archive_letter(
    letters: Letters, actor: str, letter_id: str, *, archive_pdf: bytes | None = None
) -> LetterState:
    """File a sent letter in its unit's records.

    Args:
        archive_pdf: the B-LTA archive copy of the signed PDF
            (:func:`tnde.signing.archive.archive_copy`), stored beside it in the same
            transaction; the sent file itself is never changed.
    """
    if archive_pdf is None:
        return letters.record(letter_id, EventType.ARCHIVED, actor, {})
    letters.workspace.acting.admit(actor)  # before the archive copy is stored
    with letters.transaction() as conn:
        blob = letters.blobs.put(archive_pdf, "application/pdf", conn)
        return letters.append(
            conn,
            letter_id=letter_id,
            type=EventType.ARCHIVED,
            actor_nip=actor,
            payload={"archive_blob": blob},
            today=letters.today(),
        ).state


def cancel_letter(letters: Letters, actor: str, letter_id: str, reason: str) -> LetterState:
    """Withdraw a letter before signing; a number it held is voided with the same reason."""
    state = letters.get(letter_id)
    with letters.transaction() as conn:
        done = letters.append(
            conn,
            letter_id=letter_id,
            type=EventType.CANCELLED,
            actor_nip=actor,
            payload={"reason": reason},
            today=letters.today(),
        )
        if state.nomor:
            void_issued(
                conn,
                letter_id=letter_id,
                reason=f"surat dibatalkan: {reason}",
                actor=actor,
                at=done.event.client_time,
            )
    return done.state


def render_final(state: LetterState, *, issuer: str | None) -> render.RenderResult:
    """The final PDF of a numbered letter again, now naming the certificate's ``issuer``.

    Rendering is deterministic, so this is the numbered copy with the footer filled in:
    the same number, date, signature block snapshot and QR code.
    """
    if not state.nomor or not state.final_inputs:
        raise WorkflowRefused("WF-SIGN-STATE", _("the letter has no number yet"))
    tanggal = dt.date.fromisoformat(str(state.final_inputs["tanggal"]))
    inputs = letter_inputs(None, state, tanggal)
    inputs.refuse_problems()
    return render.render_letter(
        inputs.template,
        inputs.profile,
        inputs.values,
        mode="final",
        stamp=inputs.stamp(issuer=issuer),
    )
