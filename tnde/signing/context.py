"""The signing services of a workspace: its trust roots, its TSA, and in a demo workspace the
DEMO PKI's loopback responders, running for as long as they are needed.

The desktop app, the CLI and ``tnde demo`` all sign through :func:`workspace_services`, so
a demo workspace signs the same way an office does: timestamps and revocation answers over
HTTP from the URLs in the certificates, only on loopback. A demo workspace also gets its
"BSrE (simulasi)" remote signing service there (:mod:`tnde.pki.remote_simulator`).
"""

from __future__ import annotations

import contextlib
import logging
import socket
from typing import TYPE_CHECKING

from tnde.errors import ConfigError, PkiError
from tnde.messages import _
from tnde.pki.demo import DemoPki
from tnde.pki.remote_simulator import DemoRemoteService, demo_remote_port, serves_demo_pki
from tnde.pki.server import PkiServer
from tnde.pki.trust import TrustStore
from tnde.signing.outcomes import UnknownOutcome, resolve_unknown, unknown_outcomes
from tnde.signing.pades import Level, SigningServices
from tnde.signing.remote import RemoteDevice
from tnde.signing.remote_profiles import PROFILE_FILE, RemoteProfile, read_profiles

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.secrets import SecretStore
    from tnde.workflow import Letters
    from tnde.workspace import Workspace

log = logging.getLogger(__name__)

__all__ = [
    "DEMO_PKI_FOLDER",
    "DEMO_REMOTE_PROFILE",
    "WorkspaceSigning",
    "check_unknown_outcome",
    "open_unknown_outcomes",
    "remote_device",
    "workspace_remote_profiles",
    "workspace_services",
]

DEMO_REMOTE_PROFILE = "bsre-simulasi"
"""The remote signing profile every demo workspace offers: the loopback simulator."""

DEMO_PKI_FOLDER = ("pki", "demo")
"""Where ``tnde pki demo-init`` puts the DEMO PKI, relative to the workspace folder."""


class WorkspaceSigning:
    """What a signing operation in one workspace needs, while the context is open."""

    def __init__(self, services: SigningServices, trust: TrustStore, level: Level) -> None:
        self.services = services
        self.trust = trust
        self.level = level
        """The workspace's configured PAdES level for letters."""

    def issuer_of(self, chain: tuple[object, ...]) -> str | None:
        """The footer's name for the authority that issued the certificate of ``chain``."""
        return self.trust.footer_issuer_for(chain)  # type: ignore[arg-type]


@contextlib.contextmanager
def workspace_services(ws: Workspace, *, tsa_url: str | None = None) -> Iterator[WorkspaceSigning]:
    """Trust store, TSA and (demo) responders for signing in ``ws``.

    Args:
        tsa_url: overrides the workspace's configured timestamp service.
    """

    config = ws.config
    trust = TrustStore.for_workspace(ws.path)
    with contextlib.ExitStack() as stack:
        url = tsa_url or config.tsa_url
        demo_folder = ws.path.joinpath(*DEMO_PKI_FOLDER)
        if config.demo and demo_folder.is_dir():
            # OCSP and CRLs of the DEMO certificates come from these responders whichever
            # timestamp service is set.
            demo_tsa = _start_demo_responders(stack, demo_folder)
            url = url or demo_tsa

        roots = trust.roots(demo=config.demo)
        services = stack.enter_context(
            SigningServices(trust_roots=roots, tsa_url=url, extra_purposes=trust.purposes_for)
        )

        yield WorkspaceSigning(services, trust, Level.parse(config.signature_level))


def workspace_remote_profiles(ws: Workspace) -> dict[str, RemoteProfile]:
    """The workspace's remote signing profiles (``remote-signing.toml``); a demo workspace
    also offers "BSrE (simulasi)", served by :func:`workspace_services`.

    Raises:
        ConfigError: ``remote-signing.toml`` is malformed.
    """
    profiles = read_profiles(ws.path)
    folder = ws.path.joinpath(*DEMO_PKI_FOLDER)
    if ws.config.demo and folder.is_dir() and DEMO_REMOTE_PROFILE not in profiles:
        port = demo_remote_port(DemoPki.open(folder).port)
        profiles[DEMO_REMOTE_PROFILE] = RemoteProfile(
            name=DEMO_REMOTE_PROFILE,
            label="BSrE (simulasi)",
            kind="bsre-hash",
            url=f"http://127.0.0.1:{port}",
            timeout=30,
        )
    return profiles


def remote_device(
    ws: Workspace, name: str, nik: str, *, secrets: SecretStore | None = None
) -> RemoteDevice:
    """The device for signing as the holder of ``nik`` through profile ``name``.

    Raises:
        ConfigError: no such profile, or ``remote-signing.toml`` is malformed.
    """
    profiles = workspace_remote_profiles(ws)
    if name not in profiles:
        raise ConfigError(
            str(ws.path / PROFILE_FILE),
            f"profile.{name}",
            _(
                "no remote signing profile {name!r} (there are: {known})",
                name=name,
                known=", ".join(sorted(profiles)) or "-",
            ),
        )
    return RemoteDevice(profiles[name], nik, ws.path, secrets)


def _start_demo_responders(stack: contextlib.ExitStack, folder: Path) -> str:
    """Serve the DEMO TSA/OCSP/CRLs on their loopback port unless something already does."""

    pki = DemoPki.open(folder)
    server = PkiServer(pki)
    if _listening(server.host, server.port):
        # The desktop app (or another command) already serves this PKI: use it.
        log.info("DEMO PKI responders already listening on port %d", server.port)
    else:
        server.start()
        stack.callback(server.stop)
    # "BSrE (simulasi)": the demo's remote signing service, beside the responders
    remote = DemoRemoteService(pki, port=demo_remote_port(pki.port))
    if not _listening(remote.host, remote.port):
        try:
            remote.start()
            stack.callback(remote.stop)
        except PkiError as exc:
            log.info("DEMO remote signing service not started: %s", exc)
    elif not serves_demo_pki(remote.url, pki):
        # Something else holds the port: signing through it would hand a passphrase to a
        # stranger. Fail closed (the demo's ports lie below the range the system hands out
        # for its own use, so only a program started by hand lands there).
        raise PkiError(
            PkiError.PORT_IN_USE,
            _(
                "port {port} on {host} is held by another program, not this workspace's "
                "BSrE (simulasi); stop that program and try again",
                port=remote.port,
                host=remote.host,
            ),
        )
    return str(server.tsa_url)


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def open_unknown_outcomes(letters: Letters) -> dict[str, UnknownOutcome]:
    """The letters of ``letters`` whose signature has an unchecked unknown outcome."""
    return unknown_outcomes(letters.workspace.thread_connection())


def check_unknown_outcome(
    letters: Letters, device: RemoteDevice, actor: str, letter_id: str
) -> tuple[str, str]:
    """Settle a letter's "status tidak pasti" by asking the service about the signer.

    No file came back from the lost request, so nothing about the letter was stored; what is
    left to know is that the service answers and still lets the signer sign. Returns what the
    service said and the result (``"signed"`` when a signature was recorded since, else
    ``"not signed"``: the letter may be signed again).

    Raises:
        SigningError: the service cannot be reached or refuses the signer (nothing recorded).
        WorkflowRefused: ``SIGN-NOT-UNKNOWN``, the letter has no open unknown outcome.
    """
    with workspace_services(letters.workspace):  # a demo's simulator runs there
        said = device.check()
    how = _("{service} answers: {status}", service=device.description, status=said)
    return how, resolve_unknown(letters, actor, letter_id, how=how)
