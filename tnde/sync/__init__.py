"""The desk's side of the archive: linking a workspace to an archive server, signing in,
pushing the desk's events and pulling what the archive accepted from every desk
(docs/sync.md).

- :mod:`~tnde.sync.linking`: :func:`link_workspace`, the first sign-in from a desk, and
  :func:`sign_in_again` with the password.
- :mod:`~tnde.sync.joining`: :func:`join_office`, a new desk made, linked and given the
  office's org chart and profile by the archive.
- :mod:`~tnde.sync.signout`: :func:`sign_out` and :func:`forget_archive`.
- :mod:`~tnde.sync.engine`: :class:`Syncer` (the cycle, leases, fetching a letter's files).
- :mod:`~tnde.sync.runner`: :class:`SyncRunner`, the sync running by itself in the desktop
  app (a pusher and a long-polling puller).
- :mod:`~tnde.sync.status`: :func:`status` and :func:`dismiss_rejection`.
- :mod:`~tnde.sync.attention`: :func:`attention`, what waits for the user's decision (refused
  actions, drafts edited at two desks), and :func:`discard`.
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
from tnde.sync.link import SyncLink, link_of, read_link, waiting_letters

if TYPE_CHECKING:
    from tnde.sync.attention import AttentionItem, attention, discard
    from tnde.sync.demo_office_desks import (
        DemoOffice,
        OfficeDesk,
        read_demo_office,
        write_demo_office,
    )
    from tnde.sync.engine import SignedOut, Syncer, SyncError, SyncReport
    from tnde.sync.joining import join_office
    from tnde.sync.linking import link_workspace, sign_in_again
    from tnde.sync.runner import SyncRunner
    from tnde.sync.signout import forget_archive, sign_out
    from tnde.sync.snapshot import SyncChange, SyncSnapshot
    from tnde.sync.status import dismiss_rejection, status
    from tnde.sync.transport import (
        ArchiveRefused,
        ArchiveUnreachable,
        Backoff,
        archive_answers,
        check_url,
    )

__all__ = [
    "ArchiveRefused",
    "ArchiveUnreachable",
    "AttentionItem",
    "Backoff",
    "DemoOffice",
    "OfficeDesk",
    "SignedOut",
    "SyncChange",
    "SyncError",
    "SyncLink",
    "SyncReport",
    "SyncRunner",
    "SyncSnapshot",
    "Syncer",
    "archive_answers",
    "attention",
    "check_url",
    "discard",
    "dismiss_rejection",
    "forget_archive",
    "join_office",
    "link_of",
    "link_workspace",
    "read_demo_office",
    "read_link",
    "sign_in_again",
    "sign_out",
    "status",
    "waiting_letters",
    "write_demo_office",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "ArchiveRefused": "tnde.sync.transport",
        "ArchiveUnreachable": "tnde.sync.transport",
        "AttentionItem": "tnde.sync.attention",
        "attention": "tnde.sync.attention",
        "discard": "tnde.sync.attention",
        "Backoff": "tnde.sync.transport",
        "check_url": "tnde.sync.transport",
        "archive_answers": "tnde.sync.transport",
        "read_demo_office": "tnde.sync.demo_office_desks",
        "write_demo_office": "tnde.sync.demo_office_desks",
        "DemoOffice": "tnde.sync.demo_office_desks",
        "OfficeDesk": "tnde.sync.demo_office_desks",
        "SignedOut": "tnde.sync.engine",
        "SyncChange": "tnde.sync.snapshot",
        "SyncRunner": "tnde.sync.runner",
        "SyncSnapshot": "tnde.sync.snapshot",
        "SyncError": "tnde.sync.engine",
        "SyncReport": "tnde.sync.engine",
        "Syncer": "tnde.sync.engine",
        "dismiss_rejection": "tnde.sync.status",
        "forget_archive": "tnde.sync.signout",
        "join_office": "tnde.sync.joining",
        "link_workspace": "tnde.sync.linking",
        "sign_in_again": "tnde.sync.linking",
        "sign_out": "tnde.sync.signout",
        "status": "tnde.sync.status",
    },
)
