"""Cross-checking a verified PDF against the workspace's own records.

A file can be cryptographically sound and still not be what the office issued: signed by a
valid certificate of someone who was not the letter's signer, carrying a number the register
never gave, or signed before the review finished. When the letter is in the workspace
(found by the file's own hash, else by the letter id in the metadata of the revision its
first signature covers: never the final revision's, which anyone can append), the records
are compared with the file:

- the bytes each signature covers are the bytes the workspace stored when that signature
  was made (a file "of letter No. 9" is then exactly letter No. 9 up to each signature);

- every signature of the file is a signature event of the letter: same field, same
  certificate, by the official the event names; the main signer is the planned signer and
  the name in the printed signature block (with its delegation form) is the certificate's;
- the number is in the register, issued to this letter and not voided;
- every review step was approved (on the text that was numbered) before the first signature.

A contradiction makes the file INVALID with the finding as its reason: the verifier fails
closed. A file the workspace does not know is only noted.
"""

from __future__ import annotations

import dataclasses
import json
import re
from io import BytesIO
from typing import TYPE_CHECKING, Any

from tnde.pki.identity import same_person_name
from tnde.verify.model import Verdict

if TYPE_CHECKING:
    import sqlite3

    from tnde.verify.model import FileReport, SignatureReport
    from tnde.workflow.letters import Letters
    from tnde.workflow.state import LetterState

__all__ = ["crosscheck"]

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_SIGNATURE_EVENTS = ("letter.signed", "letter.paraf_signed")


def crosscheck(report: FileReport, data: bytes, letters: Letters) -> FileReport:
    """``report`` with :attr:`~FileReport.records` filled; INVALID when the records disagree."""
    conn = letters.workspace.thread_connection()
    letter_id = _letter_of(data, report, conn)
    if letter_id is None:
        return dataclasses.replace(report, records=["tidak tercatat di ruang kerja ini"])
    state = letters.get(letter_id)
    notes = [f"surat {state.nomor or '(tanpa nomor)'} tercatat di ruang kerja ({letter_id})"]
    problems = _register_problems(conn, state)
    events = _events(conn, letter_id)
    signatures = [s for s in report.signatures if s.kind == "signature"]
    recorded = {
        str(e["payload"].get("field", "")): e for e in events if e["type"] in _SIGNATURE_EVENTS
    }
    for signature in signatures:
        event = recorded.get(signature.field)
        problems += _signature_problems(signature, event, state)
        if event is not None:
            problems += _signed_bytes_problems(signature, event, data, letters)
    problems += _review_problems(state, events)
    if not problems:
        notes.append("tanda tangan, nomor dan persetujuan cocok dengan catatan")
    records = notes + [f"TIDAK COCOK: {p}" for p in problems]
    if not problems:
        return dataclasses.replace(report, records=records)
    return dataclasses.replace(
        report,
        verdict=Verdict.INVALID,
        reasons=(*report.reasons, *(f"tidak cocok dengan catatan: {p}" for p in problems)),
        records=records,
    )


def _letter_of(data: bytes, report: FileReport, conn: sqlite3.Connection) -> str | None:
    """The letter whose stored files include this one, else the one the signed revision names.

    Only the metadata of the revision the first signature covers count: a later, unsigned
    revision can carry another letter's /Info (and the file is then INVALID anyway).
    """
    row = conn.execute(
        "SELECT letter_id FROM event WHERE type IN (?, ?, ?) AND instr(payload, ?) > 0 LIMIT 1",
        ("letter.numbered", *_SIGNATURE_EVENTS, report.sha256),
    ).fetchone()
    if row:
        return str(row[0])
    ends = [s.signed_end for s in report.signatures if s.kind == "signature" and s.signed_end]
    if not ends:
        return None
    for candidate in _UUID.findall(_keywords(data[: min(ends)])):
        if conn.execute("SELECT 1 FROM letter WHERE letter_id = ?", (candidate,)).fetchone():
            return str(candidate)
    return None


def _keywords(pdf: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        info: Any = PdfReader(BytesIO(pdf)).metadata or {}
        return str(info.get("/Keywords", ""))
    except (PdfReadError, ValueError, KeyError, TypeError):
        return ""


def _signed_bytes_problems(
    signature: SignatureReport, event: dict[str, Any], data: bytes, letters: Letters
) -> list[str]:
    """The bytes ``signature`` covers are those the workspace stored when it was made."""
    end = signature.signed_end
    blob = str(event["payload"].get("blob", ""))
    if not end or not blob or blob == "-":
        return []
    try:
        stored = letters.blobs.get(blob)
    except Exception:  # noqa: BLE001 - a missing or damaged blob is the finding
        return [f"berkas tanda tangan kolom {signature.field} yang tersimpan tidak dapat dibaca"]
    if len(stored) < end or stored[:end] != data[:end]:
        return [
            f"isi yang ditandatangani pada kolom {signature.field} berbeda dari berkas yang "
            "tersimpan di ruang kerja saat tanda tangan itu dibuat"
        ]
    return []


def _events(conn: sqlite3.Connection, letter_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT letter_seq, type, actor_nip, payload, client_time FROM event "
        "WHERE letter_id = ? ORDER BY letter_seq",
        (letter_id,),
    ).fetchall()
    return [
        {"seq": r[0], "type": r[1], "actor": r[2], "payload": json.loads(r[3]), "time": r[4]}
        for r in rows
    ]


def _register_problems(conn: sqlite3.Connection, state: LetterState) -> list[str]:
    if not state.nomor:
        return ["surat ini belum diberi nomor di register"]
    row = conn.execute(
        "SELECT status, reason FROM number_use WHERE letter_id = ? AND nomor = ?",
        (state.letter_id, state.nomor),
    ).fetchone()
    if row is None:
        return [f"nomor {state.nomor} tidak ada di register untuk surat ini"]
    if row[0] != "issued":
        return [f"nomor {state.nomor} sudah dibatalkan di register ({row[1]})"]
    return []


def _signature_problems(
    signature: SignatureReport, event: dict[str, Any] | None, state: LetterState
) -> list[str]:
    name = signature.field
    if event is None:
        return [f"tanda tangan pada kolom {name} tidak tercatat untuk surat ini"]
    problems = []
    recorded = event["payload"].get("certificate", {})
    who = signature.signer
    if who is not None and recorded.get("sha256") and recorded["sha256"] != who.sha256_fingerprint:
        problems.append(f"kolom {name} ditandatangani dengan sertifikat lain dari yang tercatat")
    if who is not None and who.nip and who.nip != event["actor"]:
        problems.append(f"kolom {name}: NIP sertifikat {who.nip} bukan penanda tangan tercatat")
    if event["type"] == "letter.signed":
        planned = dict(state.planned_signers).get(int(event["payload"].get("step", 0)))
        if planned and planned != event["actor"]:
            problems.append(
                f"kolom {name} ditandatangani oleh selain penanda tangan yang direncanakan"
            )
        printed = str(state.final_inputs.get("penandatangan", {}).get("nama", ""))
        if (
            who is not None
            and printed
            and _first_signing_step(state) == event["payload"].get("step")
            and not same_person_name(who.nama, printed)
        ):
            problems.append(f"nama di blok tanda tangan ({printed}) bukan pemilik sertifikat")
    return problems


def _first_signing_step(state: LetterState) -> int | None:
    steps = state.signing_steps()
    return steps[0].step_no if steps else None


def _review_problems(state: LetterState, events: list[dict[str, Any]]) -> list[str]:
    """Every review step approved, and approved before the first signature."""
    first_signature = next((e["seq"] for e in events if e["type"] in _SIGNATURE_EVENTS), None)
    if first_signature is None:
        return []
    numbered = [e for e in events if e["type"] == "letter.numbered" and e["seq"] < first_signature]
    if not numbered:
        return ["tanda tangan tercatat sebelum surat diberi nomor"]
    problems = []
    for step in state.route:
        if step.kind == "tandatangan":
            continue
        if step.approved_revision != state.head_revision:
            problems.append(f"langkah {step.step_no} ({step.jabatan_id}) belum disetujui")
    late = [
        e["seq"] for e in events if e["type"] == "review.approved" and e["seq"] > first_signature
    ]
    if late:
        problems.append("ada persetujuan yang tercatat setelah tanda tangan")
    return problems
