"""``/verifikasi/{document_id}``: the public page every signed letter's QR code points at.

- ``GET``: what the archive knows about the letter, for anyone, without signing in: for a
  letter of sifat Biasa its number, date, hal, issuing unit, signers and signing times, state,
  and the SHA-256 of the signed PDF; for any other sifat only that it exists and which unit to
  ask; for an unknown identifier, a malformed one or a letter not (yet) fully signed, the same
  404 page. ``Accept: application/json`` gives the same as JSON.
- ``POST`` (the page's form, ``multipart/form-data`` with the file in ``berkas``, or the PDF
  as the raw body): whether the file is that letter, unchanged, and for a Biasa letter what
  the archive's verifier says about it (:mod:`tnde.archive.verification_check`). The file
  is held in memory for the answer only, never stored; it may be as large as one blob upload
  (``[limits] blob_max_bytes``).

Where the data come from: :mod:`tnde.archive.verification_data`; reading the upload:
:mod:`tnde.archive.verification_upload`; the HTML: :mod:`tnde.archive.verification_html`
(its style and script: :mod:`tnde.archive.verification_assets`). Every answer carries a
strict Content-Security-Policy, ``nosniff``, ``no-referrer``, ``noindex``; a letter's page
may be cached a minute by the browser only, and answers to uploads and 404s not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from tnde.archive.trust import TrustRoots, is_demo_profile, read_trust
from tnde.archive.verification_assets import CONTENT_SECURITY_POLICY
from tnde.archive.verification_check import (
    DEFAULT_TIME_LIMIT,
    DEFAULT_WORKERS,
    VerifierPool,
    check_upload,
)
from tnde.archive.verification_data import PublicLetter, RestrictedLetter, find_letter
from tnde.archive.verification_html import (
    Office,
    letter_page,
    not_found_page,
    problem_page,
    restricted_page,
    restricted_result_page,
    result_heading,
    result_page,
    status_text,
)
from tnde.archive.verification_upload import UploadRefusedError, uploaded_file
from tnde.canonical import format_timestamp
from tnde.errors import TndeError
from tnde.profiles import load_profile
from tnde.verify.policy import VerifyPolicy

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from tnde.archive.folder import ArchiveFolder
    from tnde.archive.service import ArchiveService
    from tnde.archive.verification_check import CheckResult, Opinion
    from tnde.archive.verification_data import ArchivedLetter
    from tnde.verify import FileReport

__all__ = ["VerificationSettings", "install", "router", "settings_for"]

log = logging.getLogger(__name__)

router = APIRouter()

_CACHE_LETTER = "private, max-age=60"
_NO_STORE = "no-store"


_NO_ROOTS = TrustRoots((), VerifyPolicy())
"""An archive without a trust store trusts nothing: every signature is "not certain"."""


@dataclass(frozen=True)
class VerificationSettings:
    """What the page needs besides the database: who it speaks for and what it trusts."""

    office: Office = field(default_factory=Office)
    trust: Callable[[], TrustRoots] = field(default=lambda: _NO_ROOTS)
    """Reads the roots the verifier trusts (at every check)."""
    workers: int = DEFAULT_WORKERS
    """Verifications that may run at once; more uploads meanwhile are told to retry."""
    time_limit: float = DEFAULT_TIME_LIMIT
    """Seconds one verification may take before the answer is "not checkable"."""
    verify: Callable[[bytes, TrustRoots], FileReport] | None = None
    """The verification itself (tests give a slow one); :func:`tnde.verify.verify_pdf`."""


def install(app: FastAPI, settings: VerificationSettings | None = None) -> None:
    """Serve the page in ``app`` (made by :func:`tnde.archive.app.create_app`), with one pool
    of verifier threads for all its requests."""
    settings = settings or VerificationSettings()
    app.state.verification = settings
    app.state.verifier = VerifierPool(
        settings.trust,
        workers=settings.workers,
        time_limit=settings.time_limit,
        verify=settings.verify,
    )
    app.include_router(router)


def settings_for(archive: ArchiveFolder) -> VerificationSettings:
    """The page's settings for an opened archive folder: the office from its profile, the
    roots from its trust store (DEMO roots only for the demo office's archive)."""
    demo = is_demo_profile(archive.config.profile)
    folder = archive.folder
    return VerificationSettings(
        office=_office(archive.folder, archive.config.profile),
        trust=lambda: read_trust(folder, demo=demo),
    )


def _office(folder: Path, profile: str) -> Office:
    source: str | Path = folder / profile if Path(profile).suffix == ".toml" else profile
    try:
        office = load_profile(source)
    except TndeError as exc:
        log.error(
            "the archive's profile %s cannot be read (%s); the page names no office", profile, exc
        )
        return Office()
    try:
        zone = ZoneInfo(office.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = Office().zone
    lines = tuple(line for line in office.kop.lines if line.strip()) or (office.nama,)
    return Office(lines=lines, name=office.nama, zone=zone)


# -- the routes ---------------------------------------------------------------------------------


@router.api_route("/verifikasi/{document_id:path}", methods=["GET", "HEAD"])
async def verification_page(document_id: str, request: Request) -> Response:
    """The letter's page (or JSON)."""
    service, settings = _state(request)
    letter = await run_in_threadpool(find_letter, service.database, document_id)
    limit = service.limits.blob_max_bytes
    if _wants_json(request):
        if letter is None:
            return _not_found_json()
        return _json(_letter_json(letter), 200, _CACHE_LETTER, vary=True)
    if letter is None:
        return _html(not_found_page(settings.office), 404, _NO_STORE)
    if isinstance(letter, RestrictedLetter):
        return _html(restricted_page(settings.office, letter, limit), 200, _CACHE_LETTER, vary=True)
    return _html(letter_page(settings.office, letter, limit), 200, _CACHE_LETTER, vary=True)


@router.post("/verifikasi/{document_id:path}")
async def verification_upload(document_id: str, request: Request) -> Response:
    """Compare the uploaded file with the letter (and verify it, for a Biasa letter)."""
    service, settings = _state(request)
    as_json = _wants_json(request)
    letter = await run_in_threadpool(find_letter, service.database, document_id)
    if letter is None:
        return (
            _not_found_json() if as_json else _html(not_found_page(settings.office), 404, _NO_STORE)
        )
    limit = service.limits.blob_max_bytes
    try:
        data = await uploaded_file(request, limit)
    except UploadRefusedError as refused:
        if as_json:
            return _json({"code": refused.code, "message": refused.message}, refused.status)
        page = problem_page(settings.office, refused.heading, refused.message, letter.document_id)
        return _html(page, refused.status, _NO_STORE)
    archived = await run_in_threadpool(_archived_bytes, service, letter)
    result = await check_upload(letter, data, archived, _verifier(request))
    if as_json:
        return _json(_result_json(letter, result), 200)
    if isinstance(letter, RestrictedLetter):
        return _html(restricted_result_page(settings.office, letter, result), 200, _NO_STORE)
    return _html(result_page(settings.office, letter, result), 200, _NO_STORE)


def _state(request: Request) -> tuple[ArchiveService, VerificationSettings]:
    service: ArchiveService = request.app.state.service
    settings: VerificationSettings = request.app.state.verification
    return service, settings


def _verifier(request: Request) -> VerifierPool:
    pool: VerifierPool = request.app.state.verifier
    return pool


def _archived_bytes(service: ArchiveService, letter: ArchivedLetter) -> bytes | None:
    """The signed PDF as the archive holds it (only a Biasa letter's is ever compared)."""
    if not isinstance(letter, PublicLetter) or service.stored_blob(letter.sha256) is None:
        return None
    try:
        with service.blobs.open(letter.sha256) as handle:
            return handle.read()
    except OSError:
        log.error(
            "the signed PDF %s of letter %s cannot be read", letter.sha256, letter.document_id
        )
        return None


# -- answers ------------------------------------------------------------------------------------


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "").lower()
    return "application/json" in accept and "text/html" not in accept


def _headers(cache: str, *, vary: bool = False) -> dict[str, str]:
    headers = {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "x-frame-options": "DENY",
        "x-robots-tag": "noindex, nofollow",
        "cross-origin-opener-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
        "cache-control": cache,
    }
    if vary:
        headers["vary"] = "Accept"
    return headers


def _html(page: str, status: int, cache: str, *, vary: bool = False) -> HTMLResponse:
    return HTMLResponse(page, status_code=status, headers=_headers(cache, vary=vary))


def _json(
    body: dict[str, Any], status: int, cache: str = _NO_STORE, *, vary: bool = False
) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=_headers(cache, vary=vary))


def _not_found_json() -> JSONResponse:
    return _json(
        {
            "code": "not_found",
            "message": "Tidak ada naskah bertanda tangan elektronik dengan kode ini di arsip.",
        },
        404,
    )


def _letter_json(letter: ArchivedLetter) -> dict[str, Any]:
    if isinstance(letter, RestrictedLetter):
        return {"document_id": letter.document_id, "restricted": True, "unit": letter.unit}
    return {
        "document_id": letter.document_id,
        "restricted": False,
        "unit": letter.unit,
        "nomor": letter.nomor,
        "tanggal": letter.tanggal.isoformat() if letter.tanggal else None,
        "hal": letter.hal,
        "jenis": letter.jenis,
        "status": letter.status.value,
        "status_text": status_text(letter.status),
        "signers": [
            {
                "nama": signer.nama,
                "jabatan": list(signer.jabatan),
                "signed_at": _iso(signer.signed_at),
            }
            for signer in letter.signers
        ],
        "sha256": letter.sha256,
    }


def _result_json(letter: ArchivedLetter, result: CheckResult) -> dict[str, Any]:
    body: dict[str, Any] = {
        "document_id": letter.document_id,
        "restricted": isinstance(letter, RestrictedLetter),
        "sha256": result.sha256,
        "size": result.size,
        "matches_archive": result.match.matches,
        "message": result_heading(letter, result),
    }
    if isinstance(letter, RestrictedLetter):
        return body
    body |= {
        "match": result.match.value,
        "archived_sha256": letter.sha256,
        "signed_part_intact": result.signed_part_intact,
        "foreign_signers": list(result.foreign_signers),
        "verification": _opinion_json(result.opinion),
    }
    return body


def _opinion_json(opinion: Opinion | None) -> dict[str, Any] | None:
    if opinion is None:
        return None
    return {
        "verdict": opinion.verdict.value if opinion.verdict else None,
        "label": opinion.verdict.label if opinion.verdict else None,
        "reasons": list(opinion.reasons),
        "problem": opinion.problem,
        "signatures": [
            {
                "signer": line.signer,
                "time": _iso(line.time),
                "time_proven": line.time_proven,
                "verdict": line.verdict.value,
                "demo": line.demo,
                "letter_signer": line.letter_signer,
            }
            for line in opinion.signatures
        ],
    }


def _iso(moment: dt.datetime | None) -> str | None:
    return format_timestamp(moment) if moment is not None else None
