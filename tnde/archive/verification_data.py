"""What the public verification page may say about one letter, read from the archive's tables.

The QR code on a signed letter points at ``/verifikasi/{letter_id}``. The page reads:

- ``aggregate`` (``kind = 'letter'``): ``state_json`` is the letter's folded state
  (:func:`tnde.workflow.codec.state_to_json`), ``security`` its sifat, ``unit_id`` the unit
  that owns it;
- ``jabatan`` and ``unit``: the name of the unit that issued it (the first signer's unit, as
  numbering counts it; the owning unit when that jabatan is unknown);
- ``pegawai``: the names of the second and further signers of a joint letter (the first
  signer's block is the snapshot taken at numbering, ``final_inputs["penandatangan"]``);
- ``event`` (``type = 'letter.signed'``): when each signing step was signed (the desk's
  ``client_time`` of the last such event of the step).

Only a letter that is fully signed exists for the page: every signing step signed the head
revision and ``final_blob`` (the newest final PDF, which after the last signature is that
signed file) is one of ``signed_blobs``. Drafts, letters under review, numbered letters waiting
for a signature and cancelled letters are answered as unknown, so the page never presents an
unsigned text as valid and never reveals that a draft exists.

A letter whose sifat is not exactly ``Biasa`` (in the ``security`` column and, when the text
has one, in its ``sifat`` field) is a :class:`RestrictedLetter`: the page learns only that it
exists and which unit to ask. Anything unexpected (an empty or unknown sifat, the two sources
disagreeing) counts as restricted: the page fails closed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tnde.archive.schema import AGGREGATE, EVENT, JABATAN, PEGAWAI, UNIT
from tnde.errors import TndeError
from tnde.formatting import signature_lines
from tnde.templates.loader import load_template
from tnde.templates.values import Delegation, Person, Signer
from tnde.workflow.codec import state_from_json
from tnde.workflow.events import EventType
from tnde.workflow.state import LetterState, LetterStatus

if TYPE_CHECKING:
    from tnde.archive.db import Database
    from tnde.workflow.state import Step

__all__ = [
    "PUBLIC_SIFAT",
    "ArchivedLetter",
    "PublicLetter",
    "RestrictedLetter",
    "SignerEntry",
    "find_letter",
    "normal_document_id",
]

log = logging.getLogger(__name__)

PUBLIC_SIFAT = "Biasa"
"""The only sifat whose letters the page describes."""

SIGNED_STATES = frozenset(
    {LetterStatus.DITANDATANGANI, LetterStatus.DIKIRIM, LetterStatus.DIARSIPKAN}
)
"""States of a fully signed letter that stands."""
VOID_STATES = frozenset({LetterStatus.DIBATALKAN, LetterStatus.DITOLAK})
"""States that void a letter; shown as such should a signed letter ever reach one (today the
rules refuse to cancel or refuse a signed letter, so such letters are never signed)."""

_DOCUMENT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SignerEntry:
    """One signer as the letter names them."""

    nama: str
    jabatan: tuple[str, ...]
    """The jabatan lines above the signature, with the form (``a.n. …``, ``Plt. …``)."""
    signed_at: dt.datetime | None
    """When the step was signed (the desk's clock, UTC), or ``None`` when not recorded."""
    nip: str = ""
    """For comparing with an uploaded file's signers; never shown."""


@dataclass(frozen=True)
class RestrictedLetter:
    """A signed letter whose content the page must not show (sifat other than Biasa)."""

    document_id: str
    unit: str
    """The name of the unit to ask (``""`` when the archive's org chart does not know it)."""
    blobs: frozenset[str]
    """The files an upload is compared with (the signed PDF, the archive copy); never shown."""


@dataclass(frozen=True)
class PublicLetter:
    """A signed letter of sifat Biasa, as the page describes it."""

    document_id: str
    unit: str
    nomor: str
    tanggal: dt.date | None
    hal: str
    jenis: str
    """The jenis naskah's name (``Surat Dinas``)."""
    status: LetterStatus
    signers: tuple[SignerEntry, ...]
    sha256: str
    """SHA-256 of the signed PDF: ``final_blob``."""
    archive_copy: str = ""
    """SHA-256 of the long-term archive copy (B-LTA) made when the letter was filed, or ``""``."""
    paraf_nips: frozenset[str] = frozenset()
    """Reviewers who signed their paraf electronically (their signatures are in the file)."""

    @property
    def void(self) -> bool:
        """Whether the letter no longer stands (cancelled or refused)."""
        return self.status in VOID_STATES

    @property
    def blobs(self) -> frozenset[str]:
        """The files an upload is compared with."""
        return frozenset(b for b in (self.sha256, self.archive_copy) if b)


ArchivedLetter = PublicLetter | RestrictedLetter
"""What :func:`find_letter` finds."""


def normal_document_id(text: str) -> str | None:
    """The letter id in ``text`` (a UUID, any case), lowercase; ``None`` when it is not one."""
    candidate = text.strip().lower()
    return candidate if _DOCUMENT_ID.fullmatch(candidate) else None


def find_letter(database: Database, document_id: str) -> ArchivedLetter | None:
    """The signed letter ``document_id`` names, as the page may show it; ``None`` otherwise."""
    letter_id = normal_document_id(document_id)
    if letter_id is None:
        return None
    with database.read() as conn:
        row = conn.execute(
            sa.select(AGGREGATE.c.state_json, AGGREGATE.c.unit_id, AGGREGATE.c.security).where(
                AGGREGATE.c.aggregate_id == letter_id, AGGREGATE.c.kind == "letter"
            )
        ).first()
        if row is None:
            return None
        state = _state(letter_id, str(row.state_json))
        if state is None or not _fully_signed(state):
            return None
        unit = _issuing_unit(conn, state, str(row.unit_id))
        blobs = frozenset(b for b in (state.final_blob, state.archive_blob) if b)
        if not _public(str(row.security), state):
            return RestrictedLetter(letter_id, unit, blobs)
        return PublicLetter(
            document_id=letter_id,
            unit=unit,
            nomor=state.nomor,
            tanggal=_date(state.final_inputs.get("tanggal")),
            hal=state.hal,
            jenis=_jenis_name(state.jenis),
            status=state.status,
            signers=_signers(conn, state),
            sha256=state.final_blob,
            archive_copy=state.archive_blob if _SHA256.fullmatch(state.archive_blob) else "",
            paraf_nips=frozenset(nip for _step, nip in state.paraf_signed),
        )


def _state(letter_id: str, text: str) -> LetterState | None:
    try:
        state = state_from_json(text)
    except (ValueError, KeyError, TypeError):
        log.error("letter %s: its state_json cannot be read; answered as unknown", letter_id)
        return None
    if state.letter_id != letter_id:
        log.error("letter %s: its state_json names letter %s", letter_id, state.letter_id)
        return None
    return state


def _fully_signed(state: LetterState) -> bool:
    steps = state.signing_steps()
    return (
        (state.status in SIGNED_STATES or state.status in VOID_STATES)
        and bool(steps)
        and all(step.approved_revision == state.head_revision for step in steps)
        and _SHA256.fullmatch(state.final_blob) is not None
        and state.final_blob in state.signed_blobs
    )


def _public(security: str, state: LetterState) -> bool:
    """Sifat Biasa by the column and by the text (when it has the field); else restricted."""
    text = state.head_values.get("sifat")
    return security.strip() == PUBLIC_SIFAT and (text is None or str(text).strip() == PUBLIC_SIFAT)


def _issuing_unit(conn: sa.Connection, state: LetterState, owner: str) -> str:
    steps = state.signing_steps()
    if steps:
        found = conn.execute(
            sa.select(UNIT.c.nama)
            .select_from(JABATAN.join(UNIT, UNIT.c.unit_id == JABATAN.c.unit_id))
            .where(JABATAN.c.jabatan_id == steps[0].jabatan_id)
        ).scalar()
        if found:
            return str(found)
    found = conn.execute(sa.select(UNIT.c.nama).where(UNIT.c.unit_id == owner)).scalar()
    return str(found or "")


def _signers(conn: sa.Connection, state: LetterState) -> tuple[SignerEntry, ...]:
    times = _signing_times(conn, state.letter_id)
    planned = dict(state.planned_signers)
    snapshot: dict[str, Any] = dict(state.final_inputs.get("penandatangan") or {})
    out = []
    for index, step in enumerate(state.signing_steps()):
        nip = step.decided_by or planned.get(step.step_no, "")
        if index == 0 and snapshot.get("nama"):
            signer = _snapshot_signer(snapshot)
        else:
            signer = _chart_signer(conn, step, nip)
        lines = [line.rstrip(",").strip() for line in signature_lines(signer, "as_written")]
        out.append(
            SignerEntry(
                nama=signer.person.nama,
                jabatan=tuple(line for line in lines if line),
                signed_at=times.get(step.step_no),
                nip=nip,
            )
        )
    return tuple(out)


def _snapshot_signer(snapshot: dict[str, Any]) -> Signer:
    """The first signer as printed: the block snapshotted when the letter was numbered."""
    person = Person(nama=str(snapshot.get("nama", "")), jabatan=str(snapshot.get("jabatan", "")))
    raw = snapshot.get("delegasi")
    if not isinstance(raw, dict) or not raw.get("bentuk"):
        return Signer(person)
    delegasi = Delegation(
        bentuk=str(raw["bentuk"]),
        atas_nama=str(raw.get("atas_nama", "")),
        jabatan_antara=str(raw.get("jabatan_antara", "")),
        pelaksana=str(raw.get("pelaksana", "")),
    )
    return Signer(person, delegasi)


def _chart_signer(conn: sa.Connection, step: Step, nip: str) -> Signer:
    """A further signer of a joint letter, from the archive's org chart."""
    nama = conn.execute(sa.select(PEGAWAI.c.nama).where(PEGAWAI.c.nip == nip)).scalar()
    jabatan = _jabatan_name(conn, step.jabatan_id)
    person = Person(nama=str(nama or ""), jabatan=jabatan)
    if not step.atas_nama:
        return Signer(person)
    if step.ub_via:
        delegasi = Delegation(
            "u.b.", _jabatan_name(conn, step.atas_nama), _jabatan_name(conn, step.ub_via)
        )
    else:
        delegasi = Delegation("a.n.", _jabatan_name(conn, step.atas_nama))
    return Signer(person, delegasi)


def _jabatan_name(conn: sa.Connection, jabatan_id: str) -> str:
    found = conn.execute(sa.select(JABATAN.c.nama).where(JABATAN.c.jabatan_id == jabatan_id))
    return str(found.scalar() or jabatan_id)


def _signing_times(conn: sa.Connection, letter_id: str) -> dict[int, dt.datetime]:
    """Signing step → when it was signed (the last ``letter.signed`` event of the step)."""
    rows = conn.execute(
        sa.select(EVENT.c.payload, EVENT.c.client_time)
        .where(EVENT.c.letter_id == letter_id, EVENT.c.type == EventType.SIGNED.value)
        .order_by(EVENT.c.letter_seq)
    )
    times: dict[int, dt.datetime] = {}
    for payload, client_time in rows:
        try:
            step = int(json.loads(payload)["step"])
            moment = dt.datetime.fromisoformat(str(client_time).replace("Z", "+00:00"))
        except (ValueError, KeyError, TypeError):
            log.warning("letter %s: a letter.signed event cannot be read", letter_id)
            continue
        if moment.tzinfo is not None:
            times[step] = moment.astimezone(dt.UTC)
    return times


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _jenis_name(jenis: str) -> str:
    try:
        return load_template(jenis).nama
    except TndeError:
        return jenis.replace("_", " ").title()
