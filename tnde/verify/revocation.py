"""Was the signer's certificate unrevoked *at the signing time*? Only fresh data can say.

A CRL or OCSP response tells the status as of its ``thisUpdate``. One issued before the
signature says nothing about a revocation between its issue and the signature, however long
its ``nextUpdate`` runs (pyHanko's default freshness rule accepts it). So the signer's path is
validated at the proven signing time with only the revocation data issued at or after that
time, less the window the trust store grants the root (:mod:`tnde.verify.policy`).

Data issued earlier still count against the certificate: a stale CRL that lists the
certificate as revoked before the signing time proves the revocation. Hence two passes: the
fresh data decide "good"; when they cannot, all data are asked whether the certificate was
revoked, and otherwise the verdict is "unknown" with the reason named.

The report says which data proved what (:func:`evidence`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.verify.signer import describe, to_cryptography, utc

if TYPE_CHECKING:
    import datetime as dt

    from tnde.verify.context import FileContext

__all__ = ["RevocationResult", "check_revocation", "issued_at", "usable"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RevocationResult:
    """The outcome of the point-in-time check."""

    state: str
    """``good``, ``revoked`` or ``unknown``."""
    message: str = ""
    """Why it is not ``good`` (Indonesian)."""
    evidence: tuple[str, ...] = ()
    """The revocation data that proved ``good``, one sentence each."""


def check_revocation(
    ctx: FileContext,
    sig: Any,
    moment: dt.datetime,
    source: str | None,
    window: dt.timedelta,
    path: Any = None,
) -> RevocationResult:
    """The signer's path at ``moment`` with the embedded (and the auditor's) revocation data.

    Args:
        ctx: the file's shared context.
        sig: pyHanko's ``EmbeddedPdfSignature``.
        moment: the proven signing time (trusted signature timestamp), else now.
        source: where revocation data come from (``FileContext.revinfo_source``).
        window: how long before ``moment`` data may have been issued and still count.
        path: the signer's certification path already built by the classic pass, if any
            (validated again here, at ``moment``, without building it anew).
    """
    from pyhanko_certvalidator.errors import RevokedError

    if source is None:
        return RevocationResult(
            "unknown",
            "tidak ada data status pencabutan (CRL/OCSP) di dalam berkas; status sertifikat "
            "tidak dapat dipastikan secara luring (gunakan tingkat PAdES B-LT atau B-LTA)",
        )
    # Revocation times and thisUpdate have whole seconds; so is the comparison.
    fresh_after = moment.replace(microsecond=0) - window
    try:
        path = asyncio.run(_path_at(ctx, sig, moment, fresh_after, path))
    except RevokedError as exc:
        return _revoked(exc)
    except Exception:
        log.debug("point-in-time check with fresh data failed", exc_info=True)
    else:
        return RevocationResult("good", evidence=evidence(ctx, sig, path, fresh_after))
    try:
        asyncio.run(_path_at(ctx, sig, moment, None, path))
    except RevokedError as exc:
        return _revoked(exc)
    except Exception as exc:
        log.debug("point-in-time check with all data failed", exc_info=True)
        return RevocationResult(
            "unknown",
            "data status pencabutan di dalam berkas tidak cukup untuk memastikan sertifikat "
            f"belum dicabut pada {moment:%Y-%m-%d %H:%M:%S} UTC ({_reason(exc)})",
        )
    stale = ", ".join(_describe_all(ctx, sig, before=fresh_after))
    allowed = f" (toleransi {_duration(window)})" if window else ""
    return RevocationResult(
        "unknown",
        "data status pencabutan di dalam berkas diterbitkan sebelum waktu penandatanganan "
        f"{moment:%Y-%m-%d %H:%M:%S} UTC{allowed}, sehingga tidak membuktikan sertifikat "
        f"belum dicabut saat itu: {stale or 'tidak ada data yang cukup baru'}",
    )


async def _path_at(
    ctx: FileContext,
    sig: Any,
    moment: dt.datetime,
    fresh_after: dt.datetime | None,
    path: Any,
) -> Any:
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.validate import async_validate_path

    context = ctx.validation_context(sig, moment=moment, fresh_after=fresh_after)
    if path is not None:
        await async_validate_path(context, path)
        return path
    validator = CertificateValidator(
        sig.signer_cert, intermediate_certs=sig.other_embedded_certs, validation_context=context
    )
    return await validator.async_validate_path()


def _revoked(exc: Any) -> RevocationResult:
    state = getattr(exc, "proc_state", None)
    whose = (
        "sertifikat CA"
        if state is not None and not state.is_ee_cert
        else "sertifikat penanda tangan"
    )
    reason = getattr(exc.reason, "native", None) or "tanpa alasan"
    when = utc(exc.revocation_dt)
    return RevocationResult(
        "revoked", f"{whose} telah dicabut pada {when:%Y-%m-%d %H:%M} UTC (alasan: {reason})"
    )


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "failure_message", "") or exc).lower()
    if "revocation" in text or "crl" in text or "ocsp" in text:
        return "tidak ada CRL/OCSP yang berlaku untuk seluruh rantai"
    if "expired" in text or "not valid" in text or "validity" in text:
        return "sertifikat dalam rantai tidak berlaku pada waktu itu"
    return "rantai sertifikat tidak dapat divalidasi pada waktu itu"


# -- the data -----------------------------------------------------------------------------------


def issued_at(value: Any) -> dt.datetime | None:
    """When a CRL (``thisUpdate``) or OCSP response (earliest ``thisUpdate``) was issued."""
    try:
        if "tbs_cert_list" in value:
            return utc(value["tbs_cert_list"]["this_update"].native)
        basic = value["response_bytes"]["response"].parsed
        times = [r["this_update"].native for r in basic["tbs_response_data"]["responses"]]
        return utc(min(times)) if times else None
    except Exception:
        log.debug("no issue time", exc_info=True)
        return None


def usable(value: Any, fresh_after: dt.datetime | None, signer: Any) -> bool:
    """Whether ``value`` may be given to the point-in-time check.

    Data about the signer's certificate (a CRL of its issuer, an OCSP response for its
    serial) must be issued at or after ``fresh_after``; data about the CAs above it keep
    the ordinary rule (valid between thisUpdate and nextUpdate): a root publishes its CRL
    rarely, and a CA's compromise is for the trust store's admin to act on.
    """
    if fresh_after is None or not _about(value, signer):
        return True
    issued = issued_at(value)
    return issued is not None and issued >= fresh_after


def _about(value: Any, signer: Any) -> bool:
    try:
        if "tbs_cert_list" in value:
            return bool(value["tbs_cert_list"]["issuer"].dump() == signer.issuer.dump())
        basic = value["response_bytes"]["response"].parsed
        serials = {
            r["cert_id"]["serial_number"].native for r in basic["tbs_response_data"]["responses"]
        }
        return signer.serial_number in serials
    except Exception:
        log.debug("cannot tell what revocation data are about", exc_info=True)
        return True


def evidence(ctx: FileContext, sig: Any, path: Any, fresh_after: dt.datetime) -> tuple[str, ...]:
    """Sentences naming the fresh data that cover the certificates of ``path``."""
    names = set()
    serials = set()
    for cert in path.iter_certs(include_root=False):
        names.add(cert.issuer.dump())
        serials.add(cert.serial_number)
    out = []
    for value, where in ctx.revinfo_items(sig):
        if not usable(value, fresh_after, sig.signer_cert):
            continue
        text = _describe(value, where, names, serials)
        if text:
            out.append(text)
    return tuple(dict.fromkeys(out))


def _describe_all(ctx: FileContext, sig: Any, *, before: dt.datetime) -> list[str]:
    out: list[str] = []
    for value, where in ctx.revinfo_items(sig):
        if usable(value, before, sig.signer_cert):
            continue
            out.append(_describe(value, where, None, None) or "")
    return [o for o in dict.fromkeys(out) if o]


def _describe(value: Any, where: str, names: set[bytes] | None, serials: set[int] | None) -> str:
    issued = issued_at(value)
    when = f"{issued:%Y-%m-%d %H:%M:%S} UTC" if issued else "waktu tidak diketahui"
    try:
        if "tbs_cert_list" in value:
            issuer = value["tbs_cert_list"]["issuer"]
            if names is not None and issuer.dump() not in names:
                return ""
            return f"CRL {_cn(issuer)} diterbitkan {when} ({where})"
        basic = value["response_bytes"]["response"].parsed
        responses = basic["tbs_response_data"]["responses"]
        ids = {int(r["cert_id"]["serial_number"].native) for r in responses}
        if serials is not None and not ids & serials:
            return ""
        certs = basic["certs"] or []
        responder = describe(to_cryptography(certs[0])) if len(certs) else "penjawab OCSP"
        status = ", ".join(str(r["cert_status"].name) for r in responses)
        return f"OCSP dari {responder} ({status}) diterbitkan {when} ({where})"
    except Exception:
        log.debug("cannot describe revocation data", exc_info=True)
        return ""


def _cn(name: Any) -> str:
    native = name.native
    return str(native.get("common_name") or name.human_friendly)


def _duration(window: dt.timedelta) -> str:
    seconds = int(window.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400} hari"
    if seconds % 3600 == 0:
        return f"{seconds // 3600} jam"
    return f"{seconds // 60} menit"
