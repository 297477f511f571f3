"""Sending a signed letter: the dispatch event of the outgoing letter and, for recipients
inside the office, its registration in their units' incoming registers, in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.incoming.desk import IncomingDesk
from tnde.profiles import load_profile
from tnde.workflow import EventType

if TYPE_CHECKING:
    import sqlite3

    from tnde.workflow import Letters, LetterState
    from tnde.workflow.state import Recipient

__all__ = ["send_letter"]


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
    desk = IncomingDesk(letters.workspace, clock=letters.clock)
    with letters.transaction() as conn:
        sent = letters.append(
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
    conn: sqlite3.Connection,
    desk: IncomingDesk,
    actor: str,
    state: LetterState,
    recipient: Recipient,
) -> None:
    """Register a sent letter in the incoming register of the recipient jabatan's unit."""
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
