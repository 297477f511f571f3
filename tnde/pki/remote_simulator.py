"""A loopback stand-in for BSrE's remote signing service, holding the DEMO PKI's keys.

``tnde pki demo-remote serve`` runs it for the demo workspace, and the tests use it for real
over HTTP. It speaks the BSrE hash-signing route and the user-status and certificate-chain
routes of the Esign Client Service v2, the way agencies meet them:

==============================================  ================================================
``POST /api/v2/user/check/status``              ``{nik}`` → ``{status_code, status, message}``
``GET /api/v2/user/certificate/chain/<nik>``    ``{success, data: [base64 DER, signer first]}``
``POST /v2/esign/v2/api/entity/sign/hash/pdf``  ``{nik, passphrase, signaturePropertiesHashMap:
                                                {"0": {documentDigestBase64, …}}}`` →
                                                ``{data: {cmsSignedDataHashMap: {"0": CMS}}}``
==============================================  ================================================

It also speaks CSC API v2 (OAuth2 client credentials, ``credentials/list``, ``authorize``,
``signatures/signHash``): :mod:`tnde.pki.csc_simulator`; and the Esign Client Service's
``/api/v2/sign/pdf``, which signs a whole PDF: :mod:`tnde.pki.esc_simulator`.

A user is found by the NIK in the ``serialNumber`` of a DEMO certificate; the passphrase is
the one of the official's ``.p12`` (the DEMO passphrase). The CMS is made with the official's
key over pyHanko's PAdES signed attributes and carries no timestamp, as BSrE's often do not.

Faults are switched with :attr:`DemoRemoteService.fault` (``--fault`` on the command line):
see :data:`FAULTS`. Errors use BSrE's shapes: ``{"error", "status_code"}`` with its codes
2011, 2021 and 2031, and Spring Boot's ``{timestamp, status, error, path}`` for HTTP 401 and 500.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import errno
import hashlib
import json
import logging
import secrets
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, ClassVar, Self

from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

from tnde.errors import PkiError
from tnde.messages import _
from tnde.pki.csc_simulator import CSC_ROUTES, csc_answer
from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.pki.esc_simulator import ESC_SIGN_PDF, sign_whole_pdf
from tnde.pki.identity import identity_of
from tnde.pki.server import ThreadedHttpService
from tnde.pki.workspace_demo import demo_nik

if TYPE_CHECKING:
    from collections.abc import Callable

    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    from tnde.pki.demo import DemoPki

__all__ = ["FAULTS", "ROUTES", "DemoRemoteService", "demo_remote_port"]

log = logging.getLogger(__name__)

ROUTES = {
    "status": "/api/v2/user/check/status",
    "chain": "/api/v2/user/certificate/chain/{nik}",
    "sign_hash": "/v2/esign/v2/api/entity/sign/hash/pdf",
}
"""The paths the simulator answers (the default endpoints of a ``bsre-hash`` profile)."""

FAULTS = {
    "": "no fault",
    "unauthorized": "HTTP 401 on every request (wrong client credentials)",
    "wrong-passphrase": "sign: 2031 Passphrase anda salah",
    "not-registered": "status and sign: 2011 Penandatangan tidak terdaftar",
    "no-certificate": "status and sign: 2021 user has no certificate",
    "server-error": "sign: HTTP 500 with a Java stack trace in the body",
    "slow": "every answer waits slow_seconds first",
    "drop": "sign: the request is read, then the connection closes without an answer",
    "wrong-digest": "sign: another digest is signed (whole-PDF signing: the letter is changed)",
    "other-signer": "sign: the signature is made with another official's key",
}
"""The switchable faults and what each does."""

_MAX_BODY = 64 * 1024 * 1024
"""Largest request body (a whole PDF, base64, for ``/api/v2/sign/pdf``)."""


IDENTITY_ROUTE = "/tnde-demo/identity"
"""Which DEMO PKI the simulator signs for: asked before a desk uses a simulator it finds
already listening, so a passphrase never goes to another program on that port."""


def serves_demo_pki(url: str, pki: DemoPki, *, timeout: float = 2.0) -> bool:
    """Whether the service at ``url`` is a simulator signing for ``pki``."""
    try:
        with urllib.request.urlopen(url + IDENTITY_ROUTE, timeout=timeout) as answer:
            said = json.loads(answer.read(4096))
    except (OSError, ValueError):
        return False
    expected = pki.root.fingerprint(SHA256()).hex()
    return isinstance(said, dict) and said.get("demo_root_sha256") == expected


def demo_remote_port(pki_port: int) -> int:
    """The simulator's port in a demo workspace: the one after its PKI responders'."""
    return pki_port + 1 if pki_port < 65535 else pki_port - 1


_JAVA_TRACE = (
    'java.lang.NullPointerException: Cannot invoke "String.length()" because "hash" is null\n'
    "\tat id.go.bssn.esign.service.SignService.signHash(SignService.java:212)\n"
    "\tat id.go.bssn.esign.controller.EntityController.hashPdf(EntityController.java:88)\n"
    "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Unknown Source)\n"
)


class DemoRemoteService(ThreadedHttpService):
    """The simulator: start/stop it, or use it as a context manager.

    Args:
        pki: the DEMO PKI whose officials it signs for (may be swapped while it runs).
        client_id, client_secret: HTTP Basic credentials every request must carry; both
            None accepts requests without any.
    """

    def __init__(
        self,
        pki: DemoPki,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        client_id: str | None = None,
        client_secret: str | None = None,
    ) -> None:
        self.pki = pki
        self.host = host
        self.port = port
        self.fault = ""
        """The active fault, a key of :data:`FAULTS`."""
        self.slow_seconds = 2.0
        """How long the ``slow`` fault waits before answering."""
        self.sign_requests = 0
        """Sign requests received (whatever their outcome), for tests and the benchmark."""
        self.busy_seconds = 0.0
        """Time spent answering sign requests, waits included (the benchmark subtracts it)."""
        self._basic = (
            None
            if client_id is None
            else "Basic " + base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        )
        self.multisign = 10
        """How many signatures one CSC authorisation allows (the credential's ``multisign``)."""
        self.authorizations = 0
        """CSC authorisations granted, for tests."""
        self.sads: dict[str, tuple[str, int]] = {}
        """CSC SAD → (official, signatures left)."""
        self.state_lock = threading.Lock()
        self.java_trace = _JAVA_TRACE
        self._tokens: set[str] = set()
        self._keys: dict[str, tuple[bytes, RSAPrivateKey, x509.Certificate]] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8799``."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> Self:
        """Bind and serve in a daemon thread.

        Raises:
            PkiError: ``PORT_IN_USE`` when another program holds the port.
        """
        if self.fault not in FAULTS:
            raise PkiError(
                PkiError.BAD_VALUE,
                _("unknown fault {fault!r} (choices: {choices})", fault=self.fault,
                  choices=", ".join(k for k in FAULTS if k)),
            )  # fmt: skip
        handler = type("_BoundHandler", (_Handler,), {"service": self})
        try:
            httpd = ThreadingHTTPServer((self.host, self.port), handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PkiError(
                    PkiError.PORT_IN_USE,
                    _(
                        "port {port} on {host} is used by another program; stop that program "
                        "and try again",
                        port=self.port,
                        host=self.host,
                    ),
                ) from None
            raise
        httpd.daemon_threads = True
        self.port = int(httpd.server_address[1])
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
            name=f"tnde-demo-remote-{self.port}",
        )  # fmt: skip
        self._thread.start()
        log.info("DEMO remote signing service on %s", self.url)
        return self

    # -- what the routes answer -------------------------------------------------------------

    def user_status(self, nik: str) -> tuple[int, dict[str, Any]]:
        """The status answer for ``nik`` (HTTP 200 whatever the status, as BSrE does)."""
        if self.fault == "not-registered":
            return 200, _status(2011, "NOT_REGISTERED", "User belum terdaftar")
        if self.fault == "no-certificate":
            return 200, _status(2021, "NO_CERTIFICATE", "User tidak memiliki sertifikat")
        found = self.official(nik)
        if found is None:
            return 200, _status(2011, "NOT_REGISTERED", "User belum terdaftar")
        _key, cert = found
        if self.pki.is_revoked(cert.serial_number):
            return 200, _status(2041, "REVOKE", "Sertifikat user telah dicabut")
        if self.pki.clock() > cert.not_valid_after_utc:
            return 200, _status(2051, "EXPIRED", "Sertifikat user telah kedaluwarsa")
        return 200, _status(
            1111, "ISSUE", "User sudah terdaftar dan memiliki sertifikat dengan status ISSUE"
        )

    def certificate_chain(self, nik: str) -> tuple[int, dict[str, Any]]:
        """The user's certificate, then the issuing CA and the root, base64 DER."""
        found = None if self.fault in ("not-registered", "no-certificate") else self.official(nik)
        if found is None:
            return 400, {"success": False, "error": "Sertifikat tidak ditemukan"}
        chain = [found[1], *self.pki.chain]
        data = [base64.b64encode(c.public_bytes(Encoding.DER)).decode() for c in chain]
        return 200, {"success": True, "data": data}

    def sign_hash(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Sign each digest of ``signaturePropertiesHashMap`` with the user's key."""
        nik = str(body.get("nik", ""))
        passphrase = str(body.get("passphrase", "")).encode("utf-8")
        if self.fault == "server-error":
            return 500, {"__raw__": _JAVA_TRACE}
        if self.fault == "not-registered" or self.official(nik) is None:
            return 400, {"error": "Penandatangan tidak terdaftar", "status_code": 2011}
        if self.fault == "no-certificate":
            return 400, {"error": "Sertifikat user tidak ditemukan", "status_code": 2021}
        if self.fault == "wrong-passphrase":
            return 400, {"error": "Passphrase anda salah !!!", "status_code": 2031}
        found = self.official(nik)
        assert found is not None
        key_and_cert = self.unlock(found[0], passphrase)
        if key_and_cert is None:
            return 400, {"error": "Passphrase anda salah !!!", "status_code": 2031}
        key, cert = key_and_cert
        if self.fault == "other-signer":
            others = sorted(
                (n for n in self.pki.official_keys() if n != found[0]),
                key=lambda n: not self.pki.is_issued(n),  # one made already, if any
            )
            other = self.unlock(others[0], passphrase) if others else None
            key = other[0] if other else key
        properties = body.get("signaturePropertiesHashMap")
        if not isinstance(properties, dict) or not properties:
            return 500, {"__raw__": _JAVA_TRACE}
        signed: dict[str, str] = {}
        for slot, props in properties.items():
            try:
                digest = base64.b64decode(str(props["documentDigestBase64"]), validate=True)
            except (KeyError, TypeError, binascii.Error):
                return 500, {"__raw__": _JAVA_TRACE}
            if self.fault == "wrong-digest":
                digest = hashlib.sha256(b"dokumen lain" + digest).digest()
            cms = _make_cms(key, cert, self.pki.chain, digest)
            signed[str(slot)] = base64.b64encode(cms).decode()
        return 200, {"time": 1, "data": {"cmsSignedDataHashMap": signed}}

    # -- helpers ----------------------------------------------------------------------------

    def official(self, nik: str) -> tuple[str, x509.Certificate] | None:
        """The NIP (file key) and newest certificate of the official with ``nik``.

        Certificates already made are matched by the NIK they carry; an official whose key
        the PKI makes on first use is matched by their DEMO NIK, and only theirs is made.
        """
        digits = "".join(nik.split())
        if len(digits) != 16 or not digits.isdigit():
            return None
        pki = self.pki
        keys = pki.official_keys()
        for key in keys:
            if pki.is_issued(key) and identity_of(pki.certificate_of(key)).nik == digits:
                return key, pki.certificate_of(key)
        for key in keys:
            if not pki.is_issued(key) and demo_nik(key) == digits:
                cert = pki.certificate_of(key)  # made now, on first use
                return (key, cert) if identity_of(cert).nik == digits else None
        return None

    def unlock(
        self, key_name: str, passphrase: bytes
    ) -> tuple[RSAPrivateKey, x509.Certificate] | None:
        """The official's key, opened with ``passphrase`` (parsed once, then kept)."""
        from cryptography.hazmat.primitives.asymmetric import rsa

        check = hashlib.sha256(passphrase).digest()
        with self._lock:
            kept = self._keys.get(key_name)
            if kept is not None:
                return (kept[1], kept[2]) if kept[0] == check else None
            try:
                key, cert, _extra = pkcs12.load_key_and_certificates(
                    self.pki.p12_path(key_name).read_bytes(), passphrase
                )
            except ValueError:
                return None
            if not isinstance(key, rsa.RSAPrivateKey) or cert is None:
                return None
            self._keys[key_name] = (check, key, cert)
            return key, cert

    def oauth_token(self, grant: str) -> tuple[int, dict[str, Any]]:
        """OAuth2 client credentials: the Basic credentials were checked on the way in."""
        if grant != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        token = secrets.token_urlsafe(24)
        with self.state_lock:
            self._tokens.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}

    def kept_key(self, key_name: str) -> RSAPrivateKey | None:
        """The official's key if a PIN opened it before (a CSC authorisation did)."""
        with self._lock:
            kept = self._keys.get(key_name)
        return kept[1] if kept else None

    def other_key(self, key_name: str) -> RSAPrivateKey | None:
        """Another official's key, for the ``other-signer`` fault (one made already, if any)."""
        found = self.other_key_and_cert(key_name)
        return found[0] if found else None

    def other_key_and_cert(self, key_name: str) -> tuple[RSAPrivateKey, x509.Certificate] | None:
        """Another official's key and certificate (one made already, if any)."""
        others = sorted(
            (n for n in self.pki.official_keys() if n != key_name),
            key=lambda n: not self.pki.is_issued(n),
        )
        return self.unlock(others[0], DEMO_PASSPHRASE) if others else None


def _status(code: int, status: str, message: str) -> dict[str, Any]:
    return {"status_code": code, "status": status, "message": message}


def _make_cms(
    key: RSAPrivateKey, cert: x509.Certificate, chain: list[x509.Certificate], digest: bytes
) -> bytes:
    """A detached CMS over ``digest`` with PAdES signed attributes, as BSrE returns it."""
    signer = _key_signer(key, cert, chain)
    content = asyncio.run(signer.async_sign(digest, "sha256", use_pades=True))
    return bytes(content.dump())


def _key_signer(key: RSAPrivateKey, cert: x509.Certificate, chain: list[x509.Certificate]) -> Any:
    """A pyHanko signer over an opened DEMO key."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    from pyhanko.sign.signers.pdf_cms import Signer
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(c: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(c.public_bytes(Encoding.DER))

    class _KeySigner(Signer):
        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            return key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    registry.register_multiple([asn1(c) for c in chain])
    return _KeySigner(signing_cert=asn1(cert), cert_registry=registry)


class _Handler(BaseHTTPRequestHandler):
    service: ClassVar[DemoRemoteService]
    protocol_version = "HTTP/1.0"
    server_version = "TNDE-DEMO-BSrE/1"

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == IDENTITY_ROUTE:  # no secret in it, and asked before any credential exists
            self._json(200, {"demo_root_sha256": self.service.pki.root.fingerprint(SHA256()).hex()})
            return
        if not self._admitted(path):
            return
        prefix = ROUTES["chain"].split("{", 1)[0]
        if path.startswith(prefix):
            self._json(*self.service.certificate_chain(path.removeprefix(prefix)))
            return
        self._json(404, _spring(404, "Not Found", path))

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._json(413, _spring(413, "Payload Too Large", path))
            return
        raw = self.rfile.read(length) if length > 0 else b""
        if not self._admitted(path):
            return
        if path == CSC_ROUTES["token"]:  # a form (grant_type=client_credentials), not JSON
            form = urllib.parse.parse_qs(raw.decode("latin-1"))
            grant = (form.get("grant_type") or [""])[0]
            self._json(*self.service.oauth_token(grant))
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            self._json(400, _spring(400, "Bad Request", path))
            return
        service = self.service
        if path in (CSC_ROUTES["credentials_list"], CSC_ROUTES["authorize"]):
            self._json(*csc_answer(service, path, body))
        elif path == CSC_ROUTES["sign_hash"]:
            self._signing(lambda: csc_answer(service, path, body))
        elif path == ROUTES["status"]:
            self._json(*service.user_status(str(body.get("nik", ""))))
        elif path == ROUTES["sign_hash"]:
            self._signing(lambda: service.sign_hash(body))
        elif path == ESC_SIGN_PDF:
            self._signing(lambda: sign_whole_pdf(service, body, _key_signer))
        else:
            self._json(404, _spring(404, "Not Found", path))

    def _signing(self, answer: Callable[[], tuple[int, dict[str, Any]]]) -> None:
        """A sign request: counted and timed; dropped unanswered under the ``drop`` fault."""
        service = self.service
        started = time.perf_counter()
        with service.state_lock:
            service.sign_requests += 1
        try:
            if service.fault == "drop":
                # the request has arrived: the client cannot know whether it was signed
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self._json(*answer())
        finally:
            with service.state_lock:
                service.busy_seconds += time.perf_counter() - started

    def _admitted(self, path: str) -> bool:
        service = self.service
        if service.fault == "slow":
            time.sleep(service.slow_seconds)
        basic = service._basic
        given = self.headers.get("Authorization") or ""
        bearer = given.removeprefix("Bearer ") if given.startswith("Bearer ") else None
        allowed = given == basic or (bearer in service._tokens and path != CSC_ROUTES["token"])
        if service.fault == "unauthorized" or (basic is not None and not allowed):
            self._json(401, _spring(401, "Unauthorized", path))
            return False
        return True

    def _json(self, status: int, body: dict[str, Any]) -> None:
        raw = body.get("__raw__")
        data = (
            str(raw).encode("utf-8")
            if raw is not None
            else json.dumps(body, ensure_ascii=False).encode("utf-8")
        )
        self.send_response(status)
        self.send_header(
            "Content-Type", "text/plain; charset=utf-8" if raw is not None else "application/json"
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def _spring(status: int, error: str, path: str) -> dict[str, Any]:
    """Spring Boot's default error body, as the Esign Client Service sends it."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000+00:00", time.gmtime())
    return {"timestamp": stamp, "status": status, "error": error, "path": path}
