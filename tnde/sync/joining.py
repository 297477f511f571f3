"""A new computer joins the office: a workspace made, linked and given the office's org chart
and profile by the archive, so they are typed in once, on the server.

:func:`join_office` does it all or nothing. Before anything is made it checks the folder and
asks the archive (``hello``, no sign-in) for its office profile, which this desk must know:
an unknown one is said plainly before the enrolment code is used up. Then it creates the
workspace, links it (:func:`~tnde.sync.linking.link_workspace`), fetches ``GET /v1/office``
and imports the org chart as the new owner. If anything fails after the folder was made,
what it made goes again (the archive told of the sign-out where it can be, the keyring's
token, the workspace's files, the folder if it was new), so the user simply tries again;
once the code was used, they try again with the password.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.datafile import parse_toml
from tnde.errors import TndeError
from tnde.formatting import validate_nip
from tnde.messages import _
from tnde.org import import_org, parse_org_toml
from tnde.profiles import available_profiles
from tnde.sync.engine import Syncer, SyncError, vault_for
from tnde.sync.link import SyncLink, read_link
from tnde.sync.linking import link_workspace, pinned_certificate
from tnde.sync.signout import sign_out
from tnde.sync.transport import ArchiveHttp, check_url
from tnde.workspace import Workspace, refuse_occupied

if TYPE_CHECKING:
    from tnde.org import OrgChart
    from tnde.secrets import SecretStore
    from tnde.sync.credentials import TokenVault

__all__ = ["join_office"]

log = logging.getLogger(__name__)


def join_office(
    path: Path,
    url: str,
    *,
    nip: str,
    secret: str,
    secrets: SecretStore,
    fingerprint: str = "",
    enrol: bool = True,
    device_name: str = "",
) -> Workspace:
    """Make a workspace for ``nip`` at ``path`` (new or an empty folder), linked to the
    archive at ``url``, with the office's org chart and profile taken from the archive.

    The arguments after ``url`` are :func:`~tnde.sync.linking.link_workspace`'s.

    Returns:
        The new workspace, open; the caller closes it.

    Raises:
        WorkspaceError: ``NOT_EMPTY``, the folder holds something.
        SyncError: the archive's office profile is unknown to this desk, its certificate is
            not the one of the fingerprint, or its answer about the office is damaged.
        ArchiveRefused, ArchiveUnreachable: from the archive (a wrong code or password…).
        ValidationError: ``nip`` is not a NIP.
    """
    base = check_url(url)
    nip = validate_nip(nip)
    path = Path(path)
    refuse_occupied(path)
    with ArchiveHttp(base, pinned_der=pinned_certificate(base, fingerprint) or None) as http:
        hello = http.call("GET", "/v1/hello", retry=False).json()
    _known_profile(str(hello.get("profile", "")))
    existed = path.exists()
    try:
        ws = Workspace.create(path)  # removes its own files when it fails
    except BaseException:
        if not existed:
            with contextlib.suppress(OSError):
                path.rmdir()
        raise
    # where link_workspace keeps the token, known before it is kept: undone even if the
    # link itself was not stored
    vault = vault_for(ws, SyncLink(url=base, archive_id=str(hello["archive_id"]), nip=nip), secrets)
    try:
        link = link_workspace(
            ws,
            base,
            nip=nip,
            secret=secret,
            secrets=secrets,
            fingerprint=fingerprint,
            enrol=enrol,
            device_name=device_name,
        )
        syncer = Syncer(ws, secrets)
        try:
            office = syncer.office()
        finally:
            syncer.close()
        profile_id = _known_profile(str(office.get("profile_id", "")))
        import_org(ws, _office_chart(office, link), actor=link.nip)
        ws.save_config(replace(ws.config, profile_id=profile_id, archive_url=base))
    except BaseException:
        _undo(ws, vault, secrets, existed=existed)
        raise
    log.info("joined the office of archive %s at %s", hello["archive_id"], path)
    return ws


def _known_profile(profile_id: str) -> str:
    """``profile_id`` when this desk ships that office profile.

    Raises:
        SyncError: it does not, said plainly.
    """
    if profile_id not in available_profiles():
        raise SyncError(
            _(
                "the archive's office uses the profile {profile}, which this version of TNDE "
                "Desktop does not know; install the version the office uses, or ask the "
                "administrator; nothing was made",
                profile=profile_id or "?",
            )
        )
    return profile_id


def _office_chart(office: dict[str, Any], link: SyncLink) -> OrgChart:
    """The org chart of an answer of ``GET /v1/office``, checked: from the archive linked
    to, whole (its SHA-256), and an org chart.

    Raises:
        SyncError: another archive's answer, or a damaged one.
        OrgFileError: the text is not an org chart.
    """
    if office.get("archive_id") != link.archive_id:
        raise SyncError(
            _("the archive at {url} answered for another archive than the one linked", url=link.url)
        )
    text = str(office.get("org_toml", ""))
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != office.get("org_sha256"):
        raise SyncError(
            _("the org chart the archive sent arrived damaged (its SHA-256 differs); try again")
        )
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise SyncError(
            _("the org chart the archive sent is not TOML: {reason}", reason=exc)
        ) from None
    return parse_org_toml(data, _("the archive's org chart"))


def _undo(ws: Workspace, vault: TokenVault, secrets: SecretStore, *, existed: bool) -> None:
    """Remove what :func:`join_office` made: the archive is told of the sign-out when the desk
    was linked and the archive can be reached, the token leaves the keyring, the workspace's
    files go (and its folder, when it was new). Nothing here hides the error that led here."""
    try:
        with ws.transaction() as conn:
            linked = read_link(conn) is not None
        if linked:
            sign_out(ws, secrets)
    except Exception as exc:  # noqa: BLE001 - best effort; the original error is raised
        log.warning("a desk that failed to join could not sign out: %s", exc)
    try:
        vault.forget()
    except TndeError as exc:
        log.warning("a desk that failed to join left its archive sign-in in the keyring: %s", exc)
    ws.close()
    if not existed:
        shutil.rmtree(ws.path, ignore_errors=True)
        return
    for child in ws.path.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()
