"""Linking a workspace to an archive: the first sign-in of its official from this desk, and
signing in again with the password when the desk's sign-in was lost.

The pieces (:func:`pinned_certificate`, :func:`sign_in_at`) are shared by the first link,
by :func:`sign_in_again` and by :func:`tnde.sync.joining.join_office`, so a certificate is
checked and a desk signs in the same way whatever it is doing.
"""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING, Any

from tnde.canonical import now_timestamp
from tnde.messages import _
from tnde.sync.engine import SyncError, vault_for
from tnde.sync.link import SyncLink, read_link, save_link
from tnde.sync.transport import ArchiveHttp, check_url, fetch_certificate, same_fingerprint
from tnde.workspace import bind_owner

if TYPE_CHECKING:
    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace

__all__ = ["link_workspace", "pinned_certificate", "sign_in_again", "sign_in_at"]


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
    pinned = pinned_certificate(base, fingerprint)
    with ArchiveHttp(base, pinned_der=pinned or None) as http:
        hello = http.call("GET", "/v1/hello", retry=False).json()
        with ws.transaction() as conn:
            existing = read_link(conn)
        if existing is not None and existing.archive_id != hello["archive_id"]:
            raise SyncError(_("this workspace is linked to another archive already"))
        grant = sign_in_at(http, ws, nip, secret, enrol=enrol, device_name=device_name)
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


def sign_in_again(
    ws: Workspace, password: str, secrets: SecretStore, *, device_name: str = ""
) -> SyncLink:
    """Sign a linked desk in again with its official's password, and keep the new refresh
    token: for a desk whose sign-in was lost (signed out, expired after 90 days unused,
    refused as reused, a keyring that was wiped). The link stays as it is, cursor and all,
    so the desk carries on where it was.

    The archive is reached as when the desk linked: over the certificate pinned then.

    Raises:
        SyncError: the workspace is not linked, or the archive at its address is another one.
        ArchiveRefused: a wrong password (``invalid_credentials``), a revoked device
            (``device_revoked``: link again), a disabled account, too many attempts.
        ArchiveUnreachable: the archive cannot be reached.
        SecretStoreUnavailable: no keyring to keep the new token in.
    """
    with ws.transaction() as conn:
        link = read_link(conn)
    if link is None:
        raise SyncError(
            _("this workspace is not linked to an archive; link it with: tnde archive link URL")
        )
    pinned = bytes.fromhex(link.certificate) if link.certificate else None
    with ArchiveHttp(link.url, pinned_der=pinned) as http:
        hello = http.call("GET", "/v1/hello", retry=False).json()
        if hello["archive_id"] != link.archive_id:
            raise SyncError(
                _(
                    "the archive at {url} is not the one this workspace was linked to",
                    url=link.url,
                )
            )
        grant = sign_in_at(http, ws, link.nip, password, enrol=False, device_name=device_name)
    vault_for(ws, link, secrets).save(str(grant["refresh_token"]))
    return link


def pinned_certificate(base: str, fingerprint: str) -> bytes:
    """The certificate to pin for the archive at ``base`` (DER), checked against the
    fingerprint the admin read out; empty when there is nothing to pin (plain HTTP on this
    computer, or no fingerprint: the system's authorities vouch for the archive then).

    Raises:
        SyncError: the archive presents another certificate.
        ArchiveUnreachable: nothing answers TLS at that address.
    """
    if not (base.startswith("https://") and fingerprint):
        return b""
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
    return pinned


def sign_in_at(
    http: ArchiveHttp,
    ws: Workspace,
    nip: str,
    secret: str,
    *,
    enrol: bool,
    device_name: str = "",
) -> dict[str, Any]:
    """Sign ``nip`` in from this desk's device: the token pair the archive answers.

    Args:
        secret: ``CODE|PASSWORD`` with ``enrol`` (the first sign-in), else the password.
        device_name: what the administrator sees; the computer's name by default.

    Raises:
        ArchiveRefused, ArchiveUnreachable: from the archive (never retried: a code works
            once, and a wrong password counts against the limit).
    """
    if enrol:
        code, _sep, password = secret.partition("|")
        body = {"nip": nip, "code": code, "password": password}
        path = "/v1/auth/enrol"
    else:
        body = {"nip": nip, "password": secret}
        path = "/v1/auth/signin"
    body.update(device_id=ws.device_id, device_name=device_name or socket.gethostname())
    grant: dict[str, Any] = http.call("POST", path, json=body, retry=False).json()
    return grant
