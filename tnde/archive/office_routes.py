"""What a desk learns about its office from the archive, beyond letters.

- ``GET /v1/office``: ``{archive_id, profile_id, org_toml, org_sha256}``, the office profile
  and the org chart (TOML, the format of ``tnde org import``) a new desk takes when it joins
  (:func:`tnde.sync.join_office`), so the org chart is typed in once, on the server.
- ``GET /v1/admin/desks``: ``{accounts: [...]}``, every account with its name, state and the
  desks it signed in from (:meth:`~tnde.archive.accounts.AccountInfo.to_json`), for an
  administrator (:mod:`tnde.archive.admins`); anyone else gets 403 ``not_admin``. Read-only:
  enrolling, disabling and revoking stay on the server's command line.

Both need a signed-in official (``Authorization: Bearer``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tnde.archive.auth_routes import CurrentUser  # noqa: TC001 - FastAPI reads it at run time
from tnde.archive.routes import ApiError, Service
from tnde.messages import _

__all__ = ["router"]

router = APIRouter(prefix="/v1")


@router.get("/office")
def office(service: Service, user: CurrentUser) -> dict[str, Any]:
    """The office's profile and org chart, for a desk that joins."""
    return service.office()


@router.get("/admin/desks")
def linked_desks(service: Service, user: CurrentUser) -> dict[str, Any]:
    """Every account and its desks, for an administrator."""
    accounts = service.linked_desks(user.nip)
    if accounts is None:
        raise ApiError(
            403,
            "not_admin",
            _("only an administrator of the archive sees the linked desks"),
        )
    return {"accounts": accounts}
