"""TLS for the archive: a self-signed certificate made at ``init``, and its fingerprint.

An office rarely has a certificate from a public CA for an internal server, and trusting the
operating system's CAs would let any of them vouch for the archive. So ``init`` makes a
self-signed certificate for the machine's names and prints its SHA-256 fingerprint; the
admin reads it out to each desk, which pins exactly that certificate when it links. A
certificate from the office's own CA can be given to ``serve`` instead (``--cert``/``--key``),
and desks then pin that one's fingerprint.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tnde.archive.errors import ArchiveError
from tnde.fingerprints import format_fingerprint, is_loopback, normalize_fingerprint
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

__all__ = [
    "VALIDITY_DAYS",
    "certificate_fingerprint",
    "check_certificate",
    "default_names",
    "format_fingerprint",
    "is_loopback",
    "make_self_signed",
    "normalize_fingerprint",
]

VALIDITY_DAYS = 3650
"""How long a self-signed archive certificate is valid (a new one means a new fingerprint to
read out to every desk, so it should be rare)."""


def default_names() -> list[str]:
    """The names a desk may reach this machine by: its host name, ``localhost`` and the
    loopback addresses."""
    names = [socket.gethostname(), "localhost", "127.0.0.1", "::1"]
    return list(dict.fromkeys(n for n in names if n))


def make_self_signed(
    names: Iterable[str], *, now: dt.datetime | None = None
) -> tuple[bytes, bytes]:
    """A new key pair and a self-signed server certificate for ``names`` (host names or IP
    addresses; the first names the certificate).

    Returns:
        The certificate and the unencrypted private key, both PEM.

    Raises:
        ArchiveError: ``tls_invalid`` when a name is neither a host name nor an address.
    """
    wanted = list(dict.fromkeys(names))
    alternative: list[x509.GeneralName] = [_general_name(n) for n in wanted]
    now = now or dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"TNDE arsip {wanted[0]}"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TNDE"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternative), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        pass
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_name = ""
    if not ascii_name or any(not (c.isalnum() or c in "-.") for c in ascii_name):
        raise ArchiveError(
            ArchiveError.TLS_INVALID,
            _("{name!r} is neither a host name nor an IP address", name=name),
        )
    return x509.DNSName(ascii_name)


def certificate_fingerprint(certificate_pem: bytes) -> str:
    """The SHA-256 fingerprint of a PEM certificate, as :func:`format_fingerprint` writes it.

    Raises:
        ValueError: the bytes are not a PEM certificate.
    """
    certificate = x509.load_pem_x509_certificate(certificate_pem)
    return format_fingerprint(certificate.fingerprint(hashes.SHA256()).hex())


def check_certificate(certificate: Path, key: Path) -> str:
    """Check that ``certificate`` and ``key`` are a usable pair; returns the fingerprint.

    Raises:
        ArchiveError: ``tls_missing`` when a file is not there, ``tls_invalid`` when the files
            are not PEM or the key does not belong to the certificate.
    """
    for path in (certificate, key):
        if not path.is_file():
            raise ArchiveError(
                ArchiveError.TLS_MISSING,
                _("{path}: no such file (the server's TLS certificate or key)", path=path),
            )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(certificate, key)
        return certificate_fingerprint(certificate.read_bytes())
    except (ssl.SSLError, ValueError, OSError) as exc:
        raise ArchiveError(
            ArchiveError.TLS_INVALID,
            _(
                "{certificate} and {key} are not a usable certificate and key ({reason})",
                certificate=certificate,
                key=key,
                reason=getattr(exc, "reason", None) or exc,
            ),
        ) from None
