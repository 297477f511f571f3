"""Where signing keys live: a PKCS#12 file or a PKCS#11 token.

A device is opened with the passphrase or PIN for one operation or one batch and closed
right after; the secret is handed to the library and not kept (the caller wipes its own
copy). An open session gives pyHanko a ``Signer`` plus the certificate and chain, which the
signing service checks against the org chart and the trust store before anything is signed.

The session is also the seam for a remote signing service (BSrE's hash API): pyHanko's
interrupted signing (prepare digest → remote signature → finish) needs only a different
``Signer``; see :class:`SigningSession`.

PKCS#12 keys are parsed once per session. pyHanko's ``SimpleSigner`` re-parses the private
key for every signature (about 0.4 s for RSA-3072 because of cryptography's key check);
:class:`_ParsedKeySigner` keeps the parsed key, which brings a signature down to ~45 ms.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from tnde.datafile import read_input
from tnde.errors import DataFileError, SigningError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from types import TracebackType


log = logging.getLogger(__name__)

__all__ = ["Pkcs11Device", "Pkcs12Device", "SigningDevice", "SigningSession"]


class SigningSession:
    """An open device: the certificate, its chain and a pyHanko signer, until closed."""

    def __init__(
        self,
        signer: Any,
        certificate: x509.Certificate,
        chain: Sequence[x509.Certificate],
        *,
        description: str,
        closer: Any = None,
        cms_room: int = 0,
        whole_pdf: Any = None,
    ) -> None:
        self.signer = signer
        """The pyHanko ``Signer`` that produces signature values."""
        self.certificate = certificate
        """The signing certificate."""
        self.chain = tuple(chain)
        """Other certificates the device holds (issuing CA, root), as found there."""
        self.description = description
        """What the device is, for messages: a file name or a token label."""
        self.whole_pdf = whole_pdf
        """``(pdf, request, services) → signed pdf`` for a service that signs whole documents
        (and checks what comes back); None: pyHanko signs with :attr:`signer`."""
        self.cms_room = cms_room
        """Bytes the device's CMS may need at least (a remote service's CMS carries its own
        attributes and chain); 0: estimated from the certificates."""
        self._closer = closer

    def chain_with_leaf(self) -> tuple[x509.Certificate, ...]:
        """The signing certificate followed by the rest of the chain."""
        return (self.certificate, *self.chain)

    def close(self) -> None:
        """Release the key (log out of the token)."""

        closer, self._closer = self._closer, None
        if closer is not None:
            closer()

    def __enter__(self) -> SigningSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SigningDevice(Protocol):
    """Something holding a signing key that a passphrase or PIN unlocks."""

    @property
    def description(self) -> str:
        """What it is, for messages."""
        ...

    def open(self, secret: bytes | bytearray) -> SigningSession:
        """Unlock the key for one operation or batch.

        Raises:
            SigningError: ``WRONG_SECRET``, ``TOKEN_LOCKED``, ``TOKEN_ABSENT`` or ``DEVICE``.
        """
        ...


@dataclass(frozen=True)
class Pkcs12Device:
    """A ``.p12``/``.pfx`` file holding the key, the certificate and usually its chain."""

    path: Path

    @property
    def description(self) -> str:
        return self.path.name

    def open(self, secret: bytes | bytearray) -> SigningSession:
        try:
            data = read_input(self.path)
        except DataFileError as exc:
            raise SigningError(
                SigningError.DEVICE,
                _("the certificate file cannot be read: {error}", error=exc.problem),
                subject=str(self.path),
            ) from None
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, bytes(secret))
        except ValueError:
            # cryptography says "Invalid password or PKCS12 data" for both; a file that
            # is not PKCS#12 at all fails earlier, below, when its structure is checked.
            if not _looks_like_pkcs12(data):
                raise SigningError(
                    SigningError.DEVICE,
                    _("this file is not a PKCS#12 certificate file (.p12/.pfx)"),
                    subject=str(self.path),
                ) from None
            raise SigningError(
                SigningError.WRONG_SECRET,
                _("wrong passphrase for this certificate file"),
                subject=str(self.path),
            ) from None
        if key is None or cert is None:
            raise SigningError(
                SigningError.DEVICE,
                _("the certificate file does not hold a private key and its certificate"),
                subject=str(self.path),
            )
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise SigningError(
                SigningError.DEVICE,
                _(
                    "key type {key_type} is not supported (only RSA and EC)",
                    key_type=type(key).__name__,
                ),
                subject=str(self.path),
            )
        signer = _ParsedKeySigner(key, cert, extra)
        return SigningSession(signer, cert, extra, description=self.description)


def _looks_like_pkcs12(data: bytes) -> bool:
    """Whether ``data`` is DER PFX: a SEQUENCE whose first element is INTEGER 3."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        return pfx["version"].native in (3, "v3") and pfx["auth_safe"]["content_type"] is not None
    except (ValueError, TypeError, KeyError):
        return False


class _ParsedKeySigner(Signer):
    """A pyHanko signer over an already parsed ``cryptography`` RSA or EC private key."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        cert: x509.Certificate,
        extra: Sequence[x509.Certificate],
    ) -> None:
        self._key = key
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        registry.register_multiple([_asn1(c) for c in extra])
        super().__init__(signing_cert=_asn1(cert), cert_registry=registry)

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return self._key.sign(data, ec.ECDSA(algorithm))


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


@dataclass(frozen=True)
class Pkcs11Device:
    """A hardware token or HSM behind a PKCS#11 module (a ``.so``/``.dll``).

    Args:
        module: the vendor's PKCS#11 library.
        token_label: the token's label as the module reports it.
        key_label: the key (and certificate) label; None when the token holds one key.
    """

    module: Path
    token_label: str
    key_label: str | None = None

    @property
    def description(self) -> str:
        return f"token {self.token_label}"

    def open(self, secret: bytes | bytearray) -> SigningSession:
        import pkcs11
        from pkcs11 import exceptions as p11
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.general import SigningError as PyhankoSigningError
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        subject = self.description
        if not self.module.is_file():
            raise SigningError(
                SigningError.TOKEN_ABSENT,
                _("the PKCS#11 module does not exist: {module}", module=self.module),
                subject=subject,
            )
        try:
            session = open_pkcs11_session(
                str(self.module),
                token_criteria=TokenCriteria(label=self.token_label),
                user_pin=bytes(secret).decode("utf-8"),
            )
        except p11.PinIncorrect:
            raise SigningError(SigningError.WRONG_SECRET, _("wrong PIN"), subject=subject) from None
        except p11.PinLocked:
            raise SigningError(
                SigningError.TOKEN_LOCKED,
                _("the token is locked after repeated wrong PINs; ask the admin to unlock it"),
                subject=subject,
            ) from None
        except (p11.PKCS11Error, PyhankoSigningError, RuntimeError, OSError) as exc:
            raise SigningError(
                SigningError.TOKEN_ABSENT,
                _("token not found, or the module failed to load: {exc}", exc=exc),
                subject=subject,
            ) from None
        try:
            label = self.key_label or _only_key_label(session, pkcs11)
            signer = PKCS11Signer(
                session, key_label=label, cert_label=label, other_certs_to_pull=None
            )
            cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
            chain = [
                x509.load_der_x509_certificate(c.dump())
                for c in signer.cert_registry
                if c.dump() != signer.signing_cert.dump()
            ]
        except SigningError:
            session.close()
            raise
        except (p11.PKCS11Error, PyhankoSigningError) as exc:
            session.close()
            raise SigningError(
                SigningError.DEVICE,
                _("the key or certificate cannot be read: {exc}", exc=exc),
                subject=subject,
            ) from None
        return SigningSession(signer, cert, chain, description=subject, closer=session.close)


def _only_key_label(session: Any, pkcs11: Any) -> str:
    keys = list(session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY}))
    labels = sorted(str(k.label) for k in keys)
    if len(labels) != 1:
        raise SigningError(
            SigningError.DEVICE,
            _(
                "the token holds {count} keys ({labels}); choose the key's label",
                count=len(labels),
                labels=", ".join(labels),
            )
            if labels
            else _("the token holds no private key"),
        )
    return labels[0]
