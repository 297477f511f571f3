"""The verdict on one embedded signature or document timestamp (policy in tnde.verify.engine).

Order of the checks, each fail-closed: the bytes (:mod:`tnde.verify.structure`), pyHanko's
classic validation (integrity, signature value, timestamp token, difference analysis of the
later updates up to the last approval signature, :mod:`tnde.verify.tail` after it), the
signer certificate's purpose, then chain, time and revocation (:mod:`tnde.verify.trust`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.verify.explain import explain, is_strict_error
from tnde.verify.findings import Findings, name
from tnde.verify.model import SignatureReport, TimestampInfo
from tnde.verify.signer import describe, identity, to_cryptography, utc
from tnde.verify.structure import byte_range_problems, revision_end_before
from tnde.verify.trust import (
    judge_trust,
    proven_in_one_pass,
    purpose_problems,
    record_proven,
    root_fingerprint,
)

if TYPE_CHECKING:
    import datetime as dt

    from tnde.verify.context import FileContext

__all__ = ["judge_signature"]

log = logging.getLogger(__name__)

_IDNUM = re.compile(r"idnum=(\d+)")
_LEVEL_TEXT = {
    "NONE": "tidak ada perubahan",
    "LTA_UPDATES": "hanya pemeliharaan tanda tangan (DSS/cap waktu dokumen)",
    "FORM_FILLING": "pengisian formulir dan penandatanganan",
    "ANNOTATIONS": "pengisian formulir, penandatanganan dan anotasi",
    "OTHER": "perubahan yang tidak diizinkan",
}


@dataclass
class Judged:
    """A signature's report plus what the file-level checks need from pyHanko."""

    report: SignatureReport
    modification_level: str | None = None


def judge_signature(ctx: FileContext, sig: Any, index: int) -> Judged:
    """Check one embedded signature (``pyhanko`` ``EmbeddedPdfSignature``) of the file."""
    found = Findings()
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


def _judge_signature(ctx: FileContext, sig: Any, base: dict[str, Any], found: Findings) -> Judged:
    from pyhanko.sign.validation import validate_pdf_signature

    ours = ctx.judges_tail(sig)
    fast = proven_in_one_pass(ctx, sig, ours)
    status = fast or validate_pdf_signature(sig, ctx.validation_context(sig), skip_diff=ours)
    later = _later_changes(ctx, sig, status, ours)
    level = later.level
    base.update(coverage=name(status.coverage), modification_level=level)
    base["chain"] = _chain(status.validation_path)
    if status.validation_path is not None:
        base["trust_anchor"] = base["chain"][-1] if base["chain"] else None
    policy = ctx.policy.for_root(root_fingerprint(status.validation_path))
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
    found.invalid += purpose_problems(sig, policy)
    if not found.invalid and fast is not None:
        record_proven(ctx, sig, status, base, found)
    elif not found.invalid:
        judge_trust(ctx, sig, status, best_time, base, found, policy)
    if not (found.invalid or found.indeterminate) and not _bottom_line(status, later, found):
        # Safety net: pyHanko's own judgement, minus only the time-related trust failures
        # resolved above, must agree before anything is called VALID.
        found.indeterminate.append("pyHanko tidak menyatakan tanda tangan ini sah")
    base["pades_level"] = ctx.pades_level(sig, has_signature_ts=ts is not None)
    return Judged(_finish(base, found), level)


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
    coverage = name(status.coverage)
    if coverage not in ("ENTIRE_REVISION", "ENTIRE_FILE"):
        return _Later(None, None)
    if ctx.tail_problems:
        return _Later("OTHER", False, _TAIL_REFUSED)
    later = sig.signed_revision < ctx.reader.xrefs.total_revisions - 1
    return _Later("LTA_UPDATES" if later else "NONE", True)


_TAIL_REFUSED = "tail"


def _bottom_line(status: Any, later: _Later, found: Findings) -> bool:
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


def _modifications(later: _Later, base: dict[str, Any], found: Findings) -> None:
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


def _judge_timestamp(ctx: FileContext, sig: Any, base: dict[str, Any], found: Findings) -> Judged:
    from pyhanko.sign.validation import validate_pdf_timestamp

    ours = ctx.judges_tail(sig)
    status = validate_pdf_timestamp(
        sig, validation_context=ctx.validation_context(sig), skip_diff=ours
    )
    level = _later_changes(ctx, sig, status, ours).level
    base.update(coverage=name(status.coverage), modification_level=level)
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


def _finish(base: dict[str, Any], found: Findings) -> SignatureReport:
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
