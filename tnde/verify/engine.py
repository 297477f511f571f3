"""Offline, fail-closed verification of a signed PDF (signing.md §3.4).

Nothing here touches the network or the operating system's trust store: trust roots are
given by the caller, pyHanko runs with ``allow_fetching=False`` and the AdES engine with
``LOCAL_ONLY``; revocation data come only from the file (DSS, CMS revocation archive).

Verdict policy
==============

A **signature** (``/Sig``) is INVALID when any of these holds:

* its ``/ByteRange`` is not ``[0 a b c]`` inside the file, the gap is not exactly this
  dictionary's ``/Contents`` hex string, or the second range does not end at the end of the
  signature's revision (``startxref n %%EOF``) — universal forgery and wrapping attacks;
* the file or the signature cannot be parsed (pyHanko raises: every exception counts);
* the digest does not match, or the CMS signature value does not verify;
* pyHanko's difference analysis rejects a later update: ``docmdp_ok`` must be ``True`` and
  the modification level known and not ``OTHER`` (DocMDP P, FieldMDP locks, new fields after
  a certification signature, content/overlay changes, i.e. ISA and shadow attacks);
* a seed-value constraint of its field is violated;
* its signature timestamp token is broken (imprint or TSA signature);
* the signer's (or a CA's) certificate is revoked according to embedded data at a time
  before the best proof of signing time (the trusted signature timestamp, else now).

It is INDETERMINATE (when nothing above holds) when:

* the certificate does not chain to one of the given trust roots;
* the signature timestamp comes from an untrusted TSA (no chain, or no timeStamping EKU);
* the certificate is outside its validity period now and no trusted timestamp proves that
  the signature was made inside it;
* the file carries no revocation data for the chain (no DSS, no CMS revocation archive), or
  the data are not enough to show the certificate was not revoked at signing time. So
  **B-B and B-T signatures are INDETERMINATE by design**: an offline auditor cannot know
  whether the certificate was revoked. B-LT and B-LTA signatures can be VALID.

Otherwise it is VALID.

How time and revocation are judged: pyHanko's classic pass runs "now" with certificates
only (embedded CRLs and OCSP responses are stale "now" a few days after signing). When the
file has a DSS and a document timestamp after the signature (B-LTA), the AdES engine
(``ades_lta_validation``, local data only) decides first and its PASSED overrides what is
no longer valid "now" (an expired signer or TSA certificate). Otherwise, or when it does not
reach PASSED (for B-LT it could only answer ``INDETERMINATE/NO_POE``, so it is not run), the
signer's path is validated at the trusted signing time (the signature timestamp, else now)
with the embedded revocation data *required*. So a B-LT letter stays VALID after its
signer's certificate expires, until the TSA's certificate expires too (then only B-LTA, with
its document timestamps renewed in time, can prove the signing time).

A **document timestamp** is INVALID when broken or followed by forbidden changes,
INDETERMINATE when its TSA is untrusted, else VALID.

A **file** is INVALID when it is not a PDF, cannot be parsed, has no signature (document
timestamps alone do not count), has a signature pyHanko does not recognise, has bytes after
its last ``%%EOF``, has changes after its last signature other than a DSS-only update, or
has an INVALID signature. It is INDETERMINATE when a signature is INDETERMINATE or a
signature field is still empty (the letter is not finished). Otherwise VALID.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import logging
from typing import TYPE_CHECKING, Any

from tnde.verify import parsed, speedups
from tnde.verify.changes import describe_revisions, dss_revisions, iter_pages
from tnde.verify.judge import judge_signature
from tnde.verify.model import FileReport, SignatureReport, Verdict
from tnde.verify.structure import file_end_problems

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography import x509

__all__ = ["FileContext", "verify_pdf"]

log = logging.getLogger(__name__)

_ACCEPTED_TAIL = frozenset({"NONE", "LTA_UPDATES"})
_MAX_REASONS_PER_SIGNATURE = 3


def verify_pdf(
    data: bytes,
    *,
    trust_roots: Sequence[x509.Certificate],
    name: str = "",
    now: dt.datetime | None = None,
    crls: Sequence[bytes] = (),
) -> FileReport:
    """Verify every signature of the PDF in ``data`` (see the module docstring for the policy).

    Args:
        data: the file's bytes.
        trust_roots: the only certificates trusted as anchors (never the OS store).
        name: recorded as :attr:`FileReport.path`.
        now: the time of verification (default: the current time); validity periods and
            revocation without a trusted timestamp are judged at this time.
        crls: CRLs (DER) the auditor holds (a local CRL bundle, signing.md §3.4), used beside
            the revocation data in the file: with them a B-B or B-T signature can be VALID.

    Never raises for a bad file: every problem ends up in the report.
    """
    base: dict[str, Any] = {
        "path": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    if b"%PDF-" not in data[:1024]:
        return _broken(base, "berkas bukan PDF (tidak ada tanda %PDF- di awal berkas)")
    try:
        return _verify(data, trust_roots, now or dt.datetime.now(dt.UTC), base, crls)
    except Exception as exc:
        log.debug("verification of %s failed", name, exc_info=True)
        return _broken(base, f"berkas tidak dapat diperiksa: {_text(exc)}")


def _verify(
    data: bytes,
    roots: Sequence[x509.Certificate],
    now: dt.datetime,
    base: dict[str, Any],
    crls: Sequence[bytes] = (),
) -> FileReport:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    speedups.install()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        revisions = reader.xrefs.total_revisions
        last_startxref = reader.xrefs.get_startxref_for_revision(revisions - 1)
    except Exception as exc:  # noqa: BLE001 - fail closed
        return _broken(base, f"struktur PDF tidak dapat dibaca: {_text(exc)}")
    base["revisions"] = revisions
    invalid: list[str] = file_end_problems(data, last_startxref)
    indeterminate: list[str] = []
    try:
        fields = list(enumerate_sig_fields(reader))
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - USF: null or missing /Contents, /ByteRange
        return _broken(base, f"kamus tanda tangan rusak: {_text(exc)}")
    filled = [f for f in fields if f[1] is not None]
    unsigned = tuple(str(f[0]) for f in fields if f[1] is None)
    if len(filled) != len(embedded):
        invalid.append("ada tanda tangan dengan jenis (SubFilter) yang tidak dikenali")
    if unsigned:
        names = ", ".join(f"'{n}'" for n in unsigned)
        indeterminate.append(f"kolom tanda tangan {names} belum ditandatangani")

    ctx = FileContext(data, reader, roots, now, crls)
    ctx.doc_ts_revisions = [
        s.signed_revision for s in embedded if s.sig_object_type == "/DocTimeStamp"
    ]
    judged = [judge_signature(ctx, sig, i) for i, sig in enumerate(embedded, 1)]
    signatures = _with_changes(reader, ctx, judged_reports := [j.report for j in judged])
    if not any(r.kind == "signature" for r in judged_reports):
        invalid.append(
            "tidak ada tanda tangan elektronik"
            + (" (hanya cap waktu dokumen)" if judged_reports else "")
        )
    if judged and judged[-1].modification_level not in _ACCEPTED_TAIL | {None}:
        invalid.append(
            "ada perubahan setelah tanda tangan terakhir yang tidak dilindungi tanda tangan "
            "apa pun (hanya pembaruan DSS yang boleh)"
        )
    reasons = invalid + indeterminate
    for report in signatures:
        what = (
            f"cap waktu dokumen #{report.index}"
            if report.kind == "document_timestamp"
            else f"tanda tangan #{report.index} ('{report.field}')"
        )
        reasons += [f"{what}: {reason}" for reason in report.reasons[:_MAX_REASONS_PER_SIGNATURE]]
    own = Verdict.INVALID if invalid else Verdict.INDETERMINATE if indeterminate else Verdict.VALID
    verdict = Verdict.worst([own, *(s.verdict for s in signatures)])
    return FileReport(
        verdict=verdict,
        reasons=tuple(reasons) if verdict is not Verdict.VALID else (),
        signatures=tuple(signatures),
        certification_level=next(
            (s.certification for s in signatures if s.certification is not None), None
        ),
        unsigned_fields=unsigned,
        **base,
    )


def _with_changes(
    reader: Any, ctx: FileContext, reports: list[SignatureReport]
) -> list[SignatureReport]:
    """Add the readable account of later revisions to each report (never fails the file)."""
    total = reader.xrefs.total_revisions
    if not reports or min(r.revision for r in reports) >= total - 1:
        return reports
    adds: dict[int, list[str]] = {}
    for report in reports:
        what = (
            "cap waktu dokumen ditambahkan"
            if report.kind == "document_timestamp"
            else f"tanda tangan pada kolom '{report.field}'"
        )
        adds.setdefault(report.revision, []).append(what)
    try:
        first = min(r.revision for r in reports) + 1
        facts = describe_revisions(reader, first, adds, ctx.dss_revisions)
    except Exception:
        log.debug("cannot describe the revisions", exc_info=True)
        return reports
    return [
        dataclasses.replace(
            r, changes=tuple(facts[n].text() for n in range(r.revision + 1, total) if n in facts)
        )
        for r in reports
    ]


def _broken(base: dict[str, Any], reason: str) -> FileReport:
    return FileReport(verdict=Verdict.INVALID, reasons=(reason,), error=reason, **base)


def _text(exc: BaseException) -> str:
    message = str(getattr(exc, "failure_message", "") or exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


class FileContext:
    """What the per-signature checks share for one file: bytes, reader, roots, DSS, time."""

    def __init__(
        self,
        data: bytes,
        reader: Any,
        roots: Sequence[x509.Certificate],
        now: dt.datetime,
        crls: Sequence[bytes] = (),
    ) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding

        self.data = data
        self.reader = reader
        self.now = now
        self.roots = [parsed.certificate(r.public_bytes(Encoding.DER)) for r in roots]
        self.local_crls = [parsed.crl(c) for c in crls]
        self.doc_ts_revisions: list[int] = []
        self.dss_revisions = dss_revisions(reader)
        self._dss = self._read_dss()
        self._dss_data: tuple[list[Any], list[Any], list[Any]] | None = None
        self._ades_spec: Any = None
        self._certification = self._read_certification()

    # -- DSS and revocation data ----------------------------------------------------------------

    def _read_dss(self) -> Any:
        from pyhanko.sign.validation.dss import DocumentSecurityStore
        from pyhanko.sign.validation.errors import NoDSSFoundError

        try:
            return DocumentSecurityStore.read_dss(self.reader)
        except NoDSSFoundError:
            return None

    @property
    def has_dss(self) -> bool:
        return self._dss is not None

    def _cms_revinfo(self, sig: Any) -> tuple[list[Any], list[Any]]:
        from pyhanko.sign.general import (
            MultivaluedAttributeError,
            NonexistentAttributeError,
            find_unique_cms_attribute,
        )

        try:
            archive = find_unique_cms_attribute(
                sig.signer_info["signed_attrs"], "adobe_revocation_info_archival"
            )
        except (MultivaluedAttributeError, NonexistentAttributeError):
            return [], []
        return list(archive["crl"] or []), list(archive["ocsp"] or [])

    def revinfo_source(self, sig: Any) -> str | None:
        """Where revocation data for ``sig`` can come from: ``DSS``, ``CMS``, ``lokal`` (the
        auditor's CRLs), joined by ``+``, or None."""
        parts = []
        if self._dss is not None and (self._dss.crls or self._dss.ocsps):
            parts.append("DSS")
        if any(self._cms_revinfo(sig)):
            parts.append("CMS")
        if self.local_crls:
            parts.append("lokal")
        return "+".join(parts) or None

    def has_evidence_after(self, sig: Any) -> bool:
        """A document timestamp follows the signature (an AdES evidence record exists)."""
        return any(r > sig.signed_revision for r in self.doc_ts_revisions)

    def validation_context(self, sig: Any, *, moment: dt.datetime | None = None) -> Any:
        """Offline context: our roots, the file's certificates and revocation data.

        Without ``moment``: "now", certificates only, revocation soft-fail (the classic
        integrity/trust pass; embedded CRLs and OCSP responses would be stale "now" and make
        every timestamp look untrusted a week after signing).
        With ``moment``: validation at that time with the embedded revocation data
        *required*, accepting data issued after it (a CRL or OCSP response fetched right
        after signing).

        The DSS's certificates, CRLs and OCSP responses, the roots and the auditor's CRLs
        are the shared parsed objects of :mod:`tnde.verify.parsed`, read once per file; the
        contexts get the same values in the same order as pyHanko's ``DocumentSecurityStore
        .as_validation_context`` would give them (tests/verify/test_speedups.py).
        """
        from pyhanko_certvalidator import ValidationContext

        dss_certs, dss_ocsps, dss_crls = self._dss_values()
        other_certs = list(sig.other_embedded_certs) + dss_certs
        kwargs: dict[str, Any] = {
            "trust_roots": list(self.roots),
            "allow_fetching": False,
        }
        if moment is None:
            return ValidationContext(
                moment=self.now, revocation_mode="soft-fail", other_certs=other_certs, **kwargs
            )
        crls, ocsps = self._cms_revinfo(sig)
        kwargs.update(moment=moment, revocation_mode="require", retroactive_revinfo=True)
        if self._dss is None:
            return ValidationContext(
                other_certs=other_certs, crls=crls + self.local_crls, ocsps=ocsps, **kwargs
            )
        # What DocumentSecurityStore.as_validation_context builds: the DSS certificates
        # first, then the given ones; the given CRLs and OCSP responses, then the DSS's.
        return ValidationContext(
            other_certs=dss_certs + other_certs,
            crls=crls + self.local_crls + dss_crls,
            ocsps=ocsps + dss_ocsps,
            **kwargs,
        )

    def _dss_values(self) -> tuple[list[Any], list[Any], list[Any]]:
        """The DSS's certificates, OCSP responses and CRLs (parsed once per file)."""
        if self._dss is None:
            return [], [], []
        if self._dss_data is None:
            from pyhanko.pdf_utils.decode_limits import DecodePurpose

            def values(refs: Any, purpose: Any, load: Any) -> list[Any]:
                return [load(ref.get_object().read_data(purpose)) for ref in refs]

            dss = self._dss
            self._dss_data = (
                values(dss.certs.values(), DecodePurpose.CERTIFICATE, parsed.certificate),
                values(dss.ocsps, DecodePurpose.OCSP_RESPONSE, parsed.ocsp_response),
                values(dss.crls, DecodePurpose.CRL, parsed.crl),
            )
        certs, ocsps, crls = self._dss_data
        return list(certs), list(ocsps), list(crls)

    def ades_spec(self) -> Any:
        """The AdES validation spec: our roots, revocation data required, local data only."""
        if self._ades_spec is None:
            from pyhanko.sign.validation.policy_decl import (
                PdfSignatureValidationSpec,
                RevinfoOnlineFetchingRule,
                RevocationInfoGatheringSpec,
                SignatureValidationSpec,
            )
            from pyhanko_certvalidator.context import CertValidationPolicySpec
            from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
            from pyhanko_certvalidator.registry import SimpleTrustManager

            self._ades_spec = PdfSignatureValidationSpec(
                SignatureValidationSpec(
                    cert_validation_policy=CertValidationPolicySpec(
                        trust_manager=SimpleTrustManager.build(trust_roots=list(self.roots)),
                        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
                    ),
                    revinfo_gathering_policy=RevocationInfoGatheringSpec(
                        online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
                    ),
                ),
                # The classic pass already ran the difference analysis on every signature;
                # without this the AdES engine repeats it for all of them (half its time).
                diff_policy=None,
            )
        return self._ades_spec

    # -- structure ------------------------------------------------------------------------------

    def object_offset(self, ref: Any) -> int | None:
        """File offset of an indirect object, ``None`` when it lives in an object stream."""
        if ref is None:
            return None
        location = self.reader.xrefs[ref]
        return location if isinstance(location, int) else None

    def _read_certification(self) -> tuple[Any, int] | None:
        root = self.reader.root
        if "/Perms" not in root or "/DocMDP" not in root["/Perms"]:
            return None
        ref = getattr(root["/Perms"].raw_get("/DocMDP"), "reference", None)
        sig_dict = root["/Perms"]["/DocMDP"]
        for reference in sig_dict.get("/Reference", []):
            if reference.get("/TransformMethod") == "/DocMDP":
                params = reference.get("/TransformParams", {})
                return ref, int(params.get("/P", 2))
        return ref, 2

    def certification_of(self, sig: Any) -> int | None:
        """DocMDP ``P`` when ``sig`` is the document's certification signature."""
        if self._certification is None:
            return None
        ref = getattr(sig.sig_field.raw_get("/V"), "reference", None)
        return self._certification[1] if ref == self._certification[0] else None

    def widget_page(self, sig: Any) -> int | None:
        """1-based page showing the signature's widget; ``None`` for invisible signatures."""
        field = sig.sig_field
        rect = field.get("/Rect") if "/Rect" in field else None
        if (
            rect is not None
            and (float(rect[2]) - float(rect[0])) * (float(rect[3]) - float(rect[1])) == 0
        ):
            return None
        name = field.get("/T")
        for number, (_, page) in enumerate(iter_pages(self.reader.root["/Pages"]), 1):
            for annot in page.get("/Annots", []):
                widget = annot.get_object()
                parent = widget.get("/Parent") if "/Parent" in widget else None
                if widget is field or parent is field or (name and widget.get("/T") == name):
                    return number
        return None

    def pades_level(self, sig: Any, *, has_signature_ts: bool) -> str:
        """B-B, B-T, B-LT or B-LTA, from what the file holds after this signature.

        A level says what is there, not that it checks out: a B-LT signature whose embedded
        revocation data do not suffice is still B-LT, with an INDETERMINATE verdict.
        """
        revision = sig.signed_revision
        later_ts = [r for r in self.doc_ts_revisions if r > revision]
        if not (has_signature_ts or later_ts):
            return "B-B"
        later_dss = [r for r in self.dss_revisions if r > revision]
        if not (later_dss or any(self._cms_revinfo(sig))):
            return "B-T"
        start = min(later_dss) if later_dss else revision
        return "B-LTA" if any(r >= start for r in later_ts) else "B-LT"
