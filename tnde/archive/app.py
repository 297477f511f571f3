"""The archive's web application (FastAPI), made by :func:`create_app`.

Every error leaves as JSON with a stable ``code`` for programs and a ``message`` for people,
worded through :mod:`tnde.messages` (Indonesian unless the server runs with
``TNDE_LANG=en``)::

    {"code": "digest_mismatch", "message": "isi berkas tidak cocok dengan namanya: …"}

The codes: the :class:`~tnde.archive.errors.ArchiveError` codes (``bad_blob_name``,
``digest_mismatch`` 422, ``blob_too_large`` 413), ``blob_not_found``, ``bad_media_type``,
``storage_full`` (507) and ``storage_failed`` (500) when a file cannot be written, ``not_found``
(no such path), ``method_not_allowed``, ``invalid_request``, and ``internal_error`` (500, the
details go to the server's log only).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tnde import __version__
from tnde.archive.errors import ArchiveError
from tnde.archive.routes import ApiError, router
from tnde.archive.service import ArchiveService, Limits
from tnde.messages import _

if TYPE_CHECKING:
    from fastapi import Request

    from tnde.archive.blobs import BlobStore
    from tnde.archive.db import Database
    from tnde.archive.folder import ArchiveFolder

__all__ = ["create_app", "error_body"]

log = logging.getLogger(__name__)

_STATUS = {
    ArchiveError.BAD_BLOB_NAME: 422,
    ArchiveError.DIGEST_MISMATCH: 422,
    ArchiveError.BLOB_TOO_LARGE: 413,
}
"""The HTTP status of each archive error a request can cause (others are the server's: 500)."""


def create_app(database: Database, blobs: BlobStore, limits: Limits) -> FastAPI:
    """The archive's application over ``database`` (migrated) and ``blobs``."""
    app = FastAPI(
        title="TNDE Arsip",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.service = ArchiveService(database, blobs, limits)
    app.include_router(router)
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(ArchiveError, _archive_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal_error)
    return app


def app_for(archive: ArchiveFolder) -> FastAPI:
    """The application of an opened archive folder."""
    return create_app(
        archive.database, archive.blobs, Limits(blob_max_bytes=archive.config.blob_max_bytes)
    )


def error_body(code: str, message: str) -> dict[str, str]:
    """The JSON of every error answer."""
    return {"code": code, "message": message}


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)


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
