"""Who a signing certificate names, read the way Indonesian (BSrE-style) certificates write it.

A BSrE signer certificate carries the person in its subject::

    C=ID, O=<instansi>, OU=<unit>, title=<jabatan>, serialNumber=<NIK>, UID=<NIP>, CN=<nama>

:func:`identity_of` turns that into a :class:`CertIdentity`, so the signing and verification
code compares values rather than distinguished names. The NIK itself never goes into the
workspace: the org chart stores :func:`nik_ref` of it, and a certificate matches a pegawai
when ``nik_ref(identity.nik) == pegawai.nik_ref``. Names are compared with
:func:`same_person_name`, because a certificate says ``BUDI SANTOSO`` where the org chart
prints ``Dr. Budi Santoso, S.Kom., M.T.``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from tnde.errors import PkiError
from tnde.messages import _

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "DEMO_POLICY_OID",
    "UID_OID",
    "CertIdentity",
    "certificate_pem",
    "fingerprint",
    "identity_of",
    "is_demo_certificate",
    "load_certificate",
    "nik_ref",
    "same_person_name",
]

UID_OID = x509.ObjectIdentifier("0.9.2342.19200300.100.1.1")
"""``UID`` (userid), where BSrE-style certificates put the 18-digit NIP."""

DEMO_POLICY_OID = x509.ObjectIdentifier("2.25.238940516214735402955383040386870735722")
"""Certificate policy of every TNDE DEMO certificate (a UUID-based OID, X.667): a test policy."""

_NIK = re.compile(r"(?<!\d)(\d{16})(?!\d)")
_NIP = re.compile(r"(?<!\d)(\d{18})(?!\d)")
_DEMO_WORD = re.compile(r"\bDEMO\b")

# Titles written before a name (gelar depan); compared without dots, case-insensitively.
_FRONT_TITLES = frozenset(
    {"dr", "drs", "dra", "drg", "ir", "prof", "h", "hj", "kh", "apt", "ns", "mr"}
)


@dataclass(frozen=True)
class CertIdentity:
    """The person and issuer a certificate names, and the certificate's own facts."""

    nama: str
    """Common name (CN): the holder's name as the CA wrote it."""
    nik: str
    """The 16-digit NIK from ``serialNumber``, or ``""`` when the certificate has none."""
    nip: str
    """The 18-digit NIP from ``UID``, or ``""`` (not every signer is a civil servant)."""
    jabatan: str
    """``title``: the position, or ``""``."""
    unit: str
    """``OU``: the work unit, or ``""``."""
    organisasi: str
    """``O``: the institution (instansi), or ``""``."""
    issuer_cn: str
    """CN of the issuing CA."""
    issuer_org: str
    """O of the issuing CA, or ``""``."""
    serial_hex: str
    """Certificate serial number, lowercase hex without leading zeros."""
    not_before: dt.datetime
    """Start of validity (aware, UTC)."""
    not_after: dt.datetime
    """End of validity (aware, UTC)."""
    sha256_fingerprint: str
    """SHA-256 of the DER certificate, lowercase hex (64 characters, no colons)."""
    is_demo: bool
    """Whether this is a TNDE DEMO test certificate (never a PSrE one)."""

    @property
    def nik_ref(self) -> str:
        """:func:`nik_ref` of :attr:`nik`, or ``""`` when there is no NIK."""
        return nik_ref(self.nik) if self.nik else ""


def identity_of(cert: x509.Certificate) -> CertIdentity:
    """Read the identity fields of ``cert`` (missing fields read as ``""``)."""
    subject, issuer = cert.subject, cert.issuer
    serial_field = _attr(subject, NameOID.SERIAL_NUMBER)
    uid_field = _attr(subject, UID_OID)
    nik = _NIK.search(serial_field)
    nip = _NIP.search(uid_field)
    return CertIdentity(
        nama=_attr(subject, NameOID.COMMON_NAME),
        nik=nik.group(1) if nik else "",
        nip=nip.group(1) if nip else "",
        jabatan=_attr(subject, NameOID.TITLE),
        unit=_attr(subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        organisasi=_attr(subject, NameOID.ORGANIZATION_NAME),
        issuer_cn=_attr(issuer, NameOID.COMMON_NAME),
        issuer_org=_attr(issuer, NameOID.ORGANIZATION_NAME),
        serial_hex=f"{cert.serial_number:x}",
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        sha256_fingerprint=fingerprint(cert),
        is_demo=is_demo_certificate(cert),
    )


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint of ``cert``: lowercase hex, no colons."""
    return cert.fingerprint(hashes.SHA256()).hex()


def nik_ref(nik: str) -> str:
    """The org chart's reference to a NIK: ``"sha256:" + hex(sha256(NIK digits))``.

    Spaces are ignored (``"3171 0101 …"``), so a NIK typed in groups gives the same reference.

    Raises:
        PkiError: ``BAD_VALUE`` when ``nik`` is not 16 digits (the message does not repeat it).
    """
    digits = "".join(nik.split())
    if not (len(digits) == 16 and digits.isascii() and digits.isdigit()):
        raise PkiError(
            PkiError.BAD_VALUE, _("a NIK has 16 digits, not {count} characters", count=len(digits))
        )
    return "sha256:" + hashlib.sha256(digits.encode("ascii")).hexdigest()


def same_person_name(a: str, b: str) -> bool:
    """Whether two written names are the same person's name.

    Case, spacing, punctuation, front titles (``Dr.``, ``Ir.``, ``H.``…) and degrees after
    the name (``, S.Kom., M.T.``) are ignored: ``"Dr. Budi Santoso, S.Kom., M.T."`` equals
    ``"BUDI SANTOSO"``. Two empty names are not a match.
    """
    left, right = _name_key(a), _name_key(b)
    return bool(left) and left == right


def _name_key(name: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", name).strip()
    # Degrees follow the name after a comma: "Budi Santoso, S.Kom., M.T.".
    text = text.split(",", 1)[0]
    tokens = text.split()
    # Degrees written without a comma ("Budi Santoso S.Kom") have a dot inside the token.
    while len(tokens) > 1 and _is_degree(tokens[-1]):
        tokens.pop()
    while len(tokens) > 1 and _plain(tokens[0]) in _FRONT_TITLES:
        tokens.pop(0)
    words = (_plain(t) for t in tokens)
    return tuple(w for w in words if w)


def _is_degree(token: str) -> bool:
    core = token.rstrip(".")
    return "." in core and len(core) > 2


def _plain(token: str) -> str:
    return "".join(ch for ch in token.casefold() if ch.isalnum())


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def is_demo_certificate(cert: x509.Certificate) -> bool:
    """Whether ``cert`` belongs to a TNDE DEMO PKI (its DEMO policy, or DEMO in its issuer's
    names): such a certificate proves nothing outside a demo workspace."""
    try:
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        policies = x509.CertificatePolicies([])
    if any(p.policy_identifier == DEMO_POLICY_OID for p in policies):
        return True
    names = (
        _attr(cert.issuer, NameOID.COMMON_NAME),
        _attr(cert.issuer, NameOID.ORGANIZATION_NAME),
    )
    return any(_DEMO_WORD.search(n) for n in names)


def load_certificate(data: bytes, *, source: str = "") -> x509.Certificate:
    """One certificate from PEM or DER bytes.

    Raises:
        PkiError: ``BAD_FILE`` naming ``source`` when the bytes are not an X.509 certificate.
    """
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise PkiError(
            PkiError.BAD_FILE,
            _("not a readable X.509 certificate (PEM or DER)"),
            path=source,
        ) from None


def certificate_pem(cert: x509.Certificate) -> bytes:
    """``cert`` as PEM bytes."""
    return cert.public_bytes(serialization.Encoding.PEM)
