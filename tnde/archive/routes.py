"""The archive's HTTP interface, version 1: ``hello`` and the blobs.

- ``GET /v1/hello``: the archive's identity, epoch, backup watermark, time, version, limits.
- ``HEAD /v1/blobs/{sha256}``: 200 with size and ETag when stored, 404 otherwise.
- ``PUT /v1/blobs/{sha256}``: 201 stored, 200 already stored, 422 when the content does not
  hash to the name, 413 when it is too large.
- ``GET /v1/blobs/{sha256}``: the bytes, ETag = the hash, ``Repr-Digest`` (RFC 9530), ranges.

Errors are JSON ``{"code": …, "message": …}`` (``tnde.archive.app``).
"""

from __future__ import annotations

import base64
import errno
import logging
import re
from typing import TYPE_CHECKING, Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from tnde.archive.auth_routes import CurrentUser  # noqa: TC001 - FastAPI reads it at run time
from tnde.archive.blobs import check_blob_name
from tnde.archive.errors import ArchiveError
from tnde.archive.service import ArchiveService
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tnde.archive.records import BlobRow

__all__ = ["ApiError", "router"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1")

DEFAULT_MEDIA_TYPE = "application/octet-stream"
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*", re.ASCII)
_CHUNK = 64 * 1024


class ApiError(Exception):
    """A refusal the routes answer with ``status`` and a JSON body (``tnde.archive.app``)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        super().__init__(f"{status} {code}: {message}")


def _service(request: Request) -> ArchiveService:
    service: ArchiveService = request.app.state.service
    return service


Service = Annotated[ArchiveService, Depends(_service)]
"""The service a route works with (FastAPI hands it in)."""


@router.get("/hello")
def hello(service: Service) -> dict[str, Any]:
    """Who the archive is; a desk compares ``archive_id`` and ``epoch`` with its cursor."""
    return service.hello()


@router.head("/blobs/{sha256}")
def blob_head(sha256: str, service: Service, user: CurrentUser) -> Response:
    """Whether the blob is stored and this desk may read it (it skips the upload then); a
    file it may not read is answered as absent."""
    row = service.stored_blob(check_blob_name(sha256))
    if row is None or not service.may_read_blob(user, row.sha256):
        return Response(status_code=404)
    return Response(status_code=200, headers=_blob_headers(row, length=True))


@router.get("/blobs/{sha256}")
def blob_get(sha256: str, request: Request, service: Service, user: CurrentUser) -> Response:
    """The blob's bytes (ranges allowed); 304 when the desk already has them.

    A blob the desk may not read is answered as absent: its existence is not told either.
    """
    row = service.stored_blob(check_blob_name(sha256))
    if row is None or not service.may_read_blob(user, row.sha256):
        raise _not_stored()
    headers = _blob_headers(row)
    if _etag(row.sha256) in _if_none_match(request):
        return Response(status_code=304, headers=headers)
    path = service.blobs.local_path(row.sha256)
    if path is not None:
        return FileResponse(path, media_type=row.media_type, headers=headers)
    return StreamingResponse(
        _chunks(service, row.sha256), media_type=row.media_type, headers=headers
    )


@router.put("/blobs/{sha256}")
async def blob_put(sha256: str, request: Request, service: Service, user: CurrentUser) -> Response:
    """Store the body under ``sha256``, hashing it while it is written.

    The body is never held in memory: each chunk goes to a temporary file as it arrives.
    """
    name = check_blob_name(sha256)
    media_type = _media_type(request)
    limit = service.limits.blob_max_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ArchiveError(
            ArchiveError.BLOB_TOO_LARGE,
            _(
                "the file is larger than the archive accepts in one upload ({limit} bytes)",
                limit=limit,
            ),
        )
    row = await run_in_threadpool(service.stored_blob, name)
    known = row is not None and await run_in_threadpool(service.may_read_blob, user, name)
    # a file the desk may already read needs no body; one it may not is taken in full and
    # hashed (it proves the desk holds the bytes) before the answer says it was there
    if row is not None and known:
        return JSONResponse(
            {"sha256": name, "size": row.size, "status": "exists"},
            status_code=200,
            headers=_blob_headers(row),
        )
    try:
        writer = await to_thread.run_sync(lambda: service.blobs.writer(name, max_bytes=limit))
    except OSError as exc:
        raise _not_writable(name, exc) from exc
    try:
        async for chunk in request.stream():
            if chunk:
                await to_thread.run_sync(writer.write, chunk)
        await to_thread.run_sync(writer.commit)
    except ClientDisconnect:
        log.info("upload of blob %s stopped by the client after %d bytes", name, writer.size)
        return Response(status_code=400)
    except OSError as exc:
        raise _not_writable(name, exc) from exc
    finally:
        await to_thread.run_sync(writer.abort)  # a no-op after commit
    await run_in_threadpool(service.record, name, writer.size, media_type, user.device_id)
    held = row is not None  # the file was there: this upload proved the desk holds it
    return JSONResponse(
        {"sha256": name, "size": writer.size, "status": "exists" if held else "stored"},
        status_code=200 if held else 201,
        headers={"etag": _etag(name), "location": f"/v1/blobs/{name}"},
    )


def _not_writable(name: str, exc: OSError) -> ApiError:
    """The answer when the store cannot write (a full disk first of all); nothing is kept."""
    log.error("cannot store blob %s: %s", name, exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ApiError(507, "storage_full", _("the archive's storage is full; nothing was stored"))
    return ApiError(
        500,
        "storage_failed",
        _("the archive could not write the file; nothing was stored, its log has the details"),
    )


def _media_type(request: Request) -> str:
    given = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not given:
        return DEFAULT_MEDIA_TYPE
    if _MEDIA_TYPE.fullmatch(given) is None or len(given) > 127:
        raise ApiError(
            422,
            "bad_media_type",
            _("the Content-Type header is not a media type: {given}", given=given[:80]),
        )
    return given


def _blob_headers(row: BlobRow, *, length: bool = False) -> dict[str, str]:
    digest = base64.b64encode(bytes.fromhex(row.sha256)).decode("ascii")
    headers = {
        "etag": _etag(row.sha256),
        "repr-digest": f"sha-256=:{digest}:",
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
    }
    if length:
        headers["content-length"] = str(row.size)
        headers["content-type"] = row.media_type
    return headers


def _etag(sha256: str) -> str:
    return f'"{sha256}"'


def _if_none_match(request: Request) -> set[str]:
    return {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}


def _not_stored() -> ApiError:
    return ApiError(404, "blob_not_found", _("the archive does not hold this file"))


def _chunks(service: ArchiveService, sha256: str) -> Iterator[bytes]:
    with service.blobs.open(sha256) as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk
