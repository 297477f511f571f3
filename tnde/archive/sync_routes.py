"""The archive's sync interface: push events, pull the change feed, lease numbers.

- ``POST /v1/events:batch``: ``{"events": [...]}`` (at most 100 events and 1 MB); 200 with
  one result per event (``accepted`` / ``duplicate`` / ``rejected`` / ``missing_blob``,
  :mod:`tnde.archive.accept`).
- ``GET /v1/changes?cursor=&limit=&wait=``: a page of the feed the signed-in pegawai may
  see (:mod:`tnde.archive.feed`); with ``wait`` (seconds, at most 60) an empty page is held
  open until an event arrives or the time is up (long poll). 410 ``cursor_reset`` for a
  cursor of another archive or epoch.
- ``GET /v1/letters/{id}/events``: one letter's whole history, for a desk that finds it
  lacks the beginning of a letter newly shared with its official.
- ``POST /v1/numbers/lease``: ``{"unit_id", "series", "year", "size"}``: a block of numbers
  for a registry desk (:mod:`tnde.archive.numbers`).

Every route needs a signed-in desk (``Authorization: Bearer``).
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from tnde.archive.accept import MAX_BATCH_EVENTS
from tnde.archive.auth_routes import CurrentUser  # noqa: TC001 - FastAPI reads it at run time
from tnde.archive.feed import MAX_PAGE, CursorReset
from tnde.archive.routes import ApiError, Service
from tnde.errors import WorkflowRefused
from tnde.messages import _

if TYPE_CHECKING:
    from tnde.archive.service import ArchiveService

__all__ = ["MAX_BATCH_BYTES", "MAX_WAIT_SECONDS", "router"]

router = APIRouter(prefix="/v1")

MAX_BATCH_BYTES = 1024 * 1024
"""The largest push body."""

MAX_WAIT_SECONDS = 60
"""The longest a pull may be held open."""

_RECHECK_SECONDS = 1.0
"""How often a held pull looks at the feed's end even without a wake-up, so events accepted
by another server process reach it too."""


@router.post("/events:batch")
async def push_events(request: Request, service: Service, user: CurrentUser) -> dict[str, Any]:
    """Accept a batch of the desk's events."""
    events = await _batch(request)
    results = await run_in_threadpool(service.accept, user, events)
    return {"results": results}


@router.get("/changes")
async def changes(
    service: Service, user: CurrentUser, cursor: str = "", limit: int = MAX_PAGE, wait: float = 0
) -> dict[str, Any]:
    """A page of the feed after ``cursor``, held open up to ``wait`` seconds when empty."""
    wait = max(0.0, min(wait, MAX_WAIT_SECONDS))
    deadline = time.monotonic() + wait
    page = await run_in_threadpool(_page, service, user, cursor, limit)
    while not page["events"] and not page["has_more"] and time.monotonic() < deadline:
        remaining = deadline - time.monotonic()
        await service.notifier.wait(min(remaining, _RECHECK_SECONDS))
        position = page["next_cursor"]
        page = await run_in_threadpool(_page, service, user, position, limit)
    return page


@router.get("/letters/{aggregate_id}/events")
async def letter_events(aggregate_id: str, service: Service, user: CurrentUser) -> dict[str, Any]:
    """Every event of one letter (or incoming letter) the official may see; 404 otherwise,
    as for a letter the archive does not hold."""
    events = await run_in_threadpool(service.history, user, aggregate_id)
    if events is None:
        raise ApiError(404, "not_found", _("the archive has no such address"))
    return {"events": events}


@router.post("/numbers/lease")
async def lease_numbers(request: Request, service: Service, user: CurrentUser) -> dict[str, Any]:
    """Lease a block of numbers of one series to the signed-in registry desk."""
    body = await _json_object(request, 4096)
    try:
        unit_id = str(body["unit_id"])
        series = str(body["series"])
        year = int(body["year"])
        size = int(body["size"])
    except (KeyError, TypeError, ValueError):
        raise ApiError(
            422,
            "invalid_request",
            _("a lease names unit_id, series, year and size"),
        ) from None
    try:
        grant = await run_in_threadpool(service.lease, user, unit_id, series, year, size)
    except WorkflowRefused as exc:
        raise ApiError(403, exc.rule, exc.detail) from None
    return grant.to_json()


def _page(service: ArchiveService, user: Any, cursor: str, limit: int) -> dict[str, Any]:
    try:
        return service.changes(user, cursor, limit).to_json()
    except CursorReset as exc:
        raise ApiError(410, "cursor_reset", exc.message) from None
    except ValueError:
        raise ApiError(
            422, "bad_cursor", _("the cursor does not have the form archive_id:epoch:position")
        ) from None


async def _batch(request: Request) -> list[Any]:
    body = await _json_object(request, MAX_BATCH_BYTES)
    events = body.get("events")
    if not isinstance(events, list):
        raise ApiError(422, "invalid_request", _("a push carries a list of events"))
    if len(events) > MAX_BATCH_EVENTS:
        raise ApiError(
            413,
            "batch_too_large",
            _("a push carries at most {count} events", count=MAX_BATCH_EVENTS),
        )
    return events


async def _json_object(request: Request, limit: int) -> dict[str, Any]:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks))
    except (ValueError, RecursionError):  # nesting too deep included
        raise ApiError(422, "invalid_request", _("the request body is not JSON")) from None
    if not isinstance(body, dict):
        raise ApiError(422, "invalid_request", _("the request body must be a JSON object"))
    return body


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "batch_too_large",
        _("the request is larger than the archive accepts ({limit} bytes)", limit=limit),
    )
