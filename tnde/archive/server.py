"""Serving an archive folder with uvicorn: HTTPS by default, plain HTTP on loopback only.

:func:`prepare_server` does every check first (the folder, the database and its schema, the
certificate and key, the address) so that a mistake is a clear message before anything
listens; :meth:`ArchiveServer.run` then serves until interrupted (Ctrl+C, SIGTERM).

Plain HTTP is for a reverse proxy on the same machine that terminates TLS itself, and for
tests; on any other address it would send letters and, later, passwords in the clear, so it
is refused.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import uvicorn

from tnde.archive.app import app_for
from tnde.archive.config import DEFAULT_HOST, DEFAULT_PORT
from tnde.archive.errors import ArchiveError
from tnde.archive.folder import ArchiveFolder, open_archive
from tnde.archive.tls import check_certificate, is_loopback
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["ArchiveServer", "prepare_server", "serve_in_background"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArchiveServer:
    """An archive ready to serve: everything checked, nothing listening yet."""

    archive: ArchiveFolder
    host: str
    port: int
    certificate: Path | None
    """The TLS certificate, or ``None`` for plain HTTP (loopback only)."""
    key: Path | None
    fingerprint: str
    """The certificate's SHA-256 fingerprint (``""`` for plain HTTP)."""

    @property
    def url(self) -> str:
        """Where desks reach it."""
        scheme = "https" if self.certificate else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    def run(self) -> None:
        """Serve until interrupted (Ctrl+C returns; SIGTERM ends the process the way uvicorn
        ends it, after the same graceful shutdown), then close the database."""
        try:
            config = uvicorn.Config(
                app_for(self.archive),
                host=self.host,
                port=self.port,
                ssl_certfile=self.certificate,
                ssl_keyfile=self.key,
                log_level="info",
                server_header=False,
                timeout_graceful_shutdown=10,
            )
            uvicorn.Server(config).run()
        except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C once it has shut down
            log.info("archive server stopped")
        finally:
            self.archive.close()


def prepare_server(
    folder: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    certificate: Path | None = None,
    key: Path | None = None,
    database: str | None = None,
    plain_http: bool = False,
) -> ArchiveServer:
    """Check everything needed to serve ``folder``; upgrades an older database.

    Args:
        certificate, key: TLS files to use instead of the folder's own (both or neither).
        database: a database URL to use instead of the folder's setting.
        plain_http: serve without TLS; only on a loopback address.

    Raises:
        ArchiveError: ``plain_http_not_loopback``, ``tls_missing``, ``tls_invalid``, and
            whatever :func:`~tnde.archive.folder.open_archive` raises.
    """
    if plain_http and not is_loopback(host):
        raise ArchiveError(
            ArchiveError.PLAIN_HTTP_NOT_LOOPBACK,
            _(
                "plain HTTP is allowed only on this machine's loopback address (127.0.0.1, "
                "::1, localhost), not on {host}: serve HTTPS there (leave out --plain-http)",
                host=host,
            ),
        )
    archive = open_archive(folder, database=database)
    try:
        if plain_http:
            return ArchiveServer(archive, host, port, None, None, "")
        cert_path = certificate or archive.path(archive.config.certificate)
        key_path = key or archive.path(archive.config.key)
        fingerprint = check_certificate(cert_path, key_path)
    except BaseException:
        archive.close()
        raise
    return ArchiveServer(archive, host, port, cert_path, key_path, fingerprint)


@contextlib.contextmanager
def serve_in_background(folder: Path, port: int) -> Iterator[str]:
    """Serve the archive in ``folder`` over plain HTTP on loopback, in a thread of this
    process, while the block runs (the demo office signs its desks in through it); yields
    its URL.

    Raises:
        ArchiveError: ``serve_failed`` when nothing listens on ``port`` within 20 seconds
            (another program holds the port).
    """
    archive = open_archive(folder)
    config = uvicorn.Config(app_for(archive), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise ArchiveError(
                    ArchiveError.SERVE_FAILED,
                    _(
                        "cannot serve the archive on port {port} of this computer "
                        "(is another program using it?)",
                        port=port,
                    ),
                )
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        archive.close()
