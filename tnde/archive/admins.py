"""Administrators: the accounts that may see, from their desks, who is linked to the archive.

Everything an administrator changes is still done on the server (``tnde archive user …``),
where only the server's account can reach the folder and its database. What the flag gives is
a read-only view over HTTP (``GET /v1/admin/desks``): every account, its state and the desks
it signed in from, so the office's administrator sees at their own desk which computer is
linked, when it was last seen and which were revoked, without a shell on the server.

The flag is granted and removed by the admin on the server (:func:`set_admin`), written to the
archive's audit log like every other change to an account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from tnde.archive.audit import audit_append
from tnde.archive.errors import ArchiveError
from tnde.archive.schema import ACCOUNT
from tnde.canonical import format_timestamp
from tnde.formatting import validate_nip
from tnde.messages import _

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["is_admin", "set_admin"]


def set_admin(conn: sa.Connection, nip: str, *, admin: bool, at: dt.datetime, actor: str) -> bool:
    """Make the account ``nip`` an administrator (or, with ``admin=False``, no longer one);
    whether that changed anything.

    Raises:
        ValidationError: ``nip`` is not a NIP.
        ArchiveError: ``no_account``.
    """
    nip = validate_nip(nip)
    current = conn.execute(
        sa.select(ACCOUNT.c.admin).where(ACCOUNT.c.nip == nip)
    ).scalar_one_or_none()
    if current is None:
        raise ArchiveError(
            ArchiveError.NO_ACCOUNT,
            _("this NIP has no account; make one with: tnde archive user enrol"),
        )
    if bool(current) == admin:
        return False
    now = format_timestamp(at)
    conn.execute(sa.update(ACCOUNT).where(ACCOUNT.c.nip == nip).values(admin=admin, updated_at=now))
    action = "account.admin_granted" if admin else "account.admin_removed"
    audit_append(conn, actor=actor, action=action, object=nip, details={}, at=now)
    return True


def is_admin(conn: sa.Connection, nip: str) -> bool:
    """Whether the account ``nip`` is an administrator (False for no account)."""
    found = conn.execute(
        sa.select(ACCOUNT.c.admin).where(ACCOUNT.c.nip == nip)
    ).scalar_one_or_none()
    return bool(found)
