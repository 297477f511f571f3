"""Letters of a real desk put into an archive the way the server keeps them.

The tests of what reads the ``aggregate`` table (the verification page) do not wait for the
code that fills it from pushed events: they take letters made, numbered and signed by the
desk's own code (the session's demo workspace, :mod:`tests.demoworkspace`), and write their
rows here: the ``aggregate`` row (``state_json`` by :func:`tnde.workflow.codec.state_to_json`,
``security`` the sifat as the server derives it), the letter's events in ``event``, and the
signed PDF in the blob store with its ``blob`` row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from tnde.archive.blobs import store_stream
from tnde.archive.schema import AGGREGATE, EVENT, UNIT
from tnde.archive.service import ArchiveService, Limits
from tnde.workflow.codec import state_to_json
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from tnde.archive import ArchiveFolder
    from tnde.workflow.events import Event
    from tnde.workflow.state import LetterState
    from tnde.workspace import Workspace

__all__ = ["DeskLetter", "desk_letter", "put_letter", "rename_unit"]


@dataclass(frozen=True)
class DeskLetter:
    """A letter as its desk has it: its state, its events, its signed PDF (when signed)."""

    state: LetterState
    events: tuple[Event, ...]
    pdf: bytes | None
    """The newest signed PDF (``final_blob``), ``None`` before the first signature."""
    archive_copy: bytes | None = None
    """The B-LTA copy made when the letter was filed, if any."""

    @property
    def letter_id(self) -> str:
        return self.state.letter_id


def desk_letter(ws: Workspace, letter_id: str) -> DeskLetter:
    """Read one letter out of a workspace."""
    letters = Letters(ws)
    state = letters.get(letter_id)
    events = tuple(letters.history(letter_id))
    pdf = ws.blobs.get(state.final_blob) if state.signed_blobs else None
    copy = ws.blobs.get(state.archive_blob) if state.archive_blob else None
    return DeskLetter(state, events, pdf, copy)


def put_letter(
    archive: ArchiveFolder,
    letter: DeskLetter,
    *,
    state: LetterState | None = None,
    security: str | None = None,
    with_events: bool = True,
    with_pdf: bool = True,
) -> None:
    """Write ``letter``'s rows into ``archive``.

    Args:
        state: the state to store instead of the desk's (a test's variation of it).
        security: the ``security`` column; by default the sifat as the server derives it
            (the text's ``sifat``, else ``Biasa``).
    """
    state = state or letter.state
    if security is None:
        security = str(state.head_values.get("sifat") or "Biasa")
    if with_pdf:
        for data in (letter.pdf, letter.archive_copy):
            if data is not None:
                _store(archive, data)
    with archive.database.write() as conn:
        feed = int(conn.execute(sa.select(sa.func.max(EVENT.c.feed_seq))).scalar() or 0)
        if with_events:
            rows = [
                {
                    "event_id": event.event_id,
                    "letter_id": event.letter_id,
                    "letter_seq": event.letter_seq,
                    "feed_seq": feed + i,
                    "type": str(event.type),
                    "actor_nip": event.actor_nip,
                    "device_id": event.device_id,
                    "base_seq": event.base_seq,
                    "revision_hash": event.revision_hash,
                    "blob_sha256": None,
                    "payload": json.dumps(event.payload, sort_keys=True),
                    "client_time": event.client_time,
                    "server_time": event.client_time,
                    "prev_event_hash": event.prev_event_hash,
                    "event_hash": event.event_hash,
                }
                for i, event in enumerate(letter.events, start=1)
            ]
            if rows:
                conn.execute(sa.insert(EVENT), rows)
            feed += len(rows)
        conn.execute(
            sa.insert(AGGREGATE).values(
                aggregate_id=state.letter_id,
                kind="letter",
                head_seq=state.head_seq,
                last_event_hash=letter.events[-1].event_hash if letter.events else "0" * 64,
                state_json=state_to_json(state),
                unit_id=state.unit_id,
                security=security,
                created_feed_seq=max(feed, 1),
                updated_feed_seq=max(feed, 1),
            )
        )


def rename_unit(archive: ArchiveFolder, unit_id: str, nama: str) -> None:
    """Give a unit of the archive's org chart another name."""
    with archive.database.write() as conn:
        conn.execute(sa.update(UNIT).where(UNIT.c.unit_id == unit_id).values(nama=nama))


def _store(archive: ArchiveFolder, data: bytes) -> None:
    sha256 = hashlib.sha256(data).hexdigest()
    if archive.blobs.exists(sha256):
        return
    store_stream(archive.blobs, sha256, [data], max_bytes=len(data))
    service = ArchiveService(archive.database, archive.blobs, Limits(blob_max_bytes=len(data)))
    service.record(sha256, len(data), "application/pdf")
