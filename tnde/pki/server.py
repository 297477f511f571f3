"""The DEMO PKI's services over loopback HTTP: TSA, OCSP, CRLs and CA certificates.

pyHanko (and ``openssl``, ``pdfsig``) fetch timestamps and revocation data over HTTP from the
URLs in the certificates, so the demo must answer there for a B-LT signature to be real:

======================================  =========================================================
``POST /tsa``                           RFC 3161 (``application/timestamp-query`` → ``-reply``)
``POST /ocsp``, ``GET /ocsp/<base64>``  RFC 6960 (``application/ocsp-request`` → ``-response``)
``GET /crl/root.crl``                   the root's CRL (covers the issuing CA), DER
``GET /crl/issuing-ca.crl``             the issuing CA's CRL, DER
``GET /ca/root.cer``, ``/ca/issuing-ca.cer``   the CA certificates (AIA caIssuers), DER
======================================  =========================================================

It listens on 127.0.0.1 only, in a daemon thread, and answers from the :class:`DemoPki` it is
given; :attr:`PkiServer.pki` may be swapped while it runs (tests serve a mutated copy of a
session PKI on the same port, because the port is written into the certificates).
"""

from __future__ import annotations

import base64
import binascii
import errno
import logging
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, ClassVar, Self

from tnde.errors import PkiError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from tnde.pki.demo import DemoPki

__all__ = ["PkiServer", "ThreadedHttpService"]

log = logging.getLogger(__name__)

_MAX_BODY = 64 * 1024
"""Largest request body accepted (real TSA and OCSP requests are a few hundred bytes)."""


class ThreadedHttpService:
    """A loopback HTTP service serving from a daemon thread: :meth:`start` binds and serves,
    :meth:`stop` shuts it down, and ``with`` does both."""

    _httpd: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class PkiServer(ThreadedHttpService):
    """The loopback HTTP server of a :class:`DemoPki`. Use as a context manager or start/stop."""

    def __init__(self, pki: DemoPki, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.pki = pki
        """The PKI that answers; may be replaced while the server runs."""
        self.host = host
        """The address listened on."""
        self.port = pki.port if port is None else port
        """The port listened on (by default the one the certificates name); after
        :meth:`start` with port 0, the one the system chose."""
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://<host>:<port>``."""
        return f"http://{self.host}:{self.port}"

    @property
    def tsa_url(self) -> str:
        """The timestamp service, for ``pyhanko.sign.timestamps.HTTPTimeStamper``."""
        return f"{self.url}/tsa"

    @property
    def ocsp_url(self) -> str:
        """The OCSP responder."""
        return f"{self.url}/ocsp"

    def crl_url(self, ca: str) -> str:
        """The CRL of ``ca`` (``"root"`` or ``"issuing-ca"``)."""
        return f"{self.url}/crl/{ca}.crl"

    @property
    def running(self) -> bool:
        """Whether :meth:`start` ran and :meth:`stop` did not yet."""
        return self._httpd is not None

    def start(self) -> Self:
        """Bind and serve in a daemon thread.

        Raises:
            PkiError: ``PORT_IN_USE`` when another program holds the port.
        """
        if self._httpd is not None:
            return self
        handler = type("_BoundHandler", (_Handler,), {"server_ref": self})
        try:
            httpd = ThreadingHTTPServer((self.host, self.port), handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
                raise PkiError(
                    PkiError.PORT_IN_USE,
                    _(
                        "port {port} on {host} is used by another program; stop that program "
                        "(perhaps another 'tnde pki serve') and try again",
                        port=self.port,
                        host=self.host,
                    ),
                ) from None
            raise PkiError(
                PkiError.PORT_IN_USE,
                _("cannot open {host}:{port}: {exc}", host=self.host, port=self.port, exc=exc),
            ) from None
        httpd.daemon_threads = True
        self.port = int(httpd.server_address[1])
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"tnde-pki-server-{self.port}",
            daemon=True,
        )
        self._thread.start()
        log.info("DEMO PKI server on %s", self.url)
        return self

    def __repr__(self) -> str:
        return f"PkiServer({self.url!r}, running={self.running})"


class _Handler(BaseHTTPRequestHandler):
    """Routes the requests to :attr:`PkiServer.pki`."""

    server_ref: ClassVar[PkiServer]
    # HTTP/1.0: one request per connection, so no idle keep-alive threads outlive stop().
    protocol_version = "HTTP/1.0"
    server_version = "TNDE-DEMO-PKI/1"

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._reply(413, _TEXT, b"permintaan terlalu besar\n")
            return
        body = self.rfile.read(length) if length > 0 else b""
        self._answer(lambda path: self._post(path, body))

    def _get(self, path: str) -> tuple[int, str, bytes]:
        pki = self.server_ref.pki
        if path in ("/crl/root.crl", "/crl/issuing-ca.crl"):
            ca = path.removeprefix("/crl/").removesuffix(".crl")
            return 200, "application/pkix-crl", pki.crl(ca)
        if path in ("/ca/root.cer", "/ca/issuing-ca.cer"):
            ca = path.removeprefix("/ca/").removesuffix(".cer")
            return 200, "application/pkix-cert", pki.ca_certificate_der(ca)
        if path.startswith("/ocsp/"):
            encoded = urllib.parse.unquote(path.removeprefix("/ocsp/"))
            try:
                request = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
            except (binascii.Error, ValueError):
                request = b""
            return 200, "application/ocsp-response", pki.ocsp_response(request)
        return 404, _TEXT, b"tidak ada di sini\n"

    def _post(self, path: str, body: bytes) -> tuple[int, str, bytes]:
        pki = self.server_ref.pki
        if path == "/tsa":
            return 200, "application/timestamp-reply", pki.timestamp_response(body)
        if path == "/ocsp":
            return 200, "application/ocsp-response", pki.ocsp_response(body)
        return 404, _TEXT, b"tidak ada di sini\n"

    def _answer(self, route: Callable[[str], tuple[int, str, bytes]]) -> None:
        path = urllib.parse.urlsplit(self.path).path
        try:
            status, content_type, body = route(path)
        except Exception:
            # A broken state.toml or key file must not kill the server thread silently.
            log.exception("DEMO PKI server failed on %s %s", self.command, path)
            status, content_type, body = 500, _TEXT, b"kesalahan server PKI DEMO\n"
        self._reply(status, content_type, body)

    def _reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


_TEXT = "text/plain; charset=utf-8"
