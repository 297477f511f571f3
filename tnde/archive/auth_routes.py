"""The archive's sign-in interface, ``/v1/auth/…``, and :data:`CurrentUser` for other routes.

- ``POST /v1/auth/enrol`` ``{nip, code, password, device_id, device_name}``: the first sign-in,
  with the enrolment code; sets the password.
- ``POST /v1/auth/signin`` ``{nip, password, device_id, device_name}``.
- ``POST /v1/auth/refresh`` ``{refresh_token, device_id}``: a new pair; the old refresh token
  stops working.

  All three answer ``{access_token, token_type: "bearer", expires_in, refresh_token,
  refresh_expires_at, nip, device_id}``.
- ``POST /v1/auth/signout``: ends the device's refresh tokens (204).
- ``GET /v1/auth/me``: ``{nip, nama, device_id, on, jabatan: [{jabatan_id, nama, unit_id,
  bentuk}], admin}``, the jabatan held on the office's today; ``admin`` when the account may
  see the linked desks (:mod:`tnde.archive.office_routes`).

A route that needs a signed-in official takes a :data:`CurrentUser` parameter::

    @router.get("/changes")
    def changes(user: CurrentUser, …) -> …:
        ...  # user.nip, user.device_id

Without a valid bearer token the request is answered 401 with ``WWW-Authenticate: Bearer``
(``not_signed_in``, ``invalid_token``, ``token_expired``, ``device_revoked``); a disabled
account gets 403 ``account_disabled`` (see :class:`~tnde.archive.errors.AuthError`). The routes
are plain functions, so FastAPI runs them (and Argon2) on its thread pool.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from tnde.archive.accounts import Principal
from tnde.archive.errors import AuthError
from tnde.archive.signin import AuthService
from tnde.messages import _

__all__ = ["CurrentUser", "auth_router", "signed_in"]

auth_router = APIRouter(prefix="/v1/auth")

_NIP = r"^[0-9]{18}$"
_NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}  # RFC 6749 §5.1


class EnrolRequest(BaseModel):
    nip: str = Field(pattern=_NIP)
    code: str = Field(max_length=64)
    password: str = Field(max_length=1024)
    device_id: str = Field(max_length=64)
    device_name: str = Field(max_length=200)


class SignInRequest(BaseModel):
    nip: str = Field(pattern=_NIP)
    password: str = Field(max_length=1024)
    device_id: str = Field(max_length=64)
    device_name: str = Field(max_length=200)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(max_length=256)
    device_id: str = Field(max_length=64)


def _auth(request: Request) -> AuthService:
    auth: AuthService = request.app.state.auth
    return auth


Auth = Annotated[AuthService, Depends(_auth)]
"""The sign-in service (FastAPI hands it in)."""


def signed_in(request: Request, auth: Auth) -> Principal:
    """The official who sent the request, from its ``Authorization: Bearer`` token.

    Raises:
        AuthError: ``not_signed_in``, ``invalid_token``, ``token_expired``,
            ``device_revoked`` (401), ``account_disabled`` (403).
    """
    scheme, _space, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(
            AuthError.NOT_SIGNED_IN, _("sign in first: this request needs an access token")
        )
    return auth.authenticate(token.strip())


CurrentUser = Annotated[Principal, Depends(signed_in)]
"""The signed-in official of a request: the parameter type of every route that needs one."""


@auth_router.post("/enrol")
def enrol(body: EnrolRequest, auth: Auth, response: Response) -> dict[str, Any]:
    """The first sign-in: the enrolment code, once, and the new password."""
    response.headers.update(_NO_STORE)
    grant = auth.sign_in_with_code(
        body.nip, body.code, body.password, body.device_id, body.device_name
    )
    return grant.to_json()


@auth_router.post("/signin")
def signin(body: SignInRequest, auth: Auth, response: Response) -> dict[str, Any]:
    """Sign in with NIP and password."""
    response.headers.update(_NO_STORE)
    return auth.sign_in(body.nip, body.password, body.device_id, body.device_name).to_json()


@auth_router.post("/refresh")
def refresh(body: RefreshRequest, auth: Auth, response: Response) -> dict[str, Any]:
    """A new access token and a new refresh token for the one given."""
    response.headers.update(_NO_STORE)
    return auth.refresh(body.refresh_token, body.device_id).to_json()


@auth_router.post("/signout", status_code=204)
def signout(user: CurrentUser, auth: Auth) -> Response:
    """End the sign-in of the calling desk."""
    auth.sign_out(user)
    return Response(status_code=204)


@auth_router.get("/me")
def me(user: CurrentUser, auth: Auth) -> dict[str, Any]:
    """Who the caller is, on which device, in which jabatan today."""
    return auth.whoami(user)
