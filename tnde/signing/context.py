"""The signing services of a workspace: its trust roots, its TSA, and in a demo workspace the
DEMO PKI's loopback responders, running for as long as they are needed.

The desktop app, the CLI and ``tnde demo`` all sign through :func:`workspace_services`, so
a demo workspace signs the same way an office does: timestamps and revocation answers over
HTTP from the URLs in the certificates, only on loopback.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from typing import TYPE_CHECKING

from tnde.pki.demo import DemoPki
from tnde.pki.server import PkiServer
from tnde.pki.trust import TrustStore
from tnde.signing.pades import Level, SigningServices

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.workspace import Workspace

log = logging.getLogger(__name__)

__all__ = ["DEMO_PKI_FOLDER", "WorkspaceSigning", "workspace_services"]

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
    return str(server.tsa_url)


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0
