"""Which files a desk may read or name: those of letters it may see, and those it sent.

A file is named by its SHA-256, which anyone holding the file can compute. So holding the
name is not enough to read it: a desk may download a file, or name it in an event (which
would then let it download it), only when an event of a letter its official may see names
the file, or when the desk itself uploaded the file (first, or again, proving it holds the
bytes). For anyone else the archive answers as if it had no such file: a Rahasia letter's PDF
does not even show that it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from tnde.archive.schema import AGGREGATE_ACCESS, BLOB, BLOB_HOLDER, EVENT

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

__all__ = ["readable_blobs"]


def readable_blobs(
    conn: sa.Connection, names: Iterable[str], *, device_id: str, grantees: Collection[str]
) -> set[str]:
    """The stored files among ``names`` the desk ``device_id`` of an official reaching
    ``grantees`` may read."""
    wanted = sorted(set(names))
    if not wanted:
        return set()
    sent = {
        r[0]
        for r in conn.execute(
            sa.select(BLOB.c.sha256).where(
                BLOB.c.sha256.in_(wanted), BLOB.c.uploaded_by == device_id
            )
        )
    }
    sent |= {
        r[0]
        for r in conn.execute(
            sa.select(BLOB_HOLDER.c.sha256).where(
                BLOB_HOLDER.c.sha256.in_(wanted), BLOB_HOLDER.c.device_id == device_id
            )
        )
    }
    rest = [n for n in wanted if n not in sent]
    if not rest:
        return sent
    seen = {
        r[0]
        for r in conn.execute(
            sa.select(EVENT.c.blob_sha256)
            .join(AGGREGATE_ACCESS, AGGREGATE_ACCESS.c.aggregate_id == EVENT.c.letter_id)
            .where(EVENT.c.blob_sha256.in_(rest), AGGREGATE_ACCESS.c.grantee.in_(list(grantees)))
            .distinct()
        )
    }
    return sent | seen
