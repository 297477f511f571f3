"""The registry and signing end of the lifecycle: number and final PDF, signatures,
dispatch, read receipts, archiving and cancellation.

The number is fixed in the same transaction that renders the final PDF and stores it, in
that order: any byte changed after signing would break the signature, so nothing in the
PDF may depend on a later step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.errors import WorkflowRefused
from tnde.workflow.events import EventType

if TYPE_CHECKING:
    import datetime as dt
    import sqlite3

    from tnde.profiles.model import Profile
    from tnde.templates.model import Template
    from tnde.workflow.letters import Letters
    from tnde.workflow.state import LetterState

_DERAJAT = {"Biasa": "B", "Terbatas": "T", "Rahasia": "R", "Sangat Rahasia": "SR"}
_REVIEW_KINDS = ("periksa", "paraf_koordinasi")

#: Preference when several people hold a jabatan on one day: a Plh./Plt. stands in for an
#: absent holder, so the acting official is the one who signs.
_SIGNER_PREFERENCE = {"Plh.": 0, "Plt.": 1, "Pj.": 2, "definitif": 3}


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
    from tnde.org import load_org, signature_block
    from tnde.profiles import load_profile
    from tnde.render import TteStamp, render_letter
    from tnde.templates.loader import load_template
    from tnde.templates.values import validate_values

    state = letters.get(letter_id)
    today = letters.today()
    template = load_template(state.jenis)
    profile = load_profile(state.profile_id)
    with letters.ws.transaction() as conn:
        letters.store.precheck(
            conn,
            letter_id=letter_id,
            type=EventType.NUMBERED,
            actor_nip=actor,
            payload={"nomor": "-", "blob": "-"},
            today=today,
        )
        chart = load_org(conn)
        planned = planned_signers(conn, state, signers or {}, today)
        first_step, first_nip = planned[0]
        step = next(s for s in state.route if s.step_no == first_step)
        # The signature block is computed from the org chart and the delegation in force
        # today, and snapshotted into the letter: later changes of title never alter it.
        snapshot = signature_block(
            chart,
            first_nip,
            step.jabatan_id,
            today,
            atas_nama_jabatan_id=step.atas_nama or None,
            ub_via_jabatan_id=step.ub_via or None,
        )
        raw = dict(state.head_values)
        if template.field("penandatangan") is not None:
            raw["penandatangan"] = _snapshot_json(snapshot)
        values, problems = validate_values(template, raw)
        if problems:
            raise WorkflowRefused("WF-INVALID", f"isian belum benar: {problems[0]}")
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
        caption = (snapshot.person.jabatan, snapshot.person.nama)
        # The footer names the certificate's issuer, known only when the signer's device is:
        # this copy leaves it as a placeholder and signing renders the one that is signed.
        result = render_letter(
            template,
            profile,
            values,
            mode="final",
            stamp=TteStamp(document_id=letter_id, caption_lines=caption),
        )
        blob = letters.ws.blobs.put(result.pdf, "application/pdf", conn)

        payload = {
            "nomor": issued.nomor,
            "no": issued.no,
            "blob": blob,
            "series": {
                "unit_id": issued.ref.unit_id,
                "series": issued.ref.series,
                "year": issued.ref.year,
            },
            "signers": [{"step": s, "nip": n} for s, n in planned],
            "penandatangan": _snapshot_json(snapshot),
            "tanggal": today.isoformat(),
            # the review steps whose paraf is also signed electronically (profile's choice)
            "paraf_tte": [s.step_no for s in state.route if s.kind in _REVIEW_KINDS]
            if profile.tte.paraf_elektronik
            else [],
        }

        return letters.store.append(
            conn,
            letter_id=letter_id,
            type=EventType.NUMBERED,
            actor_nip=actor,
            payload=payload,
            today=today,
        ).state


def planned_signers(
    conn: sqlite3.Connection, state: LetterState, chosen: dict[int, str], today: dt.date
) -> list[tuple[int, str]]:
    """(signing step, NIP) for every signing step: the chosen person, or today's holder."""
    out = []
    for step in state.signing_steps():
        nip = chosen.get(step.step_no)
        if nip is None:
            rows = conn.execute(
                "SELECT nip, bentuk FROM assignment WHERE jabatan_id = ? AND mulai <= ? "
                "AND (selesai IS NULL OR selesai >= ?)",
                (step.jabatan_id, today.isoformat(), today.isoformat()),
            ).fetchall()
            if not rows:
                raise WorkflowRefused(
                    "WF-NO-SIGNER",
                    f"jabatan {step.jabatan_id} tidak dipegang siapa pun pada {today}",
                )
            nip = min(rows, key=lambda r: _SIGNER_PREFERENCE.get(r[1], 9))[0]
        out.append((step.step_no, str(nip)))
    return out


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
    from dataclasses import replace

    from tnde.numbering import NumberContext, format_arahan_number, parse_pattern
    from tnde.profiles.model import ARAHAN
    from tnde.register import draw_from_lease, issue_number, series_for

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

    at = letters.clock().isoformat()
    if lease_id:
        return draw_from_lease(
            conn,
            lease_id,
            desk=desk or letters.ws.device_id,
            letter_id=state.letter_id,
            format=fmt,
            actor=actor,
            at=at,
        )
    return issue_number(conn, ref, letter_id=state.letter_id, format=fmt, actor=actor, at=at)


def _snapshot_json(signer: Any) -> dict[str, Any]:
    """A Signer as the raw field value a draft would hold (person fields + delegasi)."""
    from dataclasses import asdict

    data: dict[str, Any] = {k: v for k, v in asdict(signer.person).items() if v}
    if signer.delegasi is not None:
        data["delegasi"] = {k: v for k, v in asdict(signer.delegasi).items() if v}
    return data


def send_letter(
    letters: Letters,
    actor: str,
    letter_id: str,
    *,
    recipients: list[int] | None = None,
    channel: str = "sistem",
) -> LetterState:
    """Dispatch to every recipient (or the given indexes), recording each dispatch.

    Internal recipients (a jabatan of the org chart) receive the letter in their unit's
    incoming register in the same transaction: already registered, the tembusan as
    read-only copies. External ones are recorded for delivery by e-mail or by hand.
    """
    from tnde.incoming.desk import IncomingDesk

    state = letters.get(letter_id)
    chosen = recipients if recipients is not None else list(range(len(state.recipients)))
    dispatches: list[dict[str, Any]] = []
    for i in chosen:
        if not 0 <= i < len(state.recipients):
            dispatches.append({"recipient": i})  # refused by the rules, naming the index
            continue
        r = state.recipients[i]
        how = "sistem" if r.jabatan_id else ("pos-el" if r.email else "manual")
        dispatches.append({"recipient": i, "channel": channel if channel != "sistem" else how})
    desk = IncomingDesk(letters.ws, clock=letters.clock)
    with letters.ws.transaction() as conn:
        sent = letters.store.append(
            conn,
            letter_id=letter_id,
            type=EventType.SENT,
            actor_nip=actor,
            payload={"dispatches": dispatches},
            today=letters.today(),
        ).state
        internal = [
            state.recipients[d["recipient"]] for d in dispatches if d.get("channel") == "sistem"
        ]
        for recipient in internal:
            _deliver_internally(conn, desk, actor, sent, recipient)
    return sent


def _deliver_internally(
    conn: sqlite3.Connection, desk: Any, actor: str, state: LetterState, recipient: Any
) -> None:
    """Register a sent letter in the incoming register of the recipient jabatan's unit."""
    from tnde.profiles import load_profile

    unit = conn.execute(
        "SELECT unit_id FROM jabatan WHERE jabatan_id = ?", (recipient.jabatan_id,)
    ).fetchone()
    if unit is None:
        return
    values = state.head_values
    pdf = desk.ws.blobs.get(state.final_blob) if state.final_blob else None
    meta = {
        "asal": load_profile(state.profile_id).nama,
        "nomor": state.nomor,
        "tanggal": str(values.get("tanggal") or desk.today().isoformat()),
        "hal": state.hal or state.jenis,
        "sifat": str(values.get("sifat") or "Biasa"),
        "urgensi": str(values.get("urgensi") or "Biasa"),
        "kka": str(values.get("kka", "")),
    }
    desk.register(
        actor,
        unit_id=unit[0],
        meta=meta,
        pdf=pdf,
        copy_only=recipient.role == "tembusan",
        source_letter_id=state.letter_id,
    )


def mark_read(letters: Letters, actor: str, letter_id: str) -> LetterState:
    """The read receipt of an internal recipient (the actor's jabatan among the recipients)."""
    from tnde.workflow.authority import SqlAuthority

    state = letters.get(letter_id)
    conn = letters.ws.thread_connection()
    mine = set(SqlAuthority(conn).jabatan_of(actor, letters.today()))
    index = next(
        (
            i
            for i, r in enumerate(state.recipients)
            if r.jabatan_id and r.jabatan_id in mine and i in state.dispatched
        ),
        -1,
    )
    return letters._do(letter_id, EventType.READ, actor, {"recipient": index})


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
        return letters._do(letter_id, EventType.ARCHIVED, actor, {})
    with letters.ws.transaction() as conn:
        blob = letters.ws.blobs.put(archive_pdf, "application/pdf", conn)
        return letters.store.append(
            conn,
            letter_id=letter_id,
            type=EventType.ARCHIVED,
            actor_nip=actor,
            payload={"archive_blob": blob},
            today=letters.today(),
        ).state


def cancel_letter(letters: Letters, actor: str, letter_id: str, reason: str) -> LetterState:
    """Withdraw a letter before signing; a number it held is voided with the same reason."""
    from tnde.register import void_issued

    state = letters.get(letter_id)
    with letters.ws.transaction() as conn:
        done = letters.store.append(
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


def render_final(state: LetterState, *, issuer: str | None) -> Any:
    """The final PDF of a numbered letter again, now naming the certificate's ``issuer``.

    Rendering is deterministic, so this is the numbered copy with the footer filled in:
    the same number, date, signature block snapshot and QR code.

    Returns:
        The :class:`tnde.render.RenderResult` (PDF bytes and signature slot positions).
    """
    import datetime as dt

    from tnde.profiles import load_profile
    from tnde.render import TteStamp, render_letter
    from tnde.templates.loader import load_template
    from tnde.templates.values import validate_values

    if not state.nomor or not state.final_inputs:
        raise WorkflowRefused("WF-SIGN-STATE", "surat belum diberi nomor")
    template = load_template(state.jenis)
    profile = load_profile(state.profile_id)
    snapshot = dict(state.final_inputs.get("penandatangan") or {})
    raw = dict(state.head_values)
    if template.field("penandatangan") is not None and snapshot:
        raw["penandatangan"] = snapshot
    values, problems = validate_values(template, raw)
    if problems:
        raise WorkflowRefused("WF-INVALID", f"isian belum benar: {problems[0]}")
    tanggal = dt.date.fromisoformat(str(state.final_inputs["tanggal"]))
    values = {**values, "nomor": state.nomor, "tanggal": tanggal}
    caption = (str(snapshot.get("jabatan", "")), str(snapshot.get("nama", "")))
    stamp = TteStamp(document_id=state.letter_id, caption_lines=caption, issuer=issuer)
    return render_letter(template, profile, values, mode="final", stamp=stamp)
