"""The archive's numbering register: blocks leased to registry desks, and each number used
once.

A registry desk numbers letters from a block of numbers the archive leased to it (its
device), so it can number while offline and no two desks ever issue the same number: the
blocks are disjoint by construction (the series counter moves past each block as it is
leased, in the same transaction). A ``letter.numbered`` event is accepted only with a number
from an open block of the desk that made it, and only once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tnde.archive.schema import NUMBER_LEASE, NUMBER_SERIES, NUMBER_USE
from tnde.errors import WorkflowRefused
from tnde.ids import uuid7
from tnde.messages import _

if TYPE_CHECKING:
    from tnde.workflow.events import Event

__all__ = ["MAX_LEASE", "NUMBERS", "LeaseGrant", "claim_number", "lease_block"]

MAX_LEASE = 1000
"""The largest block one request may lease."""


@dataclass(frozen=True)
class LeaseGrant:
    """A block of numbers leased to one desk."""

    lease_id: str
    unit_id: str
    series: str
    year: int
    first_no: int
    last_no: int

    def to_json(self) -> dict[str, Any]:
        """The grant as the HTTP answer carries it."""
        return dict(self.__dict__)


def lease_block(
    conn: sa.Connection,
    *,
    device_id: str,
    nip: str,
    unit_id: str,
    series: str,
    year: int,
    size: int,
    at: str,
) -> LeaseGrant:
    """Take the next ``size`` numbers of a series out of the register for ``device_id``.

    The caller checks that ``nip`` works at a registry desk.
    """
    # one statement for a series' first block and for the next: two first leases at once
    # would otherwise both insert the series row
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(NUMBER_SERIES).values(
        unit_id=unit_id, series=series, year=year, last_no=size
    )
    last = conn.execute(
        insert.on_conflict_do_update(
            index_elements=["unit_id", "series", "year"],
            set_={"last_no": NUMBER_SERIES.c.last_no + size},
        ).returning(NUMBER_SERIES.c.last_no)
    ).scalar_one()
    grant = LeaseGrant(uuid7(), unit_id, series, year, int(last) - size + 1, int(last))
    conn.execute(
        sa.insert(NUMBER_LEASE).values(
            lease_id=grant.lease_id,
            unit_id=unit_id,
            series=series,
            year=year,
            first_no=grant.first_no,
            last_no=grant.last_no,
            device_id=device_id,
            nip=nip,
            leased_at=at,
            state="open",
        )
    )
    return grant


NUMBERS = {
    "letter.numbered": ("series", "no", "nomor"),
    "incoming.registered": ("agenda_series", "agenda_no", "agenda"),
}
"""Event types that issue a number: the payload keys of its series, number and printed form."""


def claim_number(conn: sa.Connection, event: Event, *, at: str) -> None:
    """Record the number a ``letter.numbered`` (the letter's number) or
    ``incoming.registered`` (the agenda number) event issues, or refuse the event.

    Raises:
        WorkflowRefused: ``REG-NOT-LEASED`` when the number is not in an open block of the
            event's device, ``REG-NUMBER-USED`` when it was issued or voided before.
    """
    p = event.payload
    series_key, no_key, printed_key = NUMBERS[str(event.type)]
    try:
        ref = p[series_key]
        unit_id, series, year = str(ref["unit_id"]), str(ref["series"]), int(ref["year"])
        no = int(p[no_key])
    except (KeyError, TypeError, ValueError):
        raise WorkflowRefused(
            "REG-NOT-LEASED", _("the numbering event does not say which series and number")
        ) from None
    lease = conn.execute(
        sa.select(NUMBER_LEASE.c.lease_id).where(
            NUMBER_LEASE.c.device_id == event.device_id,
            NUMBER_LEASE.c.unit_id == unit_id,
            NUMBER_LEASE.c.series == series,
            NUMBER_LEASE.c.year == year,
            NUMBER_LEASE.c.state == "open",
            NUMBER_LEASE.c.first_no <= no,
            NUMBER_LEASE.c.last_no >= no,
        )
    ).scalar_one_or_none()
    if lease is None:
        raise WorkflowRefused(
            "REG-NOT-LEASED",
            _(
                "number {no} of this series is not in a block the archive leased to this "
                "desk; a linked registry desk numbers only from its leased blocks",
                no=no,
            ),
        )
    used = conn.execute(
        sa.select(NUMBER_USE.c.status, NUMBER_USE.c.letter_id).where(
            NUMBER_USE.c.unit_id == unit_id,
            NUMBER_USE.c.series == series,
            NUMBER_USE.c.year == year,
            NUMBER_USE.c.no == no,
        )
    ).first()
    if used is not None:
        raise WorkflowRefused(
            "REG-NUMBER-USED",
            _("number {no} of this series was {status} already", no=no, status=used.status),
        )
    conn.execute(
        sa.insert(NUMBER_USE).values(
            unit_id=unit_id,
            series=series,
            year=year,
            no=no,
            status="issued",
            letter_id=event.letter_id,
            nomor=str(p.get(printed_key, "")),
            lease_id=lease,
            event_id=event.event_id,
            at=at,
            actor=event.actor_nip,
        )
    )
