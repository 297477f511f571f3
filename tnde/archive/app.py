"""The archive's web application (FastAPI), made by :func:`create_app`.

Every error leaves as JSON with a stable ``code`` for programs and a ``message`` for people,
worded through :mod:`tnde.messages` (Indonesian unless the server runs with
``TNDE_LANG=en``)::

    {"code": "digest_mismatch", "message": "isi berkas tidak cocok dengan namanya: …"}

The codes: the :class:`~tnde.archive.errors.ArchiveError` codes (``bad_blob_name``,
``digest_mismatch`` 422, ``blob_too_large`` 413), ``blob_not_found``, ``bad_media_type``,
``storage_full`` (507) and ``storage_failed`` (500) when a file cannot be written, ``not_found``
(no such path), ``method_not_allowed``, ``invalid_request``, ``internal_error`` (500, the
details go to the server's log only), ``not_admin`` (403, an administrator's route), and
the sign-in codes of :class:`~tnde.archive.errors.AuthError` (401 with
``WWW-Authenticate: Bearer``, 403, 409, 422, 429 with ``Retry-After``).
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from tnde import __version__
from tnde.archive.auth_routes import auth_router
from tnde.archive.errors import ArchiveError, AuthError
from tnde.archive.office_routes import router as office_router
from tnde.archive.routes import ApiError, router
from tnde.archive.service import ArchiveService, Limits
from tnde.archive.signin import AuthService
from tnde.archive.sync_routes import router as sync_router
from tnde.archive.tokens import KEY_BYTES, AccessTokens, read_token_key
from tnde.archive.verification_page import install as install_verification_page
from tnde.archive.verification_page import settings_for as verification_settings
from tnde.errors import ProfileError
from tnde.messages import _
from tnde.profiles import load_profile
from tnde.profiles.model import DEFAULT_TIMEZONE

if TYPE_CHECKING:
    from fastapi import Request

    from tnde.archive.blobs import BlobStore
    from tnde.archive.db import Database
    from tnde.archive.folder import ArchiveFolder
    from tnde.archive.verification_page import VerificationSettings

__all__ = ["create_app", "error_body"]

log = logging.getLogger(__name__)

_STATUS = {
    ArchiveError.BAD_BLOB_NAME: 422,
    ArchiveError.DIGEST_MISMATCH: 422,
    ArchiveError.BLOB_TOO_LARGE: 413,
}
"""The HTTP status of each archive error a request can cause (others are the server's: 500)."""


def create_app(
    database: Database,
    blobs: BlobStore,
    limits: Limits,
    *,
    auth: AuthService | None = None,
    verification: VerificationSettings | None = None,
) -> FastAPI:
    """The archive's application over ``database`` (migrated) and ``blobs``.

    Args:
        auth: the sign-in service; by default one whose access-token key lives only as long
            as the process (:func:`app_for` gives the archive folder's key, so tokens survive
            a restart and every server process of the archive accepts them).
        verification: the public verification page's office and trust roots
            (:mod:`tnde.archive.verification_page`); by default it names no office and
            trusts no root.
    """
    app = FastAPI(
        title="TNDE Arsip",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.service = ArchiveService(database, blobs, limits)
    app.state.auth = auth or AuthService(database, AccessTokens(secrets.token_bytes(KEY_BYTES)))
    app.include_router(router)
    app.include_router(auth_router)
    app.include_router(sync_router)
    app.include_router(office_router)
    install_verification_page(app, verification)
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(AuthError, _auth_error)  # type: ignore[arg-type]
    app.add_exception_handler(ArchiveError, _archive_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal_error)
    return app


def app_for(archive: ArchiveFolder) -> FastAPI:
    """The application of an opened archive folder."""
    auth = AuthService(
        archive.database, AccessTokens(read_token_key(archive.folder)), zone=_office_zone(archive)
    )
    return create_app(
        archive.database,
        archive.blobs,
        Limits(blob_max_bytes=archive.config.blob_max_bytes),
        auth=auth,
        verification=verification_settings(archive),
    )


def _office_zone(archive: ArchiveFolder) -> str:
    """The office profile's time zone (its calendar day decides who holds which jabatan)."""
    name = archive.config.profile
    try:
        return load_profile(archive.path(name) if name.endswith(".toml") else name).timezone
    except ProfileError as exc:
        log.warning("the office profile cannot be read, so %s is used: %s", DEFAULT_TIMEZONE, exc)
        return DEFAULT_TIMEZONE


def error_body(code: str, message: str) -> dict[str, str]:
    """The JSON of every error answer."""
    return {"code": code, "message": message}


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)


async def _auth_error(_request: Request, exc: AuthError) -> JSONResponse:
    headers = {}
    if exc.status == 401:  # RFC 6750 §3: the scheme, and why a token was refused
        token_problem = exc.code in (AuthError.INVALID_TOKEN, AuthError.TOKEN_EXPIRED)
        headers["www-authenticate"] = 'Bearer error="invalid_token"' if token_problem else "Bearer"
    if exc.retry_after is not None:
        headers["retry-after"] = str(exc.retry_after)
    return JSONResponse(error_body(exc.code, exc.detail), status_code=exc.status, headers=headers)


async def _archive_error(_request: Request, exc: ArchiveError) -> JSONResponse:
    status = _STATUS.get(exc.code, 500)
    if status == 500:
        log.error("archive error while answering a request: %s (%s)", exc.code, exc)
    return JSONResponse(error_body(exc.code, exc.detail), status_code=status)


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 404:
        body = error_body("not_found", _("the archive has no such address"))
    elif exc.status_code == 405:
        body = error_body("method_not_allowed", _("this address does not take that method"))
    else:
        body = error_body(
            "http_error", _("the request was refused (HTTP {status})", status=exc.status_code)
        )
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
    log.info("invalid request: %s", exc.errors())
    return JSONResponse(
        error_body("invalid_request", _("the request does not have the form the archive expects")),
        status_code=422,
    )


async def _internal_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, OperationalError) and _busy(exc):
        # the database is held by another process for longer than the busy timeout: a
        # moment's wait, not a fault; desks honour Retry-After and send again
        log.warning("database busy while answering a request: %s", exc.orig)
        return JSONResponse(
            error_body("busy", _("the archive is busy; try again in a moment")),
            status_code=503,
            headers={"retry-after": "1"},
        )
    log.error("unexpected error while answering a request", exc_info=exc)
    return JSONResponse(
        error_body(
            "internal_error",
            _(
                "the archive could not answer because of an error on the server; "
                "its log has the details"
            ),
        ),
        status_code=500,
    )


def _busy(exc: OperationalError) -> bool:
    """Whether the database refused because another writer held it (SQLite's "database is
    locked"; PostgreSQL's lock timeout, 55P03)."""
    code = getattr(exc.orig, "sqlstate", None)
    return code == "55P03" or "database is locked" in str(exc.orig)
