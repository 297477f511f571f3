"""Chain, time and revocation of one signature, in the light of the best proof of time.

:func:`tnde.verify.judge.judge_signature` checks the bytes, the CMS and the changes after a
signature; this module decides whether the signer's certificate was fit, trusted and not
revoked when the signature was made: in one pyHanko pass for the common timestamped B-LT
letter (:func:`proven_in_one_pass`), else through :func:`judge_trust` (the AdES engine for
B-LTA, validity periods against the trusted timestamp, revocation with fresh data only).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from typing import TYPE_CHECKING, Any

from tnde.pki.purpose import signing_purpose_problems
from tnde.verify.findings import Findings, name
from tnde.verify.revocation import check_revocation, evidence
from tnde.verify.signer import to_cryptography, utc

if TYPE_CHECKING:
    from tnde.verify.context import FileContext
    from tnde.verify.policy import RootPolicy

__all__ = [
    "judge_trust",
    "proven_in_one_pass",
    "purpose_problems",
    "record_proven",
    "root_fingerprint",
]

log = logging.getLogger(__name__)

#: Trust problems that are about *when*: a trusted timestamp may still prove the signature.
_TIME_PROBLEMS = frozenset(
    {"OUT_OF_BOUNDS_NO_POE", "EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NOT_REVOKED"}
)
_REVOKED = frozenset({"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"})
#: How far a timestamp may lie ahead of the verifier's clock (clock drift) before it counts
#: as dated in the future.
_CLOCK_SKEW = dt.timedelta(minutes=5)


def proven_in_one_pass(ctx: FileContext, sig: Any, ours: bool) -> Any:
    """pyHanko's classic pass with the signer's path validated at the signature timestamp's
    time, with fresh revocation data required, instead of "now" without them; ``None``
    unless that proves everything (the common B-LT letter).

    The result is what :func:`judge_trust` would conclude after the "now" pass plus
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


def record_proven(
    ctx: FileContext, sig: Any, status: Any, base: dict[str, Any], found: Findings
) -> None:
    """Record what :func:`proven_in_one_pass` established."""
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


def judge_trust(
    ctx: FileContext,
    sig: Any,
    status: Any,
    best_time: dt.datetime | None,
    base: dict[str, Any],
    found: Findings,
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
        problem = name(status.trust_problem_indic) or "tidak diketahui"
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
    ctx: FileContext, base: dict[str, Any], best_time: dt.datetime, found: Findings
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


def purpose_problems(sig: Any, policy: RootPolicy) -> list[str]:
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


def root_fingerprint(path: Any) -> str | None:
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
