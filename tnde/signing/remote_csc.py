"""Signing at a Cloud Signature Consortium (CSC API v2) service: raw signatures, our CMS.

The service keeps the key; we build the whole CMS ourselves with pyHanko (signed attributes,
our timestamp, the DSS at B-LT) and ask the service only for the signature value of the
signed attributes' hash (``signatures/signHash``). So PAdES stays entirely ours, as with a
local device.

- :func:`open_csc_session` lists the signer's credentials (``credentials/list`` with their
  certificate chain and key status) and picks the first one whose key is enabled; a revoked
  or expired certificate, or none at all, stops the batch with its own message.
- One authorisation (``credentials/authorize``, the passphrase/PIN as ``authData``) covers as
  many signatures as the credential's ``multisign`` allows, so a batch of letters is usually
  authorised once; when the SAD is used up the next letter authorises again with the same
  passphrase, which is held for the batch only.
- Each returned signature is verified against the credential's certificate before pyHanko
  puts it in the CMS: a signature over another hash, or by another key, is refused.

pyHanko ships a CSC signer (``pyhanko.sign.signers.csc_signer``), but it speaks CSC v1 (``hash``,
``hashAlgo``, ``PIN``) over aiohttp. Here the v2 fields go out through the same HTTP client and
error mapping as the BSrE routes (:mod:`tnde.signing.remote_client`), so every remote kind
reports the same errors the same way and never retries a sign request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
from typing import TYPE_CHECKING, Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tnde.errors import SigningError
from tnde.messages import _

if TYPE_CHECKING:
    from tnde.signing.remote_client import RemoteClient
    from tnde.signing.remote_profiles import RemoteProfile

log = logging.getLogger(__name__)

__all__ = [
    "CscCredential",
    "CscSigner",
    "csc_refusal",
    "open_csc_credential",
    "signature_verifies",
]

SHA256_OID = "2.16.840.1.101.3.4.2.1"
RSA_OID = "1.2.840.113549.1.1.1"
ECDSA_SHA256_OID = "1.2.840.10045.4.3.2"


class CscCredential:
    """The signer's credential at the service: its id, certificate chain and ``multisign``."""

    def __init__(self, credential_id: str, chain: list[x509.Certificate], multisign: int) -> None:
        self.credential_id = credential_id
        self.chain = chain
        self.multisign = max(1, multisign)


def open_csc_credential(client: RemoteClient, user_id: str) -> CscCredential:
    """The signer's usable credential (``credentials/list``).

    Raises:
        SigningError: ``NOT_REGISTERED``, ``NO_CERTIFICATE``, ``CERT_REVOKED``, ``CERT_EXPIRED``,
            ``BAD_RESPONSE`` or a transport error.
    """
    profile = client.profile
    body = {
        profile.field_path("user_id"): user_id,
        "credentialInfo": True,
        "certificates": "chain",
        "certInfo": True,
        "authInfo": True,
    }
    answer = client.call("POST", profile.endpoint("credentials_list"), body, signs=False)
    infos = answer.get("credentialInfos")
    if not isinstance(infos, list) or not infos:
        raise SigningError(
            SigningError.NO_CERTIFICATE,
            _("the signing service holds no signing credential for this signer"),
            subject=profile.label,
        )
    statuses = []
    for info in infos:
        if not isinstance(info, dict):
            continue
        cert_status = str((info.get("cert") or {}).get("status", "valid")).lower()
        key_status = str((info.get("key") or {}).get("status", "enabled")).lower()
        statuses.append(cert_status)
        if key_status == "enabled" and cert_status == "valid":
            return CscCredential(
                str(info.get("credentialID", "")),
                _chain(info, profile),
                int(info.get("multisign") or 1),
            )
    if "revoked" in statuses:
        kind, detail = (
            SigningError.CERT_REVOKED,
            _("the signing service says the certificate has been revoked"),
        )
    elif "expired" in statuses:
        kind, detail = (
            SigningError.CERT_EXPIRED,
            _("the signing service says the certificate has expired"),
        )
    else:
        kind, detail = (
            SigningError.NO_CERTIFICATE,
            _("the signing service holds no usable signing credential for this signer"),
        )
    raise SigningError(kind, detail, subject=profile.label)


def _chain(info: dict[str, Any], profile: RemoteProfile) -> list[x509.Certificate]:
    items = (info.get("cert") or {}).get("certificates")
    try:
        chain = [x509.load_der_x509_certificate(base64.b64decode(str(c))) for c in items or ()]
    except (ValueError, binascii.Error):
        chain = []
    if not chain:
        raise SigningError(
            SigningError.BAD_RESPONSE,
            _("the signing service sent no readable certificate chain for this NIK"),
            subject=profile.label,
        )
    return chain


class CscSigner(Signer):
    """pyHanko's signer whose signature values come from ``signatures/signHash``."""

    def __init__(
        self, client: RemoteClient, credential: CscCredential, passphrase: bytearray
    ) -> None:
        self._client = client
        self._credential = credential
        self._passphrase = passphrase
        self._sad: str | None = None
        self._sad_left = 0
        self.authorizations = 0
        """How many times the batch authorised (for tests and the log)."""
        certificate = credential.chain[0]
        self._certificate = certificate
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        registry.register_multiple([_asn1(c) for c in credential.chain[1:]])
        super().__init__(signing_cert=_asn1(certificate), cert_registry=registry)

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run or digest_algorithm.lower() != "sha256":
            raise SigningError(
                SigningError.DEVICE,
                _("the remote signing service signs SHA-256 digests of prepared documents only"),
            )
        digest = hashlib.sha256(data).digest()
        sad = self._authorized()
        profile = self._client.profile
        public_key = self._certificate.public_key()
        body = {
            "credentialID": self._credential.credential_id,
            "SAD": sad,
            "hashes": [base64.b64encode(digest).decode("ascii")],
            "hashAlgorithmOID": SHA256_OID,
            "signAlgo": ECDSA_SHA256_OID if isinstance(public_key, ec.EllipticCurvePublicKey)
            else RSA_OID,
        }  # fmt: skip
        # the SAD is spent by this request, whatever its answer
        self._sad_left -= 1
        answer = self._client.call("POST", profile.endpoint("sign_hash"), body, signs=True)
        values = answer.get("signatures")
        try:
            signature = base64.b64decode(str(values[0]), validate=True) if values else b""
        except (binascii.Error, TypeError, KeyError, IndexError):
            signature = b""
        if not signature_verifies(self._certificate, signature, data):
            raise SigningError(
                SigningError.BAD_RESPONSE,
                _(
                    "the signature from the signing service was not made with the official's "
                    "certificate over this document; it was refused and nothing was stored"
                ),
            )
        return signature

    def _authorized(self) -> str:
        """A SAD with a signature left: one ``credentials/authorize`` per ``multisign``."""
        if self._sad is not None and self._sad_left > 0:
            return self._sad
        profile = self._client.profile
        body = {
            "credentialID": self._credential.credential_id,
            "numSignatures": self._credential.multisign,
            "authData": [{"id": "PIN", "value": bytes(self._passphrase).decode("utf-8")}],
        }
        answer = self._client.call("POST", profile.endpoint("authorize"), body, signs=False)
        body.clear()
        sad = answer.get("SAD")
        if not isinstance(sad, str) or not sad:
            raise SigningError(
                SigningError.BAD_RESPONSE,
                _("the signing service authorised the signature but sent no SAD"),
                subject=profile.label,
            )
        self.authorizations += 1
        log.info("CSC credential authorised for %d signature(s)", self._credential.multisign)
        self._sad, self._sad_left = sad, self._credential.multisign
        return sad


def csc_refusal(profile: RemoteProfile, answer: dict[str, Any] | None) -> SigningError | None:
    """A CSC error answer (``{"error", "error_description"}``) as a user's error, or None."""
    if not answer or "error" not in answer:
        return None
    code = str(answer.get("error", ""))
    said = str(answer.get("error_description", "")) or code
    lowered = f"{code} {said}".lower()
    if "pin" in lowered or "otp" in lowered or "passphrase" in lowered:
        kind, detail = (
            SigningError.WRONG_SECRET,
            _("wrong passphrase, PIN or OTP ({said})", said=said),
        )
    elif "userid" in lowered or "user" in lowered:
        kind = SigningError.NOT_REGISTERED
        detail = _("the signing service does not know this signer ({said})", said=said)
    else:
        kind = SigningError.SERVICE
        detail = _("the signing service refused the request: {said}", said=said)
    return SigningError(kind, detail, subject=profile.label)


def signature_verifies(certificate: x509.Certificate, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` over ``data`` (SHA-256) was made with ``certificate``'s key."""
    key = certificate.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
