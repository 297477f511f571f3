"""A signing device whose key stays at a remote service: BSrE's hash signing, or a CSC API v2
service (:mod:`tnde.signing.remote_csc`).

Most officials hold no token: BSrE (BSSN) keeps their key, and they sign by sending their
NIK and passphrase with the document's digest. :class:`RemoteDevice` fits that behind the
same seam as a PKCS#12 file or a PKCS#11 token:

- :meth:`RemoteDevice.open` asks the service for the signer's status and certificate chain
  (nothing secret is sent yet); the batch then checks that the certificate is the official's
  and chains to a trusted root, exactly as for a local device, before any letter is signed.
- We prepare each letter as always (number, QR, footer, fields, PDF/A), and pyHanko computes
  the digest of the signed byte ranges. :class:`RemoteCmsSigner` sends that digest with the
  NIK and passphrase; the service answers with a whole CMS (its own signed attributes).
- The CMS is checked before it goes anywhere: it signs *this* digest, with *this*
  certificate's key, over well-formed attributes. Anything else is refused and nothing is
  stored. When it has no signature timestamp we add ours, and B-LT adds the DSS as for any
  signature (:mod:`tnde.signing.pades`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tnde.errors import SecretStoreUnavailable, SigningError
from tnde.messages import _
from tnde.secrets import SERVICE, KeyringSecretStore, SecretStore
from tnde.signing.devices import SigningSession
from tnde.signing.remote_client import RemoteClient, UserStatus
from tnde.signing.remote_csc import (
    CscSigner,
    csc_refusal,
    open_csc_credential,
    signature_verifies,
)
from tnde.signing.remote_esc import WholePdfSigning
from tnde.signing.remote_profiles import RemoteProfile, credential_account

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

__all__ = ["REMOTE_CMS_ROOM", "RemoteCmsSigner", "RemoteDevice", "check_remote_cms"]

REMOTE_CMS_ROOM = 32 * 1024
"""Bytes reserved for a service's CMS: BSrE's carries its chain and attributes, and ours may
add a timestamp token to it."""


@dataclass(frozen=True)
class RemoteDevice:
    """A signer's key at a remote signing service, addressed by their NIK.

    Args:
        profile: the service (``remote-signing.toml``).
        nik: the signer's 16-digit NIK, as the service knows them.
        workspace: the workspace folder (a ``chain`` PEM file is read relative to it).
        secrets: where the service's client secret is kept (the OS keyring by default).
    """

    profile: RemoteProfile
    nik: str
    workspace: Path
    secrets: SecretStore | None = None
    transport: httpx.BaseTransport | None = None
    """Tests only: an httpx transport instead of the network."""

    @property
    def description(self) -> str:
        return self.profile.label

    def open(self, secret: bytes | bytearray) -> SigningSession:
        """Check the signer at the service and fetch their certificate chain.

        The passphrase is not sent here; it is kept (a copy, wiped when the session closes)
        for the sign requests of the batch.

        Raises:
            SigningError: ``NOT_REGISTERED``, ``NO_CERTIFICATE``, ``CERT_REVOKED``,
                ``CERT_EXPIRED``, ``SERVICE_AUTH``, ``SERVICE`` or ``BAD_RESPONSE``.
        """
        nik = "".join(self.nik.split())
        if len(nik) != 16 or not nik.isdigit():
            raise SigningError(
                SigningError.DEVICE,
                _("a NIK has 16 digits; set the signer's NIK for the remote signing service"),
                subject=self.profile.label,
            )
        if not secret:
            raise SigningError(
                SigningError.WRONG_SECRET, _("the passphrase is empty"), subject=self.description
            )
        client = self._client()
        passphrase = bytearray(secret)

        def close() -> None:
            passphrase[:] = bytes(len(passphrase))
            client.close()

        try:
            whole = None
            if self.profile.kind == "csc":
                # raw signatures: the CMS is ours, sized like a local device's
                credential = open_csc_credential(client, nik)
                chain, room = credential.chain, 0
                signer: Signer | None = CscSigner(client, credential, passphrase)
            elif self.profile.kind == "bsre-esc":
                # the service signs whole PDFs: what comes back is checked (remote_esc)
                _check_status(client, nik)
                chain, room, signer = self._chain(client, nik), 0, None
                whole = WholePdfSigning(client, nik, passphrase)
            else:
                _check_status(client, nik)
                chain, room = self._chain(client, nik), REMOTE_CMS_ROOM
                signer = RemoteCmsSigner(client, nik, passphrase, chain[0], chain[1:])
        except BaseException:
            close()
            raise
        session = SigningSession(
            signer,
            chain[0],
            chain[1:],
            description=self.description,
            closer=close,
            cms_room=room,
            whole_pdf=whole,
        )
        if whole is not None:
            whole.session = session
        return session

    def _client(self) -> RemoteClient:
        refusal = csc_refusal if self.profile.kind == "csc" else None
        return RemoteClient(
            self.profile, self._client_secret(), transport=self.transport, refusal=refusal
        )

    def check(self) -> str:
        """Ask the service about the signer (no passphrase is sent); what it says.

        Raises:
            SigningError: the service is unreachable, refuses the client credentials, or says
                the signer may not sign (not registered, no certificate, revoked, expired).
        """
        client = self._client()
        nik = "".join(self.nik.split())
        try:
            if self.profile.kind == "csc":
                credential = open_csc_credential(client, nik)
                return f"credential {credential.credential_id}: valid"
            status = client.user_status(nik)
            _refuse_unless_active(status, self.profile.label)
            return f"{status.status} {status.message}".strip()
        finally:
            client.close()

    def _client_secret(self) -> str | None:
        if self.profile.auth == "none":
            return None
        store = self.secrets or KeyringSecretStore()
        try:
            found = store.get(SERVICE, credential_account(self.profile))
        except SecretStoreUnavailable as exc:
            raise SigningError(SigningError.SERVICE_AUTH, exc.detail) from None
        if not found:
            raise SigningError(
                SigningError.SERVICE_AUTH,
                _(
                    "no client secret for the signing service {label} is stored on this "
                    "computer; the administrator sets it with 'tnde sign-credential'",
                    label=self.profile.label,
                ),
            )
        return found

    def _chain(self, client: RemoteClient, nik: str) -> list[x509.Certificate]:
        source = self.profile.chain
        if source == "service":
            return client.certificate_chain(nik)
        path = Path(source) if Path(source).is_absolute() else self.workspace / source
        try:
            certs = x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise SigningError(
                SigningError.DEVICE,
                _("the certificate chain file cannot be read: {error}", error=exc),
                subject=str(path),
            ) from None
        return certs


def _check_status(client: RemoteClient, nik: str) -> None:
    _refuse_unless_active(client.user_status(nik), client.profile.label)


def _refuse_unless_active(status: UserStatus, label: str) -> None:
    if status.may_sign:
        return
    word = status.status.upper()
    if "REVOK" in word:
        kind, detail = SigningError.CERT_REVOKED, _("BSrE says the certificate has been revoked")
    elif "EXPIRE" in word:
        kind, detail = SigningError.CERT_EXPIRED, _("BSrE says the certificate has expired")
    elif "NOT_REGISTERED" in word or status.code == "2011":
        kind = SigningError.NOT_REGISTERED
        detail = _(
            "this NIK is not registered as a signer with BSrE (code 2011); register at BSrE first"
        )
    elif "NO_CERTIFICATE" in word or status.code == "2021":
        kind = SigningError.NO_CERTIFICATE
        detail = _(
            "this NIK has no electronic certificate at BSrE (code 2021); apply for one first"
        )
    else:
        kind = SigningError.SERVICE
        detail = _(
            "the signing service says this signer may not sign now: {status} {message}",
            status=status.status or "?",
            message=status.message,
        )
    raise SigningError(kind, detail, subject=label)


class RemoteCmsSigner(Signer):
    """pyHanko's signer whose CMS comes whole from the remote service (hash in, CMS out)."""

    def __init__(
        self,
        client: RemoteClient,
        nik: str,
        passphrase: bytearray,
        certificate: x509.Certificate,
        chain: list[x509.Certificate],
    ) -> None:
        self._client = client
        self._nik = nik
        self._passphrase = passphrase
        self._certificate = certificate
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        registry.register_multiple([_asn1(c) for c in chain])
        super().__init__(signing_cert=_asn1(certificate), cert_registry=registry)

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        raise NotImplementedError("the remote service makes the whole CMS")

    async def async_sign(
        self,
        data_digest: bytes,
        digest_algorithm: str,
        dry_run: bool = False,
        use_pades: bool = False,
        timestamper: Any = None,
        signed_attr_settings: Any = None,
        is_pdf_sig: bool = True,
        encap_content_info: Any = None,
    ) -> cms.ContentInfo:
        if dry_run or digest_algorithm.lower() != "sha256":
            # sign_pdf always reserves the room, so no trial signature is ever asked for
            raise SigningError(
                SigningError.DEVICE,
                _("the remote signing service signs SHA-256 digests of prepared documents only"),
            )
        der = self._client.sign_hash(self._nik, self._passphrase, data_digest)
        content = check_remote_cms(der, data_digest, self._certificate)
        signer_info = content["content"]["signer_infos"][0]
        unsigned = signer_info["unsigned_attrs"]
        has_token = unsigned.native is not None and any(
            a["type"].native == "signature_time_stamp_token" for a in unsigned
        )
        if timestamper is None or has_token:
            return content
        attrs = await self.unsigned_attrs(
            "sha256",
            signer_info["signature"].native,
            signed_attrs=signer_info["signed_attrs"],
            timestamper=timestamper,
        )
        return _with_unsigned(content, attrs)


def check_remote_cms(der: bytes, digest: bytes, certificate: x509.Certificate) -> cms.ContentInfo:
    """The service's CMS, if it is a detached SignedData over ``digest`` made with the key of
    ``certificate``.

    Raises:
        SigningError: ``BAD_RESPONSE`` naming what is wrong; nothing has been stored then.
    """
    try:
        content = cms.ContentInfo.load(der)
        if content["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = content["content"]
        (signer_info,) = list(signed["signer_infos"])
        attrs = signer_info["signed_attrs"]
        values = {a["type"].native: a["values"] for a in attrs}
        message_digest = values["message_digest"][0].native
        content_type = values["content_type"][0].native
        digest_name = signer_info["digest_algorithm"]["algorithm"].native
        signature = signer_info["signature"].native
        sid = signer_info["sid"]
        signed_bytes = attrs.untag().dump()
        content.native  # noqa: B018  (parses every part now, so damage shows here)
    except (ValueError, KeyError, TypeError) as exc:
        log.info("remote CMS unreadable: %s", type(exc).__name__)
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _("the signing service's answer is not a readable CMS signature; nothing was stored"),
        ) from None
    if message_digest != digest or digest_name != "sha256" or content_type != "data":
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _(
                "the signing service signed another document digest than the one sent; "
                "the signature was refused and nothing was stored"
            ),
        )
    expected = _asn1(certificate)
    if sid.name == "issuer_and_serial_number":
        names_cert = (
            sid.chosen["issuer"] == expected.issuer
            and sid.chosen["serial_number"].native == expected.serial_number
        )
    else:
        names_cert = sid.chosen.native == expected.key_identifier
    if not names_cert or not signature_verifies(certificate, signature, signed_bytes):
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _(
                "the signature from the signing service was not made with the official's "
                "certificate; it was refused and nothing was stored"
            ),
        )
    return content


def _with_unsigned(content: cms.ContentInfo, attrs: cms.CMSAttributes | None) -> cms.ContentInfo:
    """``content`` with ``attrs`` as its signer's unsigned attributes (the signed part as is).

    Assembled from the parts' own DER: rebuilding it through asn1crypto's constructors copies
    every certificate and costs ~0.1 s a letter.
    """
    if not attrs:
        return content
    signed = content["content"]
    old = signed["signer_infos"][0]
    parts = [old[name].dump() for name in _SIGNER_INFO_FIELDS]
    info = _der(0x30, b"".join([*parts, _der(0xA1, attrs.contents)]))
    fields = [signed["version"].dump(), signed["digest_algorithms"].dump()]
    fields.append(signed["encap_content_info"].dump())
    for optional in ("certificates", "crls"):
        if signed[optional].native is not None:
            fields.append(signed[optional].dump())
    fields.append(_der(0x31, info))
    body = _der(0x30, b"".join(fields))
    oid = content["content_type"].dump()
    return cms.ContentInfo.load(_der(0x30, oid + _der(0xA0, body)))


_SIGNER_INFO_FIELDS = (
    "version",
    "sid",
    "digest_algorithm",
    "signed_attrs",
    "signature_algorithm",
    "signature",
)


def _der(tag: int, content: bytes) -> bytes:
    """One DER element: ``tag``, the definite length, ``content``."""
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
