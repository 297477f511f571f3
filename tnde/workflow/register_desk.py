"""Changing the numbering register by hand, as the one who may.

Numbers are drawn by the workflow (numbering a letter, registering an incoming one). What a
registry clerk does to the register directly, leasing a block to a desk, closing a lease,
voiding a number, goes through :class:`RegisterDesk`: outside demo mode only the workspace's
owner acts, and only while they hold a registry-desk jabatan, each change in one transaction
with its audit row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.register import close_lease, lease_block, void_number
from tnde.register.leases import adopt_lease, is_linked
from tnde.workflow.letters import office_zone
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.service import Clock, utc_now

if TYPE_CHECKING:
    import sqlite3

    from tnde.register import Lease, NumberUse, SeriesRef
    from tnde.workspace import Workspace

__all__ = ["RegisterDesk"]


class RegisterDesk:
    """The register of ``ws``, changed by ``actor``.

    Raises (every change):
        WorkflowRefused: ``ACT-NOT-OWNER`` / ``ACT-NO-OWNER``, or ``REG-REGISTRY-ONLY`` when
            the owner holds no registry jabatan today; nothing is changed.
        RegisterError: the register refuses the change itself.
    """

    def __init__(self, ws: Workspace, actor: str, clock: Clock = utc_now) -> None:
        self.ws = ws
        self.actor = actor
        self.clock = clock

    def lease(self, ref: SeriesRef, *, size: int, desk: str) -> Lease:
        """A block of ``size`` numbers of ``ref`` for ``desk``.

        Raises:
            WorkflowRefused: ``REG-LEASE-ARCHIVE`` in a workspace linked to an archive,
                whose register is the archive's (``tnde.sync`` leases from it).
        """
        with self.ws.transaction() as conn:
            self._admit(conn)
            if is_linked(conn):
                raise WorkflowRefused(
                    "REG-LEASE-ARCHIVE",
                    _("this desk is linked to an archive: its numbers are leased from there"),
                )
            return lease_block(conn, ref, size=size, desk=desk, actor=self.actor)

    def adopt(self, ref: SeriesRef, lease_id: str, first_no: int, last_no: int) -> Lease:
        """Record a block the archive leased to this desk (see :func:`adopt_lease`)."""
        with self.ws.transaction() as conn:
            self._admit(conn)
            return adopt_lease(
                conn,
                lease_id,
                ref,
                first_no=first_no,
                last_no=last_no,
                desk=self.ws.device_id,
                actor=self.actor,
            )

    def close(self, lease_id: str, *, reason: str) -> tuple[int, ...]:
        """Close a lease; its numbers not drawn yet are voided with ``reason``."""
        with self.ws.transaction() as conn:
            self._admit(conn)
            return close_lease(conn, lease_id, reason=reason, actor=self.actor)

    def void(self, ref: SeriesRef, no: int, *, reason: str) -> NumberUse:
        """Cancel number ``no`` of ``ref`` for good."""
        with self.ws.transaction() as conn:
            self._admit(conn)
            return void_number(conn, ref, no, reason=reason, actor=self.actor)

    def _admit(self, conn: sqlite3.Connection) -> None:
        self.ws.acting.admit(self.actor)
        if self.ws.config.demo:
            return
        today = self.clock().astimezone(office_zone(self.ws)).date()
        if not SqlAuthority(conn).is_registry(self.actor, today):
            raise WorkflowRefused(
                "REG-REGISTRY-ONLY",
                _("only the registry desk (tata usaha) leases and voids numbers of the register"),
            )
