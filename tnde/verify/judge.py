"""The verdict on one embedded signature or document timestamp (policy in tnde.verify.engine).

Order of the checks, each fail-closed: the bytes (:mod:`tnde.verify.structure`), pyHanko's
classic validation (integrity, signature value, timestamp token, trust at the time of
verification, difference analysis of every later update), then revocation from data embedded
in the file: the AdES engine (``ades_lta_validation``, local data only) when the file has a
DSS, and a point-in-time check at the trusted signing time (revocation data *required*) when
the AdES engine cannot conclude (a B-LT file has no proof of existence for its DSS).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tnde.pki.purpose import signing_purpose_problems
from tnde.verify.explain import explain, is_strict_error
from tnde.verify.model import SignatureReport, TimestampInfo, Verdict
from tnde.verify.revocation import check_revocation, evidence
from tnde.verify.signer import describe, identity, to_cryptography, utc
from tnde.verify.structure import byte_range_problems, revision_end_before

if TYPE_CHECKING:
    from tnde.verify.context import FileContext
    from tnde.verify.policy import RootPolicy

__all__ = ["judge_signature"]

log = logging.getLogger(__name__)

#: Trust problems that are about *when*: a trusted timestamp may still prove the signature.
_TIME_PROBLEMS = frozenset(
    {"OUT_OF_BOUNDS_NO_POE", "EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NOT_REVOKED"}
)
_REVOKED = frozenset({"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"})
_IDNUM = re.compile(r"idnum=(\d+)")
#: How far a timestamp may lie ahead of the verifier's clock (clock drift) before it counts
#: as dated in the future.
_CLOCK_SKEW = dt.timedelta(minutes=5)
_LEVEL_TEXT = {
    "NONE": "tidak ada perubahan",
    "LTA_UPDATES": "hanya pemeliharaan tanda tangan (DSS/cap waktu dokumen)",
    "FORM_FILLING": "pengisian formulir dan penandatanganan",
    "ANNOTATIONS": "pengisian formulir, penandatanganan dan anotasi",
    "OTHER": "perubahan yang tidak diizinkan",
}


@dataclass
class _Findings:
    invalid: list[str] = field(default_factory=list)
    indeterminate: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    proven_in_time: bool = False
    """Trust "now" failed only for time reasons, and signing-time validity was proven."""
    proven_by_ades: bool = False
    """The AdES engine passed the signature with its proof-of-existence chain."""

    def verdict(self) -> Verdict:
        if self.invalid:
            return Verdict.INVALID
        return Verdict.INDETERMINATE if self.indeterminate else Verdict.VALID


@dataclass
class Judged:
    """A signature's report plus what the file-level checks need from pyHanko."""

    report: SignatureReport
    modification_level: str | None = None


def judge_signature(ctx: FileContext, sig: Any, index: int) -> Judged:
    """Check one embedded signature (``pyhanko`` ``EmbeddedPdfSignature``) of the file."""
    found = _Findings()
    base: dict[str, Any] = {"index": index, "field": "?", "kind": "signature"}
    try:
        _basics(ctx, sig, base)
    except Exception as exc:
        if ctx.strict and is_strict_error(exc):
            raise
        log.debug("unreadable signature %d", index, exc_info=True)
        found.invalid.append(f"kamus tanda tangan tidak dapat dibaca: {explain(exc)}")
        return Judged(_finish(base, found))
    try:
        problems = _structure(ctx, sig)
        if problems:
            found.invalid += problems
            return Judged(_finish(base, found))
        if base["kind"] == "document_timestamp":
            return _judge_timestamp(ctx, sig, base, found)
        return _judge_signature(ctx, sig, base, found)
    except Exception as exc:
        if ctx.strict and is_strict_error(exc):
            raise
        log.debug("validation of %s failed", base["field"], exc_info=True)
        found.invalid.append(f"tanda tangan tidak dapat divalidasi: {explain(exc)}")
        return Judged(_finish(base, found))


# -- the pieces ---------------------------------------------------------------------------------


def _basics(ctx: FileContext, sig: Any, out: dict[str, Any]) -> None:
    """Facts read without validating anything, into ``out``; each may fail on a hostile file."""
    out["field"] = str(sig.field_name)
    out["revision"] = sig.signed_revision
    if sig.sig_object_type == "/DocTimeStamp":
        out["kind"] = "document_timestamp"
    out["subfilter"] = str(sig.sig_object.get("/SubFilter", "")).lstrip("/")
    values = list(sig.byte_range)
    if len(values) == 4 and all(isinstance(v, int) for v in values):
        out["byte_range"] = tuple(int(v) for v in values)
        out["signed_end"] = int(values[2]) + int(values[3])
    if out["kind"] == "signature":
        try:
            out["signer"] = identity(sig.signer_cert)
        except Exception:
            log.debug("no signer certificate for %s", out["field"], exc_info=True)
        try:
            claimed = sig.self_reported_timestamp
            out["claimed_time"] = utc(claimed) if claimed is not None else None
        except Exception:
            log.debug("unreadable /M in %s", out["field"], exc_info=True)
        out["certification"] = ctx.certification_of(sig)
        out["field_lock"] = _lock_text(sig)
    out["page"] = ctx.widget_page(sig)


def _structure(ctx: FileContext, sig: Any) -> list[str]:
    ref = getattr(sig.sig_field.raw_get("/V"), "reference", None)
    offset = ctx.object_offset(ref)
    problems = byte_range_problems(ctx.data, list(sig.byte_range), sig.pkcs7_content, offset)
    if not problems:
        end = int(sig.byte_range[2]) + int(sig.byte_range[3])
        expected = ctx.reader.xrefs.get_startxref_for_revision(sig.signed_revision)
        if revision_end_before(ctx.data, end) != expected:
            problems.append(
                "rentang yang ditandatangani tidak berakhir pada revisi tanda tangan ini"
            )
    return problems


def _judge_signature(ctx: FileContext, sig: Any, base: dict[str, Any], found: _Findings) -> Judged:
    from pyhanko.sign.validation import validate_pdf_signature

    ours = ctx.judges_tail(sig)
    fast = _proven_in_one_pass(ctx, sig, ours)
    status = fast or validate_pdf_signature(sig, ctx.validation_context(sig), skip_diff=ours)
    later = _later_changes(ctx, sig, status, ours)
    level = later.level
    base.update(coverage=_name(status.coverage), modification_level=level)
    base["chain"] = _chain(status.validation_path)
    if status.validation_path is not None:
        base["trust_anchor"] = base["chain"][-1] if base["chain"] else None
    policy = ctx.policy.for_root(_root_fingerprint(status.validation_path))
    ts = status.timestamp_validity
    best_time: dt.datetime | None = None
    if ts is not None:
        base["timestamp"] = _ts_info(ts)
        if ts.intact and ts.valid and ts.trusted:
            best_time = utc(ts.timestamp)

    if not status.intact:
        found.invalid.append("isi yang ditandatangani telah berubah (message digest tidak cocok)")
    if not status.valid:
        found.invalid.append("nilai tanda tangan kriptografis tidak sah untuk sertifikat penanda")
    _modifications(later, base, found)
    if status.seed_value_constraint_error is not None:
        found.invalid.append("tanda tangan melanggar batasan (seed value) kolom tanda tangan")
    if ts is not None and not (ts.intact and ts.valid):
        found.invalid.append("cap waktu tanda tangan rusak (imprint atau tanda tangan TSA)")
    content_ts = status.content_timestamp_validity
    if content_ts is not None and not (content_ts.intact and content_ts.valid):
        found.invalid.append("cap waktu isi (content timestamp) rusak")
    found.invalid += _purpose_problems(sig, policy)
    if not found.invalid and fast is not None:
        _proven(ctx, sig, status, base, found)
    elif not found.invalid:
        _trust(ctx, sig, status, best_time, base, found, policy)
    if not (found.invalid or found.indeterminate) and not _bottom_line(status, later, found):
        # Safety net: pyHanko's own judgement, minus only the time-related trust failures
        # resolved above, must agree before anything is called VALID.
        found.indeterminate.append("pyHanko tidak menyatakan tanda tangan ini sah")
    base["pades_level"] = ctx.pades_level(sig, has_signature_ts=ts is not None)
    return Judged(_finish(base, found), level)


def _proven_in_one_pass(ctx: FileContext, sig: Any, ours: bool) -> Any:
    """pyHanko's classic pass with the signer's path validated at the signature timestamp's
    time, with fresh revocation data required, instead of "now" without them; ``None``
    unless that proves everything (the common B-LT letter).

    The result is what :func:`_trust` would conclude after the "now" pass plus
    :func:`tnde.verify.revocation.check_revocation` at the trusted timestamp's time, at one
    certificate path validation less: the timestamp is the one pyHanko then finds intact,
    valid and trusted, and the signer's path holds at its time with only data issued at or
    after it. Anything else (no timestamp, no revocation data, a trust store window, a
    document timestamp after the signature for the AdES engine, a path that fails) takes the
    full route, which names the reason.
    """
    from pyhanko.sign.validation import validate_pdf_signature

    if any(p.revocation_freshness for p in ctx.policy.roots.values()):
        return None
    if ctx.has_dss and ctx.has_evidence_after(sig):
        return None
    moment = _token_time(sig)
    if moment is None or ctx.revinfo_source(sig) is None or moment > ctx.now + _CLOCK_SKEW:
        return None
    at_moment = ctx.validation_context(
        sig, moment=moment, fresh_after=moment.replace(microsecond=0)
    )
    status = validate_pdf_signature(
        sig,
        signer_validation_context=at_moment,
        ts_validation_context=ctx.validation_context(sig),
        skip_diff=ours,
    )
    ts = status.timestamp_validity
    proven = (
        status.trusted
        and ts is not None
        and ts.intact
        and ts.valid
        and ts.trusted
        and utc(ts.timestamp) == moment
    )
    return status if proven else None


def _token_time(sig: Any) -> dt.datetime | None:
    """genTime of the signature timestamp token, read without validating anything."""
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    try:
        for token in extract_tst_data_iter(sig.signer_info, signed=False):
            return utc(token["encap_content_info"]["content"].parsed["gen_time"].native)
    except Exception:  # an unreadable token is judged by the full route
        log.debug("no readable signature timestamp", exc_info=True)
    return None


def _proven(
    ctx: FileContext, sig: Any, status: Any, base: dict[str, Any], found: _Findings
) -> None:
    """Record what :func:`_proven_in_one_pass` established."""
    moment = utc(status.timestamp_validity.timestamp)
    base["revocation_source"] = ctx.revinfo_source(sig)
    base["revocation"] = "good"
    base["revocation_evidence"] = evidence(
        ctx, sig, status.validation_path, moment.replace(microsecond=0)
    )
    signer = base.get("signer")
    if signer is not None and not signer.not_before <= ctx.now <= signer.not_after:
        found.proven_in_time = True
        found.notes.append(
            "sertifikat sudah tidak berlaku saat ini, tetapi cap waktu tepercaya membuktikan "
            "tanda tangan dibuat dalam masa berlakunya"
        )


@dataclass(frozen=True)
class _Later:
    """What the revisions after a signature amount to, and who judged them."""

    level: str | None
    """``NONE``, ``LTA_UPDATES``, ``FORM_FILLING``, ``ANNOTATIONS``, ``OTHER``; ``None``
    when they could not be analysed."""
    docmdp_ok: bool | None
    diff_result: Any = None


def _later_changes(ctx: FileContext, sig: Any, status: Any, ours: bool) -> _Later:
    """pyHanko's difference analysis, or ours for what follows the last approval signature.

    After the last approval signature only validation data and document timestamps may
    follow; :mod:`tnde.verify.tail` checks exactly that, more strictly than pyHanko (which
    lets metadata change there), so pyHanko's analysis of the same revisions (a third of
    the verification time of a letter) is not run for those signatures.
    """
    if not ours:
        level = status.modification_level
        return _Later(
            level.name if level is not None else None, status.docmdp_ok, status.diff_result
        )
    coverage = _name(status.coverage)
    if coverage not in ("ENTIRE_REVISION", "ENTIRE_FILE"):
        return _Later(None, None)
    if ctx.tail_problems:
        return _Later("OTHER", False, _TAIL_REFUSED)
    later = sig.signed_revision < ctx.reader.xrefs.total_revisions - 1
    return _Later("LTA_UPDATES" if later else "NONE", True)


_TAIL_REFUSED = "tail"


def _bottom_line(status: Any, later: _Later, found: _Findings) -> bool:
    """``status.bottom_line``, except for trust "now" that was proven at signing time."""
    ts, content_ts = status.timestamp_validity, status.content_timestamp_validity
    ts_ok = ts is None or (ts.intact and ts.valid and (ts.trusted or found.proven_by_ades))
    content_ok = content_ts is None or (
        content_ts.intact and content_ts.valid and (content_ts.trusted or found.proven_by_ades)
    )
    trusted = status.trusted or found.proven_in_time or found.proven_by_ades
    return bool(
        status.intact
        and status.valid
        and trusted
        and ts_ok
        and content_ok
        and status.seed_value_ok
        and later.docmdp_ok is True
        and later.level is not None
    )


def _modifications(later: _Later, base: dict[str, Any], found: _Findings) -> None:
    from pyhanko.sign.diff_analysis import SuspiciousModification

    level = base["modification_level"]
    if level is None:
        found.invalid.append("perubahan setelah tanda tangan ini tidak dapat dianalisis")
        return
    if later.docmdp_ok is True and level != "OTHER":
        return
    detail = later.diff_result
    if detail is _TAIL_REFUSED:
        certified = base.get("certification")
        found.invalid.append(
            "setelah tanda tangan terakhir ada perubahan selain data validasi dan cap waktu "
            "dokumen"
            + (f", melampaui izin sertifikasi DocMDP P={certified}" if certified else "")
            + " (rinciannya pada alasan berkas)"
        )
    elif isinstance(detail, SuspiciousModification):
        violation = _violation_text(str(detail))
        base["lock_violations"] = (violation,)
        found.invalid.append(violation)
    elif level != "OTHER" and base.get("certification") is not None:
        found.invalid.append(
            f"perubahan setelah tanda tangan ({_LEVEL_TEXT.get(level, level)}) melampaui izin "
            f"sertifikasi DocMDP P={base['certification']}"
        )
    else:
        found.invalid.append(
            f"perubahan setelah tanda tangan tidak diizinkan ({_LEVEL_TEXT.get(level, level)})"
        )


def _violation_text(message: str) -> str:
    """pyHanko's difference-analysis finding as an Indonesian sentence (no internals)."""
    lowered = message.lower()
    objects = sorted({int(n) for n in _IDNUM.findall(message)})
    which = f" (objek {', '.join(map(str, objects[:5]))})" if objects else ""
    if "is locked" in message:
        name = message.split("form field ", 1)[-1].split(" is locked", 1)[0]
        return f"kolom '{name}' dikunci (FieldMDP) tetapi diubah setelah tanda tangan ini"
    if "certification signature" in lowered:
        return (
            "setelah tanda tangan sertifikasi ditambahkan kolom atau isi baru yang hanya boleh "
            f"ditambahkan setelah tanda tangan persetujuan{which}"
        )
    if "appearance" in lowered:
        return (
            "tampilan (appearance) kolom formulir diganti setelah tanda tangan ini dengan cara "
            f"yang dapat mengubah isi yang terlihat{which}"
        )
    if "unexplained" in lowered or "xref" in lowered:
        return f"ada objek yang diubah setelah tanda tangan ini tanpa alasan yang diizinkan{which}"
    if "annot" in lowered:
        return f"anotasi ditambahkan atau diubah setelah tanda tangan ini{which}"
    return f"perubahan setelah tanda tangan ini tidak diizinkan{which}"


def _trust(
    ctx: FileContext,
    sig: Any,
    status: Any,
    best_time: dt.datetime | None,
    base: dict[str, Any],
    found: _Findings,
    policy: RootPolicy,
) -> None:
    """Chain, validity period and revocation, in the light of the best proof of time.

    ``status`` comes from the classic pass "now" without revocation data: embedded CRLs and
    OCSP responses are stale a few days after signing, so they are only used at the time
    they speak for (the AdES engine's proof of existence, or the trusted signing time).
    """
    source = ctx.revinfo_source(sig)
    base["revocation_source"] = source
    if ctx.has_dss and ctx.has_evidence_after(sig):
        # Only a document timestamp after the signature gives the AdES engine the proof of
        # existence it needs; without one (B-LT) it can only answer INDETERMINATE/NO_POE.
        result = asyncio.run(_ades(ctx, sig))
        indication = result.ades_subindic
        base["ades"] = f"{indication.status.name}/{indication.name}"
        if indication.status.name == "PASSED":
            # The AdES engine accepts revocation data issued before the signing time; the
            # freshness rule is checked at the time the timestamp chain proves.
            ts = status.timestamp_validity
            proven = utc(ts.timestamp) if ts is not None and ts.intact and ts.valid else None
            result = check_revocation(
                ctx, sig, proven or ctx.now, base["revocation_source"], policy.revocation_freshness
            )
            base["revocation"] = result.state
            base["revocation_evidence"] = result.evidence
            if result.state == "revoked":
                found.invalid.append(result.message)
                return
            if result.state != "good":
                found.indeterminate.append(result.message)
                return
            found.proven_by_ades = True
            if not status.trusted or (status.timestamp_validity and best_time is None):
                found.notes.append(
                    "keabsahan pada waktu penandatanganan dibuktikan oleh rantai cap waktu "
                    "dokumen (validasi AdES jangka panjang)"
                )
            return
        details = getattr(result.api_status, "revocation_details", None)
        if indication.name in _REVOKED and details is not None:
            base["revocation"] = "revoked"
            found.invalid.append(_revoked_text(details, utc(details.revocation_date)))
            return
    ts = status.timestamp_validity
    if ts is not None and not ts.trusted:
        found.indeterminate.append(
            f"cap waktu tanda tangan dari TSA yang tidak dipercaya ({base['timestamp'].tsa})"
        )
    if not status.trusted:
        problem = _name(status.trust_problem_indic) or "tidak diketahui"
        if problem not in _TIME_PROBLEMS:
            found.indeterminate.append(_untrusted_text(problem))
            return
        signer = base.get("signer")
        period = (
            f" (berlaku {signer.not_before:%Y-%m-%d} s.d. {signer.not_after:%Y-%m-%d})"
            if signer
            else ""
        )
        if best_time is None:
            found.indeterminate.append(
                f"sertifikat penanda tangan tidak berlaku saat verifikasi{period} dan tidak ada "
                "cap waktu tepercaya yang membuktikan tanda tangan dibuat dalam masa berlakunya"
            )
            return
        if signer is not None and not signer.not_before <= best_time <= signer.not_after:
            found.indeterminate.append(
                f"sertifikat penanda tangan tidak berlaku pada waktu cap waktu "
                f"{best_time:%Y-%m-%d %H:%M} UTC{period}; tidak terbukti tanda tangan dibuat "
                "dalam masa berlakunya"
            )
            return
    if best_time is not None and _timestamp_out_of_bounds(ctx, base, best_time, found):
        return
    moment = best_time or ctx.now
    result = check_revocation(
        ctx,
        sig,
        moment,
        source,
        policy.revocation_freshness,
        status.validation_path if status.trusted else None,
    )
    base["revocation"] = result.state
    base["revocation_evidence"] = result.evidence
    if result.state == "revoked":
        found.invalid.append(result.message)
    elif result.state != "good":
        found.indeterminate.append(result.message)
    elif best_time is not None and not status.trusted:
        found.proven_in_time = True
        found.notes.append(
            "sertifikat sudah tidak berlaku saat ini, tetapi cap waktu tepercaya membuktikan "
            "tanda tangan dibuat dalam masa berlakunya"
        )


def _timestamp_out_of_bounds(
    ctx: FileContext, base: dict[str, Any], best_time: dt.datetime, found: _Findings
) -> bool:
    """The trusted timestamp lies outside the signer's validity or in the future."""
    signer = base.get("signer")
    when = f"{best_time:%Y-%m-%d %H:%M:%S} UTC"
    if best_time > ctx.now + _CLOCK_SKEW:
        found.indeterminate.append(
            f"cap waktu tanda tangan bertanggal di masa depan ({when}, verifikasi "
            f"{ctx.now:%Y-%m-%d %H:%M:%S} UTC): jam TSA tidak dapat dipercaya"
        )
        return True
    if signer is None:
        return False
    if best_time < signer.not_before:
        found.indeterminate.append(
            f"cap waktu tanda tangan ({when}) lebih awal dari mulai berlakunya sertifikat "
            f"penanda tangan ({signer.not_before:%Y-%m-%d %H:%M:%S} UTC)"
        )
        return True
    if best_time > signer.not_after:
        found.indeterminate.append(
            f"cap waktu tanda tangan ({when}) setelah sertifikat penanda tangan berakhir "
            f"({signer.not_after:%Y-%m-%d %H:%M:%S} UTC)"
        )
        return True
    return False


def _purpose_problems(sig: Any, policy: RootPolicy) -> list[str]:
    """The signer certificate may sign documents (key usage, EKU, not a CA)."""
    try:
        cert = to_cryptography(sig.signer_cert)
    except Exception:  # noqa: BLE001 - reported by the integrity checks
        return []
    problems = signing_purpose_problems(cert, policy.purposes)
    return [
        f"sertifikat penanda tangan tidak boleh dipakai menandatangani dokumen: {p}"
        for p in problems
    ]


def _root_fingerprint(path: Any) -> str | None:
    if path is None:
        return None
    try:
        certs = list(path.iter_certs(include_root=True))
    except Exception:  # noqa: BLE001 - no path, no per-root rules
        return None
    return hashlib.sha256(certs[0].dump()).hexdigest() if certs else None


async def _ades(ctx: FileContext, sig: Any) -> Any:
    from pyhanko.sign.validation.ades import ades_lta_validation

    return await ades_lta_validation(sig, ctx.ades_spec())


def _judge_timestamp(ctx: FileContext, sig: Any, base: dict[str, Any], found: _Findings) -> Judged:
    from pyhanko.sign.validation import validate_pdf_timestamp

    ours = ctx.judges_tail(sig)
    status = validate_pdf_timestamp(
        sig, validation_context=ctx.validation_context(sig), skip_diff=ours
    )
    level = _later_changes(ctx, sig, status, ours).level
    base.update(coverage=_name(status.coverage), modification_level=level)
    base["timestamp"] = _ts_info(status)
    base["chain"] = _chain(status.validation_path)
    if not (status.intact and status.valid):
        found.invalid.append("cap waktu dokumen rusak (imprint atau tanda tangan TSA tidak cocok)")
    elif not status.trusted:
        found.indeterminate.append(
            f"cap waktu dokumen dari TSA yang tidak dipercaya ({base['timestamp'].tsa})"
        )
    if level is None or level == "OTHER":
        found.invalid.append("perubahan setelah cap waktu dokumen tidak diizinkan")
    return Judged(_finish(base, found), level)


# -- helpers ------------------------------------------------------------------------------------


def _finish(base: dict[str, Any], found: _Findings) -> SignatureReport:
    level = base.get("modification_level")
    if level is not None:
        found.notes.insert(0, f"perubahan setelahnya: {_LEVEL_TEXT.get(level, level)}")
    reasons = tuple(dict.fromkeys(found.invalid + found.indeterminate))
    return SignatureReport(
        verdict=found.verdict(), reasons=reasons, notes=tuple(found.notes), **base
    )


def _ts_info(ts: Any) -> TimestampInfo:
    return TimestampInfo(
        time=utc(ts.timestamp),
        tsa=describe(to_cryptography(ts.signing_cert)),
        intact=bool(ts.intact and ts.valid),
        trusted=bool(ts.trusted),
    )


def _chain(path: Any) -> tuple[str, ...]:
    if path is None:
        return ()
    certs = [describe(to_cryptography(c)) for c in path.iter_certs(include_root=True)]
    return tuple(reversed(certs))


def _lock_text(sig: Any) -> str | None:
    spec = sig.fieldmdp
    if spec is None:
        return None
    action = spec.action.name
    fields = ", ".join(spec.fields or [])
    if action == "ALL":
        return "semua kolom dikunci"
    if action == "INCLUDE":
        return f"kolom dikunci: {fields}"
    return f"semua kolom dikunci kecuali: {fields}"


def _revoked_text(details: Any, when: dt.datetime) -> str:
    whose = "sertifikat CA dalam rantai" if details.ca_revoked else "sertifikat penanda tangan"
    reason = getattr(details.revocation_reason, "native", None) or "tanpa alasan"
    return f"{whose} telah dicabut pada {when:%Y-%m-%d %H:%M} UTC (alasan: {reason})"


#: pyHanko's trust problems (ETSI EN 319 102-1 sub-indications) in the auditor's words.
_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": (
        "sertifikat penanda tangan tidak berantai ke akar tepercaya yang digunakan"
    ),
    "CHAIN_CONSTRAINTS_FAILURE": (
        "rantai sertifikat penanda tangan melanggar batasannya (misalnya penggunaan kunci, "
        "batasan nama atau kebijakan sertifikat)"
    ),
    "CRYPTO_CONSTRAINTS_FAILURE": (
        "rantai sertifikat penanda tangan memakai algoritma atau panjang kunci yang tidak diterima"
    ),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": (
        "rantai sertifikat penanda tangan memakai algoritma yang kini tidak diterima, tanpa "
        "bukti waktu sebelum algoritma itu dilarang"
    ),
    "SIGNED_DATA_NOT_FOUND": "data yang ditandatangani tidak ditemukan",
    "TRY_LATER": "status pencabutan sertifikat belum dapat dipastikan",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": (
        "data status pencabutan tidak mencakup waktu yang diperlukan"
    ),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "rantai sertifikat penanda tangan tidak sah",
}


def _untrusted_text(problem: str) -> str:
    return _TRUST_PROBLEMS.get(
        problem, f"rantai sertifikat penanda tangan tidak dapat divalidasi (kode {problem})"
    )


def _name(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "name", value))
