"""Whether a certificate may sign documents at all, judged from its own extensions.

A CA's path validation says a certificate is *trusted*, not what it is *for*: a TLS server
certificate or a sub-CA issued under a trusted root chains just as well as an official's
signing certificate, and pyHanko's key-usage check passes any of them that happens to carry
nonRepudiation. So the purpose is checked on its own, before the device is asked to sign:

- a CA certificate (basicConstraints CA:TRUE, or keyUsage keyCertSign/cRLSign) issues
  certificates and never signs documents;
- keyUsage, when present, must allow digitalSignature or nonRepudiation (contentCommitment);
- extendedKeyUsage, when present, must name a document-signing purpose
  (:data:`DOCUMENT_SIGNING_PURPOSES`) or one the admin accepts for that certificate's root
  (``purposes`` in ``pki/trust.toml``, :meth:`tnde.pki.trust.TrustStore.purposes_for`).

A certificate without these extensions is not refused here: RFC 5280 lets an absent
extension mean "any purpose", and the path validation decides the rest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["DOCUMENT_SIGNING_PURPOSES", "is_dotted_oid", "signing_purpose_problems"]

DOCUMENT_SIGNING_PURPOSES: frozenset[str] = frozenset(
    {
        "2.5.29.37.0",  # anyExtendedKeyUsage (RFC 5280 §4.2.1.12)
        "1.3.6.1.5.5.7.3.4",  # id-kp-emailProtection: S/MIME, what most PSrE signing certs carry
        "1.3.6.1.5.5.7.3.36",  # id-kp-documentSigning (RFC 9336)
        "1.2.840.113583.1.1.5",  # Adobe Authentic Documents Trust (PDF signing)
        "1.3.6.1.4.1.311.10.3.12",  # Microsoft szOID_KP_DOCUMENT_SIGNING
    }
)
"""Dotted OIDs of extendedKeyUsage purposes that allow signing documents."""


def _purpose_names() -> dict[str, tuple[str, str]]:
    """Purposes a refused certificate commonly has, named the way an admin knows them.

    A function, not a constant, so the words follow the language active when they are asked.
    """
    return {
        ExtendedKeyUsageOID.SERVER_AUTH.dotted_string: ("serverAuth", _("TLS server certificate")),
        ExtendedKeyUsageOID.CLIENT_AUTH.dotted_string: (
            "clientAuth",
            _("TLS client authentication"),
        ),
        ExtendedKeyUsageOID.CODE_SIGNING.dotted_string: ("codeSigning", _("signing programs")),
        ExtendedKeyUsageOID.TIME_STAMPING.dotted_string: ("timeStamping", _("timestamp service")),
        ExtendedKeyUsageOID.OCSP_SIGNING.dotted_string: ("OCSPSigning", _("OCSP status responder")),
    }


_KEY_USAGE_NAMES = (
    ("digital_signature", "digitalSignature"),
    ("content_commitment", "nonRepudiation"),
    ("key_encipherment", "keyEncipherment"),
    ("data_encipherment", "dataEncipherment"),
    ("key_agreement", "keyAgreement"),
    ("key_cert_sign", "keyCertSign"),
    ("crl_sign", "cRLSign"),
)
_E = TypeVar("_E", bound=x509.ExtensionType)
_DOTTED_OID = re.compile(r"[0-2](\.(0|[1-9][0-9]*))+")


def is_dotted_oid(text: str) -> bool:
    """Whether ``text`` is an OID in dotted form (``1.3.6.1.5.5.7.3.36``), as trust.toml needs."""
    return _DOTTED_OID.fullmatch(text) is not None


def signing_purpose_problems(
    cert: x509.Certificate, extra_purposes: Iterable[str] = ()
) -> list[str]:
    """Why ``cert`` may not sign documents, as sentences in the active language; empty when it may.

    Args:
        cert: the signing certificate.
        extra_purposes: dotted EKU OIDs an admin accepts for the CA that issued ``cert``,
            besides :data:`DOCUMENT_SIGNING_PURPOSES` (an office CA with its own OID).

    Returns:
        One sentence per broken rule. Malformed extensions are a problem here rather than an
        exception, so a damaged certificate is refused with a reason instead of a crash.
    """
    try:
        constraints = _extension(cert, x509.BasicConstraints)
        key_usage = _extension(cert, x509.KeyUsage)
        purposes = _extension(cert, x509.ExtendedKeyUsage)
    except (ValueError, x509.DuplicateExtension, x509.UnsupportedGeneralNameType) as exc:
        return [
            _(
                "the certificate's extensions are damaged, so its purposes cannot be read ({exc})",
                exc=exc,
            )
        ]

    problems = []
    usages = _key_usages(key_usage) if key_usage is not None else set()
    ca_signs = [
        text
        for present, text in (
            (constraints is not None and constraints.ca, "basicConstraints CA:TRUE"),
            ("keyCertSign" in usages, "keyUsage keyCertSign"),
            ("cRLSign" in usages, "keyUsage cRLSign"),
        )
        if present
    ]
    if ca_signs:
        problems.append(
            _(
                "this is a CA certificate ({signs}), only for issuing certificates, "
                "not for signing documents",
                signs=", ".join(ca_signs),
            )
        )
    if key_usage is not None and not usages & {"digitalSignature", "nonRepudiation"}:
        allowed = ", ".join(sorted(usages)) or _("none")
        problems.append(
            _(
                "the certificate's keyUsage allows only {allowed}, without the digitalSignature "
                "or nonRepudiation needed to sign documents",
                allowed=allowed,
            )
        )
    if purposes is not None:
        found = [oid.dotted_string for oid in purposes]
        accepted = DOCUMENT_SIGNING_PURPOSES | set(extra_purposes)
        if not accepted.intersection(found):
            problems.append(
                _(
                    "the certificate is only for {purposes}, not for signing documents",
                    purposes=_purpose_list(found),
                )
                if found
                else _("the certificate's extendedKeyUsage names no purpose at all")
            )
    return problems


def _extension(cert: x509.Certificate, kind: type[_E]) -> _E | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _key_usages(usage: x509.KeyUsage) -> set[str]:
    """The keyUsage bits that are set, by their RFC 5280 names."""
    return {name for attribute, name in _KEY_USAGE_NAMES if getattr(usage, attribute)}


def _purpose_list(oids: list[str]) -> str:
    names = []
    known = _purpose_names()
    for oid in oids:
        short, meaning = known.get(oid, (oid, ""))
        names.append(f"{short} ({meaning})" if meaning else short)
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])
