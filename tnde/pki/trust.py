"""The workspace's own trust store: which root CAs its signatures may chain to.

Never the operating system's store: an office trusts exactly the roots its
admin added — typically Root CA Indonesia DS G1, and in a practice workspace the TNDE DEMO
root. Layout inside the workspace::

    pki/trust.toml            the configuration (labels, demo flags, footer texts)
    pki/trust/<sha256>.pem    one file per trusted root

``trust.toml`` also says how the letter footer names the certificate's issuer
(:meth:`TrustStore.footer_issuer_for`), per root and optionally per issuing CA, because one
root (Root CA Indonesia DS G1) stands above several PSrEs and the footer must name the right
one — and must never claim BSrE for anything else::

    schema_version = 1

    [[root]]
    fingerprint = "…64 hex…"
    label = "Root CA Indonesia DS G1"
    demo = false
    footer_issuer = ""                      # "" = name the issuing CA from its certificate
    purposes = ["1.3.6.1.4.1.99999.1"]      # optional: extra EKUs accepted for signing
    revocation_freshness = "24h"            # optional: how old a CRL/OCSP answer may be

    [[root.issuer]]
    subject = "CN=BSRE CA DS G1,O=Badan Siber dan Sandi Negara,C=ID"
    footer_issuer = "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"

``purposes`` lists extendedKeyUsage OIDs that a signing certificate under this root may carry
besides the document-signing ones (:data:`tnde.pki.purpose.DOCUMENT_SIGNING_PURPOSES`), for a
CA with its own OID; :meth:`TrustStore.purposes_for` hands them to the signing check.
``revocation_freshness`` (``"30m"``, ``"24h"``, ``"2d"``; default 0) is how long *before* a
signature's time a CRL or OCSP answer may have been issued and still prove the certificate was
not revoked then, for a CA that publishes CRLs only once a day. Both keys are written only
when set, so a file without them stays readable by an older program.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import logging
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.x509.oid import NameOID

from tnde.datafile import parse_toml
from tnde.errors import PkiError
from tnde.fsutil import write_atomic
from tnde.messages import _
from tnde.pki.identity import (
    certificate_pem,
    fingerprint,
    is_demo_certificate,
    load_certificate,
)
from tnde.pki.purpose import is_dotted_oid

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "BSRE_FOOTER_ISSUER",
    "TRUST_VERSION",
    "TrustStore",
    "TrustedRoot",
    "format_duration",
    "parse_duration",
]

log = logging.getLogger(__name__)

TRUST_VERSION = 1
"""The ``trust.toml`` format this code writes and understands."""
BSRE_FOOTER_ISSUER = "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"
"""How the footer names BSrE."""
_KNOWN_ISSUERS = {
    "Root CA Indonesia DS G1": {
        "CN=BSRE CA DS G1,O=Badan Siber dan Sandi Negara,C=ID": BSRE_FOOTER_ISSUER,
    },
}
"""Issuing-CA footers set up automatically when a well-known root is added."""
_ROOT_KEYS = frozenset(
    {
        "fingerprint",
        "label",
        "subject",
        "not_after",
        "demo",
        "footer_issuer",
        "issuer",
        "purposes",
        "revocation_freshness",
    }
)
_DURATION_UNITS = {
    "d": dt.timedelta(days=1),
    "h": dt.timedelta(hours=1),
    "m": dt.timedelta(minutes=1),
    "s": dt.timedelta(seconds=1),
}
"""The units of a ``revocation_freshness`` text, largest first (how it is written back)."""
_DURATION_PART = re.compile(r"([0-9]+)([dhms])")


@dataclass(frozen=True)
class TrustedRoot:
    """One root CA of the trust store."""

    label: str
    """Name shown to the admin (default: the root's CN)."""
    subject: str
    """The root's subject, RFC 4514."""
    fingerprint: str
    """SHA-256 of the certificate, lowercase hex."""
    not_after: dt.datetime
    """End of the root's validity (aware, UTC)."""
    demo: bool
    """A test root (TNDE DEMO): signatures under it are never "tersertifikasi"."""
    footer_issuer: str | None
    """How the footer names the issuer of certificates under this root, or ``None``."""
    issuers: dict[str, str] = field(default_factory=dict, compare=False)
    """Issuing-CA subject (RFC 4514) → footer text, overriding :attr:`footer_issuer`."""
    certificate: x509.Certificate | None = field(default=None, compare=False, repr=False)
    """The root certificate."""
    purposes: tuple[str, ...] = ()
    """Extra extendedKeyUsage OIDs (dotted) accepted for signing certificates under this root."""
    revocation_freshness: dt.timedelta = dt.timedelta(0)
    """How long before a signature's time a CRL/OCSP answer may be issued and still count."""


class TrustStore:
    """The trust store in a workspace's ``pki/trust/`` folder (config in ``pki/trust.toml``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        """The folder of root certificates."""
        self.config_path = self.folder.parent / "trust.toml"
        """The configuration file next to it."""

    @classmethod
    def for_workspace(cls, path: Path) -> TrustStore:
        """The trust store of the workspace folder ``path``."""
        return cls(Path(path) / "pki" / "trust")

    # -- reading ---------------------------------------------------------------------------

    def list(self) -> builtins.list[TrustedRoot]:
        """Every trusted root, in the order added.

        Raises:
            PkiError: ``BAD_FILE`` when ``trust.toml`` or a certificate file is malformed or
                does not match its fingerprint.
        """
        return [self._with_certificate(r) for r in self._read()]

    def roots(self, *, demo: bool = True) -> builtins.list[x509.Certificate]:
        """The trusted root certificates (for pyHanko's ``ValidationContext(trust_roots=…)``).

        Args:
            demo: whether DEMO roots count; False outside demo workspaces, where a DEMO
                root must never make a signature trusted.
        """
        return [
            r.certificate
            for r in self.list()
            if r.certificate is not None
            and (demo or not (r.demo or is_demo_certificate(r.certificate)))
        ]

    def footer_issuer_for(self, chain: Sequence[x509.Certificate]) -> str | None:
        """How the footer names the CA that issued ``chain[0]`` (the signing certificate).

        ``chain`` is the signer first, then any CA certificates (the root may be left out);
        asn1crypto certificates (as pyHanko hands them out) are accepted too. The issuing
        CA's own entry wins, then the root's ``footer_issuer``, then the issuing CA's O (or
        CN). ``None`` when the chain does not lead, signature by signature, to a root of
        this store.
        """
        certs = [_as_cryptography(c) for c in chain]
        if not certs:
            return None
        roots = {r.fingerprint: r for r in self.list()}
        root = _chain_root(certs, roots)
        if root is None:
            return None
        signer = certs[0]
        wanted = _name_key(signer.issuer)
        for subject, text in root.issuers.items():
            if _name_key_text(subject) == wanted and text:
                return text
        if root.footer_issuer:
            return root.footer_issuer
        for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
            values = signer.issuer.get_attributes_for_oid(oid)
            if values:
                return str(values[0].value)
        return None

    def purposes_for(self, chain: Sequence[x509.Certificate]) -> tuple[str, ...]:
        """The extra EKU purposes the admin accepts under the root ``chain`` leads to.

        ``chain`` is the signer first, then any CA certificates, as for
        :meth:`footer_issuer_for`. Empty when the chain leads to no root of this store, so a
        certificate from elsewhere never gains a purpose from a root it does not chain to.
        """
        certs = [_as_cryptography(c) for c in chain]
        if not certs:
            return ()
        root = _chain_root(certs, {r.fingerprint: r for r in self.list()})
        return root.purposes if root is not None else ()

    # -- changing --------------------------------------------------------------------------

    def add_root(
        self,
        data: bytes,
        *,
        label: str | None = None,
        footer_issuer: str | None = None,
        demo: bool = False,
        source: str = "",
        purposes: Iterable[str] | None = None,
        revocation_freshness: dt.timedelta | None = None,
        demo_workspace: bool = False,
    ) -> TrustedRoot:
        """Trust the root certificate in ``data`` (PEM or DER); adding it again updates it.

        Args:
            data: the certificate bytes.
            label: a name for the admin; default the root's CN.
            footer_issuer: how the footer names the issuer of certificates under this root.
            demo: a test root.
            source: the file ``data`` came from, for error messages.
            purposes: extra EKU OIDs (dotted) accepted for signing under this root; ``None``
                keeps those of a root added before (else none).
            revocation_freshness: see :attr:`TrustedRoot.revocation_freshness`; ``None`` keeps
                the earlier value (else zero).
            demo_workspace: the store belongs to a demo workspace, the only place a DEMO
                certificate may be trusted (it is then always marked ``demo``).

        Raises:
            PkiError: ``BAD_FILE`` when ``data`` is not a certificate, ``BAD_CERTIFICATE`` when
                it is not a self-signed CA certificate, ``BAD_VALUE`` for a purpose that is not
                a dotted OID or a negative freshness.
        """
        new_purposes = None if purposes is None else _checked_purposes(purposes)
        if revocation_freshness is not None:
            _check_freshness(revocation_freshness)
        cert = load_certificate(data, source=source)
        _check_root(cert, source)
        if is_demo_certificate(cert):
            if not demo_workspace:
                raise PkiError(
                    PkiError.BAD_CERTIFICATE,
                    _(
                        "this is a DEMO certificate: it is trusted only in a demo workspace, "
                        "never in one that holds real letters"
                    ),
                    path=source,
                )
            demo = True
        fp = fingerprint(cert)
        entries = [r for r in self._read() if r.fingerprint != fp]
        cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        cn_text = str(cn[0].value) if cn else ""
        old = next((r for r in self._read() if r.fingerprint == fp), None)
        issuers = dict(old.issuers) if old else dict(_KNOWN_ISSUERS.get(cn_text, {}))
        entry = TrustedRoot(
            label=label or (old.label if old else "") or cn_text or cert.subject.rfc4514_string(),
            subject=cert.subject.rfc4514_string(),
            fingerprint=fp,
            not_after=cert.not_valid_after_utc,
            demo=demo,
            footer_issuer=(old.footer_issuer if old else None)
            if footer_issuer is None
            else footer_issuer,
            issuers=issuers,
            certificate=cert,
            purposes=(old.purposes if old else ()) if new_purposes is None else new_purposes,
            revocation_freshness=(old.revocation_freshness if old else dt.timedelta(0))
            if revocation_freshness is None
            else revocation_freshness,
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / f"{fp}.pem", certificate_pem(cert))
        self._write([*entries, entry])
        log.info("trusted root %s (%s)", entry.label, fp[:16])
        return entry

    def set_issuer_footer(self, root_fingerprint: str, issuer_subject: str, text: str) -> None:
        """Name certificates of one issuing CA (RFC 4514 subject) under a root in the footer.

        Raises:
            PkiError: ``NOT_FOUND`` when the root is not in the store.
        """
        entries = self._read()
        fp = self._resolve(root_fingerprint, entries)
        updated = []
        for r in entries:
            if r.fingerprint == fp:
                r = replace(r, issuers={**r.issuers, issuer_subject: text})
            updated.append(r)
        self._write(updated)

    def update_root(
        self,
        root_fingerprint: str,
        *,
        purposes: Iterable[str] | None = None,
        revocation_freshness: dt.timedelta | None = None,
    ) -> TrustedRoot:
        """Change what a trusted root allows; ``None`` leaves a setting as it is.

        Args:
            root_fingerprint: SHA-256 fingerprint of the root (or a unique prefix of 8+ digits).
            purposes: the extra EKU OIDs (dotted) accepted under the root, replacing the old
                list; ``[]`` accepts none beyond the document-signing ones.
            revocation_freshness: see :attr:`TrustedRoot.revocation_freshness`.

        Returns:
            The root as it is now.

        Raises:
            PkiError: ``NOT_FOUND`` when the root is not in the store, ``BAD_VALUE`` for a
                purpose that is not a dotted OID or a negative freshness.
        """
        new_purposes = None if purposes is None else _checked_purposes(purposes)
        if revocation_freshness is not None:
            _check_freshness(revocation_freshness)
        entries = self._read()
        fp = self._resolve(root_fingerprint, entries)
        old = next(r for r in entries if r.fingerprint == fp)
        changed = replace(
            old,
            purposes=old.purposes if new_purposes is None else new_purposes,
            revocation_freshness=old.revocation_freshness
            if revocation_freshness is None
            else revocation_freshness,
        )
        self._write([changed if r.fingerprint == fp else r for r in entries])
        log.info("changed trusted root %s (%s)", changed.label, fp[:16])
        return self._with_certificate(changed)

    def remove(self, fingerprint: str) -> TrustedRoot:
        """Stop trusting a root, by its SHA-256 fingerprint (or a unique prefix of 8+ digits).

        Raises:
            PkiError: ``NOT_FOUND`` when no root (or more than one) matches.
        """
        entries = self._read()
        fp = self._resolve(fingerprint, entries)
        gone = next(r for r in entries if r.fingerprint == fp)
        self._write([r for r in entries if r.fingerprint != fp])
        (self.folder / f"{fp}.pem").unlink(missing_ok=True)
        log.info("removed trusted root %s (%s)", gone.label, fp[:16])
        return gone

    # -- the files -------------------------------------------------------------------------

    def _resolve(self, text: str, entries: builtins.list[TrustedRoot]) -> str:
        wanted = text.strip().lower().replace(":", "")
        matches = [r.fingerprint for r in entries if r.fingerprint.startswith(wanted)]
        if len(wanted) < 8 or len(matches) != 1:
            raise PkiError(
                PkiError.NOT_FOUND,
                _("no trusted root has the fingerprint {text!r}", text=text),
                path=str(self.config_path),
            )
        return matches[0]

    def _read(self) -> builtins.list[TrustedRoot]:
        path = self.config_path
        try:
            raw = parse_toml(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise PkiError(
                PkiError.BAD_FILE, _("cannot be read: {exc}", exc=exc), path=str(path)
            ) from None
        if raw.get("schema_version") != TRUST_VERSION:
            self._fail("schema_version", _("must be {version}", version=TRUST_VERSION))
        unknown = set(raw) - {"schema_version", "root"}
        if unknown:
            self._fail(sorted(unknown)[0], _("unknown key"))
        roots = raw.get("root", [])
        if not isinstance(roots, builtins.list):
            self._fail("root", _("must be an array of tables [[root]]"))
        return [self._entry(item, f"root[{i}]") for i, item in enumerate(roots)]

    def _entry(self, item: Any, where: str) -> TrustedRoot:
        if not isinstance(item, dict):
            self._fail(where, _("must be a table"))
        unknown = set(item) - _ROOT_KEYS
        if unknown:
            self._fail(f"{where}.{sorted(unknown)[0]}", _("unknown key"))
        fp = self._value(item, where, "fingerprint", str)
        if len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
            self._fail(f"{where}.fingerprint", _("must be 64 lower-case hexadecimal digits"))
        issuers: dict[str, str] = {}
        for j, issuer in enumerate(item.get("issuer", [])):
            at = f"{where}.issuer[{j}]"
            if not isinstance(issuer, dict):
                self._fail(at, _("must be a table"))
            issuers[self._value(issuer, at, "subject", str)] = self._value(
                issuer, at, "footer_issuer", str
            )
        not_after = self._value(item, where, "not_after", dt.datetime)
        if not_after.tzinfo is None:
            self._fail(f"{where}.not_after", _("a time must have a time zone (the suffix Z)"))
        purposes = item.get("purposes", [])
        if not isinstance(purposes, builtins.list) or not all(
            isinstance(p, str) and is_dotted_oid(p) for p in purposes
        ):
            self._fail(
                f"{where}.purposes",
                _('must be an array of dotted OIDs, e.g. ["1.3.6.1.5.5.7.3.4"]'),
            )
        freshness = item.get("revocation_freshness", "0s")
        window = _parse_duration(freshness) if isinstance(freshness, str) else None
        if window is None:
            self._fail(
                f"{where}.revocation_freshness",
                _('must be a duration such as "30m", "24h" or "2d"'),
            )
        return TrustedRoot(
            label=self._value(item, where, "label", str),
            subject=self._value(item, where, "subject", str),
            fingerprint=fp,
            not_after=not_after,
            demo=self._value(item, where, "demo", bool),
            footer_issuer=self._value(item, where, "footer_issuer", str) or None,
            issuers=issuers,
            purposes=tuple(dict.fromkeys(purposes)),
            revocation_freshness=window,
        )

    def _with_certificate(self, entry: TrustedRoot) -> TrustedRoot:
        path = self.folder / f"{entry.fingerprint}.pem"
        try:
            data = path.read_bytes()
        except OSError:
            raise PkiError(
                PkiError.BAD_FILE,
                _(
                    "the root certificate file {label!r} named in trust.toml is missing",
                    label=entry.label,
                ),
                path=str(path),
            ) from None
        cert = load_certificate(data, source=str(path))
        if fingerprint(cert) != entry.fingerprint:
            raise PkiError(
                PkiError.BAD_FILE,
                _("the file does not match its fingerprint in trust.toml (was it replaced?)"),
                path=str(path),
            )
        return replace(entry, certificate=cert)

    def _value(self, table: dict[str, Any], where: str, key: str, kind: type) -> Any:
        if key not in table:
            self._fail(f"{where}.{key}", _("a required key is missing"))
        value = table[key]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            self._fail(f"{where}.{key}", _("must be of type {expected}", expected=kind.__name__))
        return value

    def _fail(self, key: str, problem: str) -> NoReturn:
        raise PkiError(
            PkiError.BAD_FILE,
            _("[{key}] {problem}", key=key, problem=problem),
            path=str(self.config_path),
        )

    def _write(self, entries: builtins.list[TrustedRoot]) -> None:
        lines = [
            "# Akar tepercaya ruang kerja ini (bukan penyimpanan sertifikat sistem operasi).",
            f"schema_version = {TRUST_VERSION}",
        ]
        for r in entries:
            lines += [
                "",
                "[[root]]",
                f'fingerprint = "{r.fingerprint}"',
                f"label = {_toml(r.label)}",
                f"subject = {_toml(r.subject)}",
                f"not_after = {r.not_after.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
                f"demo = {'true' if r.demo else 'false'}",
                f"footer_issuer = {_toml(r.footer_issuer or '')}",
            ]
            if r.purposes:
                lines.append(f"purposes = [{', '.join(_toml(p) for p in r.purposes)}]")
            if r.revocation_freshness:
                lines.append(
                    f"revocation_freshness = {_toml(format_duration(r.revocation_freshness))}"
                )
            for subject, text in r.issuers.items():
                lines += [
                    "",
                    "[[root.issuer]]",
                    f"subject = {_toml(subject)}",
                    f"footer_issuer = {_toml(text)}",
                ]
        self.config_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.config_path, ("\n".join(lines) + "\n").encode("utf-8"))


def parse_duration(text: str) -> dt.timedelta:
    """``"30m"``, ``"24h"``, ``"2d"``, ``"1d12h"`` (units d, h, m, s) or ``"0"`` → a timedelta.

    Raises:
        PkiError: ``BAD_VALUE`` when ``text`` is not such a duration.
    """
    try:
        window = _parse_duration(text)
    except OverflowError:  # more days than a timedelta holds ("99999999999d")
        raise PkiError(PkiError.BAD_VALUE, _("duration {text!r} is too long", text=text)) from None
    if window is None:
        raise PkiError(
            PkiError.BAD_VALUE,
            _(
                "unknown duration {text!r}; write it like 30m, 24h or 2d (units d, h, m, s)",
                text=text,
            ),
        )
    return window


def format_duration(window: dt.timedelta) -> str:
    """The text :func:`parse_duration` reads back as ``window`` (``"1d12h"``, ``"0s"``).

    Raises:
        PkiError: ``BAD_VALUE`` for a negative duration or one with a fraction of a second.
    """
    _check_freshness(window)
    rest = int(window.total_seconds())
    parts = []
    for unit, size in _DURATION_UNITS.items():
        count, rest = divmod(rest, int(size.total_seconds()))
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def _parse_duration(text: str) -> dt.timedelta | None:
    cleaned = text.strip().lower()
    if cleaned == "0":
        return dt.timedelta(0)
    if not cleaned or _DURATION_PART.sub("", cleaned):
        return None
    return sum(
        (int(n) * _DURATION_UNITS[unit] for n, unit in _DURATION_PART.findall(cleaned)),
        dt.timedelta(0),
    )


def _check_freshness(window: dt.timedelta) -> None:
    if window < dt.timedelta(0) or window.microseconds:
        raise PkiError(
            PkiError.BAD_VALUE,
            _(
                "the revocation freshness window must be zero or more, in whole seconds: {window}",
                window=window,
            ),
        )


def _checked_purposes(purposes: Iterable[str]) -> tuple[str, ...]:
    """The purposes without duplicates, each checked to be a dotted OID."""
    if isinstance(purposes, str):
        purposes = [purposes]  # one OID, not its characters
    found = tuple(dict.fromkeys(p.strip() for p in purposes))
    for purpose in found:
        if not is_dotted_oid(purpose):
            raise PkiError(
                PkiError.BAD_VALUE,
                _(
                    "usage purpose {purpose!r} is not a dotted OID (e.g. 1.3.6.1.5.5.7.3.4)",
                    purpose=purpose,
                ),
            )
    return found


def _check_root(cert: x509.Certificate, source: str) -> None:
    """A root must be a CA certificate that signed itself."""
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise PkiError(
            PkiError.BAD_CERTIFICATE,
            _(
                "not a CA certificate (no basicConstraints CA:TRUE); add the root "
                "certificate, not a signer's certificate"
            ),
            path=source,
        )
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        raise PkiError(
            PkiError.BAD_CERTIFICATE,
            _(
                "not a root certificate: issued by {issuer}, not self-signed",
                issuer=cert.issuer.rfc4514_string(),
            ),
            path=source,
        ) from None


def _chain_root(
    chain: builtins.list[x509.Certificate], roots: dict[str, TrustedRoot]
) -> TrustedRoot | None:
    """The trusted root ``chain[0]`` leads to through the given CA certificates, if any."""
    current = chain[0]
    pool = chain[1:]
    for _step in range(len(chain) + 1):
        fp = fingerprint(current)
        if fp in roots:
            return roots[fp]
        for root in roots.values():
            if root.certificate is not None and _issued_by(current, root.certificate):
                return root
        parent = next((c for c in pool if _issued_by(current, c)), None)
        if parent is None:
            return None
        pool.remove(parent)
        current = parent
    return None


def _as_cryptography(cert: object) -> x509.Certificate:
    if isinstance(cert, x509.Certificate):
        return cert
    dump = getattr(cert, "dump", None)  # an asn1crypto.x509.Certificate
    if callable(dump):
        return x509.load_der_x509_certificate(bytes(dump()))
    raise TypeError(f"not a certificate: {type(cert).__name__}")


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _name_key(name: x509.Name) -> frozenset[tuple[str, str]]:
    return frozenset((a.oid.dotted_string, str(a.value).casefold()) for a in name)


def _name_key_text(text: str) -> frozenset[tuple[str, str]]:
    try:
        return _name_key(x509.Name.from_rfc4514_string(text))
    except ValueError:
        return frozenset()


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
