"""The desk's side of the archive: linking a workspace to an archive server, signing in,
pushing the desk's events and pulling what the archive accepted from every desk
(docs/sync.md).

- :mod:`~tnde.sync.linking`: :func:`link_workspace`, the first sign-in from a desk.
- :mod:`~tnde.sync.engine`: :class:`Syncer` (the cycle, leases, fetching a letter's files).
- :mod:`~tnde.sync.status`: :func:`status` and :func:`dismiss_rejection`.
- :mod:`~tnde.sync.merge`: a pulled page merged into the workspace, pending events
  re-applied; refused ones kept.
- :mod:`~tnde.sync.transport`: HTTP with a pinned certificate, retries and back-off.
- :mod:`~tnde.sync.credentials`: the refresh token in the OS keyring.
- :mod:`~tnde.sync.link`: where a workspace stands with its archive (``sync_state``).

The HTTP library loads on first use of a name below (see :mod:`tnde.lazy`), so commands
that do not talk to an archive start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.lazy import lazy_exports
from tnde.sync.link import SyncLink, read_link

if TYPE_CHECKING:
    from tnde.sync.engine import Syncer, SyncError, SyncReport
    from tnde.sync.linking import link_workspace
    from tnde.sync.status import dismiss_rejection, status
    from tnde.sync.transport import ArchiveRefused, ArchiveUnreachable, Backoff, check_url

__all__ = [
    "ArchiveRefused",
    "ArchiveUnreachable",
    "Backoff",
    "SyncError",
    "SyncLink",
    "SyncReport",
    "Syncer",
    "check_url",
    "dismiss_rejection",
    "link_workspace",
    "read_link",
    "status",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "ArchiveRefused": "tnde.sync.transport",
        "ArchiveUnreachable": "tnde.sync.transport",
        "Backoff": "tnde.sync.transport",
        "check_url": "tnde.sync.transport",
        "SyncError": "tnde.sync.engine",
        "SyncReport": "tnde.sync.engine",
        "Syncer": "tnde.sync.engine",
        "dismiss_rejection": "tnde.sync.status",
        "link_workspace": "tnde.sync.linking",
        "status": "tnde.sync.status",
    },
)
