"""HTTP to the archive: a pinned TLS connection, bearer tokens, retries that never repeat
what must not be repeated.

A desk trusts the archive it linked to, not whatever a network hands it: when the admin gave
a fingerprint, the connection accepts exactly that certificate (pinned; host names play no
part, the pin is stronger); without one, the system's certificate authorities and the host
name decide, as for any HTTPS site. Plain HTTP is used only for an archive on this computer.

Retries: a request that failed to reach the archive, or that the archive answered with 429
or 5xx, is tried again after an exponential back-off with full jitter, honouring
``Retry-After``. 401, 403, 409 and every other 4xx are answers, not failures: never retried.
Only idempotent requests are retried (every request of the sync protocol is: a push names
its events by id).
"""

from __future__ import annotations

import random
import socket
import ssl
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from tnde.errors import TndeError
from tnde.fingerprints import der_fingerprint, is_loopback, normalize_fingerprint
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ArchiveHttp", "ArchiveRefused", "ArchiveUnreachable", "Backoff", "fetch_certificate"]

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""How long a request may take (a held pull adds its wait)."""


class ArchiveUnreachable(TndeError):  # noqa: N818 - named for what the user sees
    """The archive could not be reached (the desk works on and sends later)."""


class ArchiveRefused(TndeError):  # noqa: N818 - named for what the user sees
    """The archive answered with an error: ``status``, ``code`` and its ``message``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        # status 0: refused before any request (a URL that cannot be used), said plainly
        super().__init__(message if status == 0 else f"{status} {code}: {message}")


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off with full jitter: attempt ``n`` waits a random time up to
    ``min(cap, base · 2ⁿ)``."""

    base: float = 0.5
    cap: float = 60.0
    attempts: int = 5
    sleep: Callable[[float], None] = time.sleep
    rand: Callable[[], float] = random.random

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """How long to wait before attempt ``attempt + 1``."""
        if retry_after is not None:
            return min(self.cap, max(0.0, retry_after))
        return float(self.rand()) * min(self.cap, self.base * 2.0**attempt)


def fetch_certificate(url: str, *, timeout: float = 10.0) -> tuple[bytes, str]:
    """The certificate an HTTPS archive presents (DER) and its fingerprint, unverified: the
    caller compares the fingerprint with the one the admin read out.

    Raises:
        ArchiveUnreachable: nothing answers TLS at that address.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except OSError as exc:
        raise ArchiveUnreachable(
            _("cannot reach the archive at {url}: {reason}", url=url, reason=exc)
        ) from None
    if not der:
        raise ArchiveUnreachable(_("the archive at {url} presented no certificate", url=url))
    return der, der_fingerprint(der)


def pinned_context(certificate_der: bytes) -> ssl.SSLContext:
    """A client TLS context that accepts exactly this certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False  # the pin names the certificate itself
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    context.load_verify_locations(cadata=certificate_der)
    return context


def check_url(url: str) -> str:
    """The archive's base URL without a trailing slash.

    Raises:
        ArchiveRefused: not an http(s) URL, or plain HTTP to another computer.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # an unclosed [ of an IPv6 address, a port that is not a number
        host = None
    if host is None or parts.scheme not in ("https", "http"):
        raise ArchiveRefused(0, "bad_url", _("{url} is not an https:// address", url=url))
    if parts.scheme == "http" and not is_loopback(host):
        raise ArchiveRefused(
            0,
            "plain_http",
            _(
                "an archive on another computer is reached over https:// only; plain http "
                "is for an archive on this computer"
            ),
        )
    return url.strip().rstrip("/")


class ArchiveHttp:
    """Requests to one archive, over one connection pool."""

    def __init__(
        self,
        url: str,
        *,
        pinned_der: bytes | None = None,
        backoff: Backoff | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = check_url(url)
        self.backoff = backoff or Backoff()
        self.access_token = ""
        verify: ssl.SSLContext | bool = pinned_context(pinned_der) if pinned_der else True
        self._client = httpx.Client(
            base_url=self.url, verify=verify, timeout=TIMEOUT, transport=transport
        )

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> ArchiveHttp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        retry: bool = True,
        timeout: float | None = None,
    ) -> httpx.Response:
        """One request, tried again on failures that may pass; the answer of any status
        below 400 (and 404, which callers read as "absent").

        Raises:
            ArchiveUnreachable: every attempt failed to reach the archive (or it kept
                answering 429/5xx).
            ArchiveRefused: the archive answered 4xx (other than 404) or, after the last
                attempt, 5xx.
        """
        sent = dict(headers or {})
        if self.access_token:
            sent["authorization"] = f"Bearer {self.access_token}"
        attempts = self.backoff.attempts if retry else 1
        for attempt in range(attempts):
            try:
                response = self._client.request(
                    method,
                    path,
                    json=json,
                    content=content,
                    headers=sent,
                    params=params,
                    timeout=timeout if timeout is not None else TIMEOUT,
                )
            except httpx.TransportError as exc:
                if attempt + 1 == attempts:
                    raise ArchiveUnreachable(
                        _("cannot reach the archive at {url}: {reason}", url=self.url, reason=exc)
                    ) from None
                self.backoff.sleep(self.backoff.delay(attempt))
                continue
            if response.status_code == 429 or response.status_code >= 500:
                if attempt + 1 == attempts:
                    raise refused(response)
                self.backoff.sleep(self.backoff.delay(attempt, _retry_after(response)))
                continue
            if response.status_code >= 400 and response.status_code != 404:
                raise refused(response)
            return response
        raise AssertionError("unreachable")  # pragma: no cover


def refused(response: httpx.Response) -> ArchiveRefused:
    """The error an archive's answer carries."""
    try:
        body = response.json()
        code, message = str(body["code"]), str(body["message"])
    except (ValueError, KeyError, TypeError):
        code = "http_error"
        message = _("the archive answered HTTP {status}", status=response.status_code)
    return ArchiveRefused(response.status_code, code, message)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else None


def same_fingerprint(given: str, found: str) -> bool:
    """Whether a typed fingerprint names the certificate found."""
    return normalize_fingerprint(given) == normalize_fingerprint(found)


def archive_answers(url: str, *, timeout: float = 1.0) -> bool:
    """Whether an archive answers ``hello`` at ``url`` now (a server just started)."""
    try:
        with ArchiveHttp(url, backoff=Backoff(attempts=1)) as http:
            http.call("GET", "/v1/hello", retry=False, timeout=timeout)
    except (ArchiveUnreachable, ArchiveRefused):
        return False
    return True
