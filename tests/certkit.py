"""Small certificates for tests that need one with particular extensions (EC keys: fast)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Pair", "eku", "key_usage", "make_cert"]

Pair = tuple[x509.Certificate, ec.EllipticCurvePrivateKey]

_KEY_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)


def key_usage(*names: str) -> x509.KeyUsage:
    """A keyUsage with exactly ``names`` (cryptography's attribute names) set."""
    return x509.KeyUsage(**{name: name in names for name in _KEY_USAGES})


def eku(*oids: str | x509.ObjectIdentifier) -> x509.ExtendedKeyUsage:
    """An extendedKeyUsage of these OIDs (dotted text or cryptography's constants)."""
    return x509.ExtendedKeyUsage(
        [o if isinstance(o, x509.ObjectIdentifier) else x509.ObjectIdentifier(o) for o in oids]
    )


def make_cert(
    subject: x509.Name,
    issuer: Pair | None = None,
    *,
    ca: bool | None = True,
    extensions: Sequence[x509.ExtensionType | x509.UnrecognizedExtension] = (),
) -> Pair:
    """A certificate, self-signed when ``issuer`` is ``None``.

    ``ca`` sets basicConstraints (critical); ``None`` leaves the extension out. The other
    ``extensions`` are added as non-critical.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer[0].subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
    )
    if ca is not None:
        builder = builder.add_extension(x509.BasicConstraints(ca=ca, path_length=None), True)
    for extension in extensions:
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256()), key
