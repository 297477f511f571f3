"""Small certificate helpers for the verification: conversions, names, times.

Who a certificate names is read by ``tnde.pki.identity.identity_of`` (the BSrE-style subject
of BSrE certificates); pyHanko hands out asn1crypto certificates, so they are converted first.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from tnde.pki.identity import identity_of

if TYPE_CHECKING:
    from tnde.pki.identity import CertIdentity

__all__ = ["describe", "identity", "to_cryptography", "utc"]


def to_cryptography(cert: Any) -> x509.Certificate:
    """An asn1crypto certificate (what pyHanko hands out) as a ``cryptography`` one."""
    if isinstance(cert, x509.Certificate):
        return cert
    return x509.load_der_x509_certificate(cert.dump())


def identity(cert: Any) -> CertIdentity:
    """The identity in a signer certificate (asn1crypto or ``cryptography``)."""

    return identity_of(to_cryptography(cert))


def describe(cert: x509.Certificate) -> str:
    """``CN, O`` of a certificate's subject, for chains and TSA names."""
    cn = _attr(cert.subject, NameOID.COMMON_NAME)
    org = _attr(cert.subject, NameOID.ORGANIZATION_NAME)
    return ", ".join(part for part in (cn, org) if part) or cert.subject.rfc4514_string()


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC datetime (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")
