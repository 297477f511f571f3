"""What the background sync reports (:mod:`tnde.sync.runner`): plain values, so a window can
show them without loading the HTTP client."""

from __future__ import annotations

import datetime as dt  # noqa: TC003 - the dataclasses' fields are read at run time
from dataclasses import dataclass, field

__all__ = ["SyncChange", "SyncSnapshot"]


@dataclass(frozen=True)
class SyncSnapshot:
    """Where the desk stands with its archive, for the status bar."""

    online: bool | None = None
    """True after the last contact succeeded, False after it failed, None before the first."""
    offline_since: dt.datetime | None = None
    """When the archive was first found unreachable (UTC), while offline."""
    pending: int = 0
    """Actions waiting to be sent."""
    rejected: int = 0
    """Actions the archive refused, waiting for the user."""
    last_received: dt.datetime | None = None
    """When the feed last brought something new (UTC)."""
    last_contact: dt.datetime | None = None
    """When the archive last answered (UTC)."""
    signed_out: str = ""
    """Why the desk must sign in again ("" while signed in)."""
    removed: bool = False
    """The administrator removed this computer: a password no longer helps, only linking
    it again with a new enrolment code (or forgetting the archive)."""
    error: str = ""
    """The last problem, in words ("" when the last attempt worked)."""


@dataclass(frozen=True)
class SyncChange:
    """What one push or pull changed, handed to the listener."""

    snapshot: SyncSnapshot
    received: int = 0
    """Events made at other desks that the feed brought (the desk's own, which come back
    once accepted, are not counted)."""
    letters: frozenset[str] = field(default_factory=frozenset)
    """The letters those events belong to."""
    sent: int = 0
    """Actions the archive accepted."""
    refused: int = 0
    """Actions the archive refused in this push."""
