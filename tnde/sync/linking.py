"""Linking a workspace to an archive: the first sign-in of its official from this desk."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from tnde.canonical import now_timestamp
from tnde.messages import _
from tnde.sync.engine import SyncError, vault_for
from tnde.sync.link import SyncLink, read_link, save_link
from tnde.sync.transport import ArchiveHttp, check_url, fetch_certificate, same_fingerprint
from tnde.workspace import bind_owner

if TYPE_CHECKING:
    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace

__all__ = ["link_workspace"]


def link_workspace(
    ws: Workspace,
    url: str,
    *,
    nip: str,
    secret: str,
    secrets: SecretStore,
    fingerprint: str = "",
    enrol: bool = True,
    device_name: str = "",
) -> SyncLink:
    """Link ``ws`` to the archive at ``url`` and sign in as ``nip``.

    Args:
        secret: the enrolment code (``enrol``) or the password.
        fingerprint: the archive certificate's SHA-256 as the admin read it out; without it
            the system's certificate authorities vouch for the archive.
        enrol: sign in for the first time with a code (the new password is ``secret`` after
            a ``|``: ``CODE|PASSWORD``), else with the password.

    Raises:
        SyncError: the fingerprint does not match, the workspace belongs to someone else or
            is a demo, or it is linked to another archive.
        ArchiveRefused, ArchiveUnreachable: from the archive.
    """
    base = check_url(url)
    if ws.config.demo:
        raise SyncError(_("a demo workspace cannot be linked to an archive"))
    owner = ws.config.owner
    if owner and owner != nip:
        raise SyncError(
            _(
                "this workspace belongs to {owner}; {nip} signs in from a workspace of their own",
                owner=owner,
                nip=nip,
            )
        )
    pinned = b""
    if base.startswith("https://") and fingerprint:
        pinned, found = fetch_certificate(base)
        if not same_fingerprint(fingerprint, found):
            raise SyncError(
                _(
                    "the archive at {url} presents a certificate with fingerprint {found}, "
                    "not the one given; do not link, and tell the administrator",
                    url=base,
                    found=found,
                )
            )
    with ArchiveHttp(base, pinned_der=pinned or None) as http:
        hello = http.call("GET", "/v1/hello", retry=False).json()
        with ws.transaction() as conn:
            existing = read_link(conn)
        if existing is not None and existing.archive_id != hello["archive_id"]:
            raise SyncError(_("this workspace is linked to another archive already"))
        if enrol:
            code, _sep, password = secret.partition("|")
            body = {"nip": nip, "code": code, "password": password}
            path = "/v1/auth/enrol"
        else:
            body = {"nip": nip, "password": secret}
            path = "/v1/auth/signin"
        body.update(device_id=ws.device_id, device_name=device_name or socket.gethostname())
        grant = http.call("POST", path, json=body, retry=False).json()
    link = SyncLink(
        url=base,
        archive_id=str(hello["archive_id"]),
        nip=nip,
        certificate=pinned.hex(),
        epoch=int(hello["epoch"]),
        backup_watermark=int(hello.get("backup_watermark", 0)),
        linked_at=now_timestamp(),
    )
    vault_for(ws, link, secrets).save(str(grant["refresh_token"]))
    if not owner:
        bind_owner(ws, nip)
    with ws.transaction() as conn:
        save_link(conn, link)
    return link
