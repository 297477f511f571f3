"""Signing a desk out of its archive, and forgetting the archive altogether.

Signing out is local first: the refresh token goes from the keyring (and its file, if it was
a long one), so nobody at this computer reaches the archive as its official until the
password is typed again (:func:`tnde.sync.linking.sign_in_again`). Telling the archive, which
revokes the device's refresh tokens, is best effort: a desk that is offline signs out all the
same, and its old token is then unusable only because nobody holds it any more. The link
stays, so signing in again carries on where the desk was (its cursor, its outbox).

Forgetting the archive signs out and removes the link as well. The desk's letters and events
stay; actions still waiting to be sent would stay with them but never reach the archive, so
the desk refuses unless told to (``force``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from tnde.errors import SecretStoreUnavailable
from tnde.messages import _
from tnde.sync.credentials import CredentialError
from tnde.sync.engine import Syncer, SyncError, vault_for
from tnde.sync.link import forget_link, read_link
from tnde.sync.transport import ArchiveRefused, ArchiveUnreachable

if TYPE_CHECKING:
    import sqlite3

    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace

__all__ = ["forget_archive", "sign_out", "waiting_actions"]

log = logging.getLogger(__name__)


def sign_out(ws: Workspace, secrets: SecretStore) -> bool:
    """Sign the desk out: tell the archive when it can be reached, forget the stored token.

    Returns:
        Whether the archive was told (False when it could not be reached, when no token was
        stored, or when the archive no longer took it: the desk is signed out either way).

    Raises:
        SyncError: the workspace is not linked to an archive.
        SecretStoreUnavailable, FileWriteError: the stored token cannot be removed.
    """
    with ws.transaction() as conn:
        link = read_link(conn)
    if link is None:
        raise SyncError(_("this workspace is not linked to an archive"))
    told = False
    try:
        syncer = Syncer(ws, secrets)
        try:
            syncer.sign_out()
            told = True
        finally:
            syncer.close()
    except (
        ArchiveUnreachable,
        ArchiveRefused,
        SyncError,
        CredentialError,
        SecretStoreUnavailable,
    ) as exc:
        # offline, signed out already, a token the archive refuses or cannot be read back:
        # the desk forgets it all the same
        log.info("the archive was not told of the sign-out: %s", exc)
    vault_for(ws, link, secrets).forget()
    return told


def forget_archive(ws: Workspace, secrets: SecretStore, *, force: bool = False) -> bool:
    """Sign the desk out (:func:`sign_out`) and remove its link to the archive.

    Args:
        force: forget even while actions wait to be sent; they stay in the workspace and
            reach no archive unless the desk is linked to this one again.

    Returns:
        Whether the archive was told of the sign-out.

    Raises:
        SyncError: the workspace is not linked, or actions still wait to be sent.
        SecretStoreUnavailable, FileWriteError: the stored token cannot be removed (the link
            is kept then).
    """
    with ws.transaction() as conn:
        if read_link(conn) is None:
            raise SyncError(_("this workspace is not linked to an archive"))
        waiting = waiting_actions(conn)
    if waiting and not force:
        raise SyncError(
            _(
                "{count} action(s) of this desk have not reached the archive yet; sync first, "
                "or forget the archive anyway and they stay on this desk only",
                count=waiting,
            )
        )
    told = sign_out(ws, secrets)
    with ws.transaction() as conn:
        forget_link(conn)
    return told


def waiting_actions(conn: sqlite3.Connection) -> int:
    """How many of the desk's actions still wait to be sent: its pending outbox rows and those
    set aside after a restore until their letters are back (counted as ``sync status``
    counts them)."""
    pending = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    parked = conn.execute(
        "SELECT count(*) FROM sync_rejection WHERE source = 'parked' AND resolved_at IS NULL"
    ).fetchone()[0]
    return int(pending) + int(parked)
