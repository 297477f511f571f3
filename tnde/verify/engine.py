"""Offline, fail-closed verification of a signed PDF (docs/verification.md).

Nothing here touches the network or the operating system's trust store: trust roots are
given by the caller, pyHanko runs with ``allow_fetching=False`` and the AdES engine with
``LOCAL_ONLY``; revocation data come only from the file (DSS, CMS revocation archive).

Verdict policy
==============

A **signature** (``/Sig``) is INVALID when any of these holds:

* its ``/ByteRange`` is not ``[0 a b c]`` inside the file, the gap is not exactly this
  dictionary's ``/Contents`` hex string, or the second range does not end at the end of the
  signature's revision (``startxref n %%EOF``) — universal forgery and wrapping attacks;
* its ``/Contents`` holds anything but zero bytes after the CMS structure (hidden data);
* its signer certificate may not sign documents (a CA certificate, a key usage without
  digitalSignature or nonRepudiation, an EKU without a document-signing purpose:
  :mod:`tnde.pki.purpose`, plus the purposes the trust store accepts for that root);
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
* its trusted timestamp lies before or after the signer certificate's validity, or in the
  future;
* the file carries no revocation data for the chain (no DSS, no CMS revocation archive), or
  the data are not enough to show the certificate was not revoked at signing time: only
  CRLs and OCSP responses issued at or after the proven signing time count (less the window
  the trust store sets for the root, :mod:`tnde.verify.revocation`). So
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

A **file** is INVALID when it is not a PDF, cannot be parsed at all, has no signature
(document timestamps alone do not count), has a signature pyHanko does not recognise, has
bytes after its last ``%%EOF``, has bytes after its first signature that no revision
accounts for (:mod:`tnde.verify.accounting`), has a DSS holding anything but validation data
(:mod:`tnde.verify.dss`), has changes after its last signature other than validation data
and document timestamps (metadata included: :mod:`tnde.verify.tail`), or has an INVALID
signature. It is INDETERMINATE when a signature is INDETERMINATE, a signature field is still
empty (the letter is not finished), or it is encrypted in a way the verifier cannot open.
A file that only a lenient parse can read is still judged, and the report says so.
Otherwise VALID.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import logging
from typing import TYPE_CHECKING, Any

from tnde.verify import speedups
from tnde.verify.accounting import unaccounted_problems
from tnde.verify.changes import appearance_problems, describe_revisions
from tnde.verify.context import FileContext
from tnde.verify.dss import examine_dss
from tnde.verify.explain import explain, is_strict_error
from tnde.verify.judge import judge_signature
from tnde.verify.model import FileReport, SignatureReport, Verdict
from tnde.verify.orphans import orphan_problems
from tnde.verify.structure import file_end_problems
from tnde.verify.tail import tail_problems

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography import x509

    from tnde.verify.policy import VerifyPolicy

__all__ = ["verify_pdf"]

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
    policy: VerifyPolicy | None = None,
) -> FileReport:
    """Verify every signature of the PDF in ``data`` (see the module docstring for the policy).

    Args:
        data: the file's bytes.
        trust_roots: the only certificates trusted as anchors (never the OS store).
        name: recorded as :attr:`FileReport.path`.
        now: the time of verification (default: the current time); validity periods and
            revocation without a trusted timestamp are judged at this time.
        crls: CRLs (DER) the auditor holds (a local CRL bundle), used beside the revocation
            data in the file: with them a B-B or B-T signature can be VALID.
        policy: per-root rules from the trust store (extra purposes, revocation freshness);
            the strict defaults without it.

    Never raises for a bad file: every problem ends up in the report.
    """
    base: dict[str, Any] = {
        "path": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    if b"%PDF-" not in data[:1024]:
        return _broken(base, "berkas bukan PDF (tidak ada tanda %PDF- di awal berkas)")
    moment = now or dt.datetime.now(dt.UTC)
    try:
        return _verify(data, trust_roots, moment, base, crls, policy, strict=True)
    except Exception as exc:
        if not is_strict_error(exc):
            log.debug("verification of %s failed", name, exc_info=True)
            return _broken(base, f"berkas tidak dapat diperiksa: {explain(exc)}")
        # Adobe Reader and other real signers write files that pyHanko's strict mode refuses
        # for harmless reasons (an xref subsection that overlaps, a generation mismatch);
        # refusing them would call genuine letters INVALID. Every check runs again on the
        # lenient reading, and the report says so.
        log.debug("strict reading of %s failed", name, exc_info=True)
        note = (
            "berkas tidak sepenuhnya sesuai standar PDF dan dibaca dengan pembacaan longgar "
            f"({explain(exc)}); tanda tangannya tetap diperiksa seluruhnya"
        )
    try:
        return _verify(data, trust_roots, moment, base, crls, policy, strict=False, note=note)
    except Exception as exc:
        log.debug("verification of %s failed", name, exc_info=True)
        return _broken(base, f"berkas tidak dapat diperiksa: {explain(exc)}", (note,))


def _verify(
    data: bytes,
    roots: Sequence[x509.Certificate],
    now: dt.datetime,
    base: dict[str, Any],
    crls: Sequence[bytes],
    policy: VerifyPolicy | None,
    *,
    strict: bool,
    note: str | None = None,
) -> FileReport:
    """One pass over the file; raises pyHanko's strict-mode error when ``strict`` and the
    file needs a lenient reading."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    speedups.install()
    notes = [note] if note else []
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=strict)
        reader.xrefs.get_startxref_for_revision(reader.xrefs.total_revisions - 1)
    except Exception as exc:
        if strict and is_strict_error(exc):
            raise
        log.debug("the PDF cannot be read", exc_info=True)
        return _broken(base, f"struktur PDF tidak dapat dibaca: {explain(exc)}", notes)
    revisions = reader.xrefs.total_revisions
    base["revisions"] = revisions
    if reader.encrypted:
        return _encrypted(base, reader, notes)
    invalid: list[str] = file_end_problems(
        data, reader.xrefs.get_startxref_for_revision(revisions - 1)
    )
    indeterminate: list[str] = []
    try:
        fields = list(enumerate_sig_fields(reader))
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # USF: null or missing /Contents, /ByteRange
        if strict and is_strict_error(exc):
            raise
        return _broken(base, f"kamus tanda tangan rusak: {explain(exc)}", notes)
    filled = [f for f in fields if f[1] is not None]
    unsigned = tuple(str(f[0]) for f in fields if f[1] is None)
    if len(filled) != len(embedded):
        invalid.append("ada tanda tangan dengan jenis (SubFilter) yang tidak dikenali")
    if unsigned:
        names = ", ".join(f"'{n}'" for n in unsigned)
        indeterminate.append(f"kolom tanda tangan {names} belum ditandatangani")

    first_signed = min((s.signed_revision for s in embedded), default=0)
    ctx = FileContext(data, reader, roots, now, crls, policy, first_signed)
    ctx.strict = strict
    ctx.doc_ts_revisions = [
        s.signed_revision for s in embedded if s.sig_object_type == "/DocTimeStamp"
    ]
    approvals = [s.signed_revision for s in embedded if s.sig_object_type != "/DocTimeStamp"]
    if approvals:
        ctx.last_approval = max(approvals)
        ctx.tail_problems = tail_problems(reader, ctx.last_approval, ctx.snapshots)
    judged = [judge_signature(ctx, sig, i) for i, sig in enumerate(embedded, 1)]
    signatures = _with_changes(reader, ctx, judged_reports := [j.report for j in judged])
    if not approvals:
        invalid.append(
            "tidak ada tanda tangan elektronik"
            + (" (hanya cap waktu dokumen)" if judged_reports else "")
        )
    else:
        first = min(approvals)
        covered = [r.signed_end for r in judged_reports if r.revision == first and r.signed_end]
        invalid += _after_signing_problems(
            data, reader, ctx, first, max(approvals), min(covered, default=None)
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
        reasons=tuple(dict.fromkeys(reasons)) if verdict is not Verdict.VALID else (),
        signatures=tuple(signatures),
        certification_level=next(
            (s.certification for s in signatures if s.certification is not None), None
        ),
        unsigned_fields=unsigned,
        notes=tuple(notes),
        **base,
    )


def _encrypted(base: dict[str, Any], reader: Any, notes: list[str]) -> FileReport:
    """An encrypted file: its signatures cannot be read without the key (INDETERMINATE)."""
    reason = (
        "berkas terenkripsi; tanda tangan pada berkas terenkripsi tidak dapat diverifikasi "
        "tanpa kunci pembukanya (verifikasi tidak didukung, bukan bukti pemalsuan)"
    )
    return FileReport(verdict=Verdict.INDETERMINATE, reasons=(reason,), notes=tuple(notes), **base)


def _after_signing_problems(
    data: bytes, reader: Any, ctx: FileContext, first: int, last: int, covered: int | None
) -> list[str]:
    """Bytes, DSS and changes after the first and the last approval signature.

    ``covered`` is where the first signature's byte range ends (its revision's end, checked
    by :func:`tnde.verify.structure.byte_range_problems`).
    """
    problems = unaccounted_problems(data, reader, first + 1, start=covered)
    for revision in sorted(r for r in ctx.dss_revisions if first < r <= last):
        changed = set(reader.xrefs.explicit_refs_in_revision(revision))
        found = examine_dss(reader.get_historical_root(revision), check=changed)
        problems += [f"revisi {revision + 1}: {p}" for p in found.problems]
    problems += appearance_problems(ctx.snapshots, first, last)
    return problems + orphan_problems(reader, first, last) + (ctx.tail_problems or [])


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
        facts = describe_revisions(reader, first, adds, ctx.dss_revisions, ctx.snapshots)
    except Exception:
        log.debug("cannot describe the revisions", exc_info=True)
        return reports
    return [
        dataclasses.replace(
            r, changes=tuple(facts[n].text() for n in range(r.revision + 1, total) if n in facts)
        )
        for r in reports
    ]


def _broken(base: dict[str, Any], reason: str, notes: Sequence[str] = ()) -> FileReport:
    return FileReport(
        verdict=Verdict.INVALID, reasons=(reason,), error=reason, notes=tuple(notes), **base
    )
