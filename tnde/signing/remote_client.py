"""HTTP to a remote signing service (BSrE and the gateways in front of it), with errors a user
understands.

Only the sign request changes anything at the service. It is sent once and never retried:
when the connection fails or times out after the request left, nobody knows whether the
service signed, so the answer is ``SigningError.UNKNOWN_OUTCOME`` and a person decides. Every
other request (status, certificate chain, token) only reads and fails plainly.

The client secret (HTTP Basic password or OAuth2 client secret) comes from the keyring; the
user's passphrase is passed to :meth:`RemoteClient.sign_hash` for each request and never kept
here. Neither is logged: the log names the endpoint and the HTTP status only.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import TYPE_CHECKING, Any

import httpx
from cryptography import x509

from tnde.errors import SigningError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from tnde.signing.remote_profiles import RemoteProfile

log = logging.getLogger(__name__)

__all__ = ["RemoteClient", "UserStatus", "field_value", "put_field"]

_ACTIVE = ("ISSUE", "ISSUED", "ACTIVE", "VALID")


class UserStatus:
    """What the service says of a signer: ``status`` (``ISSUE`` when they may sign) and why."""

    def __init__(self, status: str, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message

    @property
    def may_sign(self) -> bool:
        return self.status.upper() in _ACTIVE


class RemoteClient:
    """One HTTP session with a remote signing service, for one batch.

    Args:
        profile: where the service is and how it spells things.
        client_secret: the Basic password or OAuth2 client secret (None with ``auth="none"``).
    """

    def __init__(
        self,
        profile: RemoteProfile,
        client_secret: str | None,
        *,
        transport: httpx.BaseTransport | None = None,
        refusal: Callable[[RemoteProfile, dict[str, Any] | None], SigningError | None]
        | None = None,
    ) -> None:
        self.profile = profile
        self.refusal = refusal
        """How the service's refusals read (BSrE's codes by default)."""
        self._secret = client_secret
        self._token: str | None = None
        self._http = httpx.Client(
            timeout=httpx.Timeout(profile.timeout, connect=min(10.0, profile.timeout)),
            transport=transport,
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        self._secret = None
        self._token = None
        self._http.close()

    # -- reading ---------------------------------------------------------------------------

    def user_status(self, nik: str) -> UserStatus:
        """The signer's status (``user/check/status``)."""
        profile = self.profile
        body = _put({}, profile.field_path("nik"), nik)
        answer = self._json("POST", profile.endpoint("status"), body, signs=False)
        return UserStatus(
            str(_get(answer, profile.field_path("status")) or ""),
            str(_get(answer, profile.field_path("status_code")) or ""),
            str(answer.get("message") or ""),
        )

    def certificate_chain(self, nik: str) -> list[x509.Certificate]:
        """The signer's certificate, then the CAs above it, as the service has them."""
        url = self.profile.endpoint("chain", nik=nik)
        answer = self._json("GET", url, None, signs=False)
        items = _get(answer, self.profile.field_path("chain"))
        certs = []
        try:
            for item in items if isinstance(items, list) else []:
                certs.append(x509.load_der_x509_certificate(base64.b64decode(str(item))))
        except (ValueError, binascii.Error):
            certs = []
        if not certs:
            raise SigningError(
                SigningError.BAD_RESPONSE,
                _("the signing service sent no readable certificate chain for this NIK"),
                subject=self.profile.url,
            )
        return certs

    # -- signing ---------------------------------------------------------------------------

    def sign_hash(self, nik: str, passphrase: bytes | bytearray, digest: bytes) -> bytes:
        """Ask the service to sign the document ``digest`` (SHA-256); the CMS it returns (DER).

        Raises:
            SigningError: a refusal (wrong passphrase, not registered, …) when the service
                answered one; ``UNKNOWN_OUTCOME`` when the request left and no answer came.
        """
        profile = self.profile
        body: dict[str, Any] = {}
        _put(body, profile.field_path("nik"), nik)
        _put(body, profile.field_path("passphrase"), bytes(passphrase).decode("utf-8"))
        _put(body, profile.field_path("digest"), base64.b64encode(digest).decode("ascii"))
        answer = self._json("POST", profile.endpoint("sign_hash"), body, signs=True)
        body.clear()
        value = _get(answer, profile.field_path("cms"))
        try:
            return base64.b64decode(str(value), validate=True) if value else b""
        except binascii.Error:
            return b""

    # -- HTTP ------------------------------------------------------------------------------

    def call(
        self, method: str, url: str, body: Mapping[str, Any] | None, *, signs: bool
    ) -> dict[str, Any]:
        """One JSON request; its JSON answer.

        Args:
            signs: whether this request makes a signature at the service: when it left and
                no answer came, the outcome is unknown (``UNKNOWN_OUTCOME``), not a plain
                failure.
        """
        return self._json(method, url, body, signs=signs)

    def _json(
        self, method: str, url: str, body: Mapping[str, Any] | None, *, signs: bool
    ) -> dict[str, Any]:
        headers = self._auth_headers()
        try:
            response = self._http.request(method, url, json=body, headers=headers)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # the request never left: safe to say so and change nothing
            log.info("remote signing service unreachable: %s %s", method, url)
            raise SigningError(
                SigningError.SERVICE,
                _(
                    "the signing service cannot be reached at {url}; check the network or "
                    "ask the administrator whether it runs ({error})",
                    url=self.profile.url,
                    error=type(exc).__name__,
                ),
                subject=self.profile.url,
            ) from None
        except httpx.TimeoutException:
            log.warning("remote signing service timed out: %s %s", method, url)
            raise _lost(self.profile, signs, timeout=True) from None
        except httpx.TransportError:
            log.warning("remote signing service dropped the connection: %s %s", method, url)
            raise _lost(self.profile, signs, timeout=False) from None
        log.debug("remote signing service: %s %s -> %d", method, url, response.status_code)
        answer = _parse(response)
        if response.status_code in (401, 403):
            raise SigningError(
                SigningError.SERVICE_AUTH,
                _(
                    "the signing service refused this office's client credentials (HTTP "
                    "{status}); ask the administrator to check them",
                    status=response.status_code,
                ),
                subject=self.profile.url,
            )
        refusal = (self.refusal or _refusal)(self.profile, answer)
        if refusal is not None:
            raise refusal
        if response.status_code >= 500:
            # A Java stack trace in the body means nothing to the user; BSrE's own words do.
            said = _get(answer, self.profile.field_path("error")) if answer else None
            raise SigningError(
                SigningError.SERVICE,
                _(
                    "the signing service failed (HTTP {status}: {reason}); nothing was signed, "
                    "try again later or tell the administrator",
                    status=response.status_code,
                    reason=str(said or response.reason_phrase),
                ),
                subject=self.profile.url,
            )
        if response.status_code >= 400 or answer is None:
            raise SigningError(
                SigningError.BAD_RESPONSE,
                _(
                    "the signing service answered HTTP {status} without anything usable: {reason}",
                    status=response.status_code,
                    reason=_first_line(response.text) or response.reason_phrase,
                ),
                subject=self.profile.url,
            )
        return answer

    def _auth_headers(self) -> dict[str, str]:
        profile = self.profile
        if profile.auth == "basic":
            pair = f"{profile.client_id}:{self._secret or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        if profile.auth == "oauth2":
            if self._token is None:
                self._token = self._fetch_token()
            return {"Authorization": f"Bearer {self._token}"}
        return {}

    def _fetch_token(self) -> str:
        """OAuth2 client credentials, once per batch."""
        profile = self.profile
        try:
            response = self._http.post(
                profile.token_url,
                data={"grant_type": "client_credentials"},
                auth=(profile.client_id, self._secret or ""),
            )
        except httpx.HTTPError as exc:
            raise SigningError(
                SigningError.SERVICE,
                _(
                    "the signing service's token endpoint cannot be reached ({error})",
                    error=type(exc).__name__,
                ),
                subject=profile.token_url,
            ) from None
        answer = _parse(response)
        token = (answer or {}).get("access_token")
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise SigningError(
                SigningError.SERVICE_AUTH,
                _(
                    "the signing service refused this office's client credentials (HTTP "
                    "{status}); ask the administrator to check them",
                    status=response.status_code,
                ),
                subject=profile.token_url,
            )
        return token


def _lost(profile: RemoteProfile, signs: bool, *, timeout: bool) -> SigningError:
    """The request left and no answer came back."""
    seconds = profile.timeout
    if not signs:
        detail = (
            _("the signing service did not answer within {seconds:g} seconds", seconds=seconds)
            if timeout
            else _("the signing service closed the connection without answering")
        )
        return SigningError(SigningError.SERVICE, detail, subject=profile.url)
    detail = (
        _(
            "the signing service received the request but did not answer within {seconds:g} "
            "seconds; whether it signed is unknown: check before signing again",
            seconds=seconds,
        )
        if timeout
        else _(
            "the signing service received the request and closed the connection without "
            "answering; whether it signed is unknown: check before signing again"
        )
    )
    return SigningError(SigningError.UNKNOWN_OUTCOME, detail, subject=profile.url)


def _refusal(profile: RemoteProfile, answer: dict[str, Any] | None) -> SigningError | None:
    """The error for a BSrE refusal code in ``answer`` (2011, 2021, 2031), or None."""
    if answer is None:
        return None
    code = str(_get(answer, profile.field_path("status_code")) or "")
    if code == "2011":
        return SigningError(
            SigningError.NOT_REGISTERED,
            _(
                "this NIK is not registered as a signer with BSrE (code 2011); register at "
                "BSrE first"
            ),
            subject=profile.url,
        )
    if code == "2021":
        return SigningError(
            SigningError.NO_CERTIFICATE,
            _("this NIK has no electronic certificate at BSrE (code 2021); apply for one first"),
            subject=profile.url,
        )
    if code == "2031":
        return SigningError(
            SigningError.WRONG_SECRET, _("wrong passphrase (BSrE code 2031)"), subject=profile.url
        )
    return None


def _parse(response: httpx.Response) -> dict[str, Any] | None:
    try:
        value = response.json()
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:160]


def _get(data: Any, path: str) -> Any:
    """The value at a dotted ``path`` (``data.cmsSignedDataHashMap.0``), or None."""
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _put(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set ``value`` at a dotted ``path``, making the tables on the way."""
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return data


field_value = _get
"""The value at a dotted path of a JSON answer, or None."""
put_field = _put
"""Set a value at a dotted path of a JSON request."""
