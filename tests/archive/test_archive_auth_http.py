"""``/v1/auth/…`` and the ``CurrentUser`` dependency over HTTP, on both databases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from fastapi import APIRouter

from tests.archive.asgiclient import asgi_client
from tests.archive.authkit import (
    DEVICE,
    NIP,
    OTHER_DEVICE,
    OTHER_NIP,
    PASSWORD,
    FakeClock,
    auth_service,
    enrol,
)
from tests.archive.conftest import TEST_LIMIT
from tnde.archive import create_app
from tnde.archive.accounts import disable_account, revoke_device
from tnde.archive.auth_routes import CurrentUser  # noqa: TC001 - FastAPI reads it at run time
from tnde.archive.service import Limits

if TYPE_CHECKING:
    from collections.abc import Iterator

    import httpx

    from tests.archive.asgiclient import AsgiClient
    from tnde.archive import ArchiveFolder

GRANT_FIELDS = {
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "refresh_expires_at",
    "nip",
    "device_id",
}

# a route of another area, guarded as theirs will be
guarded = APIRouter()


@guarded.get("/v1/uji/siapa")
def who(user: CurrentUser) -> dict[str, str]:
    return {"nip": user.nip, "device_id": user.device_id}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def web(opened: ArchiveFolder, clock: FakeClock) -> Iterator[AsgiClient]:
    """The archive's application with a clock the test moves."""
    app = create_app(
        opened.database,
        opened.blobs,
        Limits(blob_max_bytes=TEST_LIMIT),
        auth=auth_service(opened, clock),
    )
    app.include_router(guarded)
    with asgi_client(app) as client:
        yield client


@pytest.fixture
def tokens(opened: ArchiveFolder, web: AsgiClient, clock: FakeClock) -> dict[str, Any]:
    """``NIP`` enrolled through ``/v1/auth/enrol`` on ``DEVICE``."""
    code = enrol(opened, clock)
    answer = web.request(
        "POST",
        "/v1/auth/enrol",
        json={
            "nip": NIP,
            "code": code,
            "password": PASSWORD,
            "device_id": DEVICE,
            "device_name": "Laptop Sekretariat",
        },
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _post(web: AsgiClient, path: str, body: dict[str, Any]) -> httpx.Response:
    return web.request("POST", path, json=body)


def _sign_in(web: AsgiClient, nip: str = NIP, password: str = PASSWORD) -> httpx.Response:
    return _post(
        web,
        "/v1/auth/signin",
        {"nip": nip, "password": password, "device_id": DEVICE, "device_name": "Laptop"},
    )


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def _refused(answer: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert body["code"] == code
    assert body["message"]
    return body


def test_enrol_answers_a_token_pair(tokens: dict[str, Any], web: AsgiClient) -> None:
    assert set(tokens) == GRANT_FIELDS
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 600
    assert (tokens["nip"], tokens["device_id"]) == (NIP, DEVICE)
    assert tokens["refresh_expires_at"] == "2026-11-20T03:00:00.000Z"
    me = web.get("/v1/auth/me", headers=_bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json() == {
        "nip": NIP,
        "nama": "Dr. Ir. Hendra Wijaya Kusuma, M.Si.",
        "device_id": DEVICE,
        "on": "2026-08-22",
        "jabatan": [
            {
                "jabatan_id": "GUB",
                "nama": "Gubernur Nusantara Raya",
                "unit_id": "PROV",
                "bentuk": "Pj.",
            }
        ],
        "admin": False,
    }


def test_token_answers_are_not_cached(tokens: dict[str, Any], web: AsgiClient) -> None:
    answer = _sign_in(web)
    assert answer.status_code == 200
    assert set(answer.json()) == GRANT_FIELDS
    assert answer.headers["cache-control"] == "no-store"


def test_a_code_works_once_over_http(
    opened: ArchiveFolder, web: AsgiClient, clock: FakeClock
) -> None:
    code = enrol(opened, clock)
    body = {
        "nip": NIP,
        "code": code.replace("-", " ").lower(),
        "password": PASSWORD,
        "device_id": DEVICE,
        "device_name": "Laptop",
    }
    assert _post(web, "/v1/auth/enrol", body).status_code == 200
    again = _refused(_post(web, "/v1/auth/enrol", body), 401, "invalid_enrolment_code")
    unknown = _refused(
        _post(web, "/v1/auth/enrol", {**body, "nip": OTHER_NIP}), 401, "invalid_enrolment_code"
    )
    assert again == unknown
    weak = {**body, "nip": OTHER_NIP, "password": "1234567890"}
    enrol(opened, clock, OTHER_NIP)
    _refused(_post(web, "/v1/auth/enrol", weak), 422, "weak_password")


def test_a_wrong_password_and_an_unknown_nip_answer_identically(
    tokens: dict[str, Any], web: AsgiClient
) -> None:
    wrong = _sign_in(web, password="bukan kata sandinya")
    unknown = _sign_in(web, nip=OTHER_NIP)
    _refused(wrong, 401, "invalid_credentials")
    assert (unknown.status_code, unknown.content) == (wrong.status_code, wrong.content)
    assert unknown.headers["www-authenticate"] == wrong.headers["www-authenticate"] == "Bearer"


def test_too_many_failures_answer_429_until_the_lock_passes(
    tokens: dict[str, Any], web: AsgiClient, clock: FakeClock
) -> None:
    for _attempt in range(5):
        _refused(_sign_in(web, password="bukan kata sandinya"), 401, "invalid_credentials")
    locked = _sign_in(web)
    _refused(locked, 429, "too_many_attempts")
    assert locked.headers["retry-after"] == "900"
    clock.advance(minutes=15)
    assert _sign_in(web).status_code == 200


def test_refresh_rotates_and_reuse_is_refused(
    tokens: dict[str, Any], web: AsgiClient, clock: FakeClock
) -> None:
    clock.advance(minutes=11)
    expired = web.get("/v1/auth/me", headers=_bearer(tokens["access_token"]))
    _refused(expired, 401, "token_expired")
    assert expired.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    body = {"refresh_token": tokens["refresh_token"], "device_id": DEVICE}
    fresh = _post(web, "/v1/auth/refresh", body)
    assert fresh.status_code == 200
    assert set(fresh.json()) == GRANT_FIELDS
    assert fresh.json()["refresh_token"] != tokens["refresh_token"]
    assert web.get("/v1/auth/me", headers=_bearer(fresh.json()["access_token"])).status_code == 200
    _refused(_post(web, "/v1/auth/refresh", body), 401, "refresh_token_reused")
    newer = {"refresh_token": fresh.json()["refresh_token"], "device_id": DEVICE}
    _refused(_post(web, "/v1/auth/refresh", newer), 401, "invalid_token")


def test_sign_out_ends_the_refresh_token(tokens: dict[str, Any], web: AsgiClient) -> None:
    out = web.request("POST", "/v1/auth/signout", headers=_bearer(tokens["access_token"]))
    assert out.status_code == 204
    body = {"refresh_token": tokens["refresh_token"], "device_id": DEVICE}
    _refused(_post(web, "/v1/auth/refresh", body), 401, "invalid_token")
    _refused(web.request("POST", "/v1/auth/signout"), 401, "not_signed_in")


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b", "Bearer x" * 300],
)
def test_a_route_of_another_area_needs_a_valid_bearer_token(
    tokens: dict[str, Any], web: AsgiClient, header: str | None
) -> None:
    headers = {} if header is None else {"authorization": header}
    answer = web.get("/v1/uji/siapa", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["code"] in ("not_signed_in", "invalid_token")
    assert answer.headers["www-authenticate"].startswith("Bearer")
    ok = web.get("/v1/uji/siapa", headers={"authorization": f"bearer {tokens['access_token']}"})
    assert ok.json() == {"nip": NIP, "device_id": DEVICE}


def test_a_tampered_token_is_refused(tokens: dict[str, Any], web: AsgiClient) -> None:
    body, _dot, mac = tokens["access_token"].partition(".")
    forged = body.replace(body[5], "A" if body[5] != "A" else "B", 1) + "." + mac
    _refused(web.get("/v1/uji/siapa", headers=_bearer(forged)), 401, "invalid_token")


def test_disable_takes_effect_at_the_next_request(
    opened: ArchiveFolder, tokens: dict[str, Any], web: AsgiClient, clock: FakeClock
) -> None:
    headers = _bearer(tokens["access_token"])
    assert web.get("/v1/uji/siapa", headers=headers).status_code == 200
    with opened.database.write() as conn:
        disable_account(conn, NIP, at=clock(), actor="admin")
    disabled = web.get("/v1/uji/siapa", headers=headers)
    _refused(disabled, 403, "account_disabled")
    assert "www-authenticate" not in disabled.headers
    _refused(_sign_in(web), 403, "account_disabled")


def test_a_revoked_device_is_refused(
    opened: ArchiveFolder, tokens: dict[str, Any], web: AsgiClient, clock: FakeClock
) -> None:
    with opened.database.write() as conn:
        revoke_device(conn, DEVICE, at=clock(), actor="admin")
    answer = web.get("/v1/auth/me", headers=_bearer(tokens["access_token"]))
    _refused(answer, 401, "device_revoked")
    assert answer.headers["www-authenticate"] == "Bearer"
    body = {"refresh_token": tokens["refresh_token"], "device_id": DEVICE}
    _refused(_post(web, "/v1/auth/refresh", body), 401, "device_revoked")


def test_a_device_of_another_official_is_refused(
    opened: ArchiveFolder, tokens: dict[str, Any], web: AsgiClient, clock: FakeClock
) -> None:
    code = enrol(opened, clock, OTHER_NIP)
    body = {
        "nip": OTHER_NIP,
        "code": code,
        "password": PASSWORD,
        "device_id": DEVICE,
        "device_name": "Laptop",
    }
    _refused(_post(web, "/v1/auth/enrol", body), 409, "device_taken")
    assert _post(web, "/v1/auth/enrol", {**body, "device_id": OTHER_DEVICE}).status_code == 200


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"device_id": "laptop-saya"}, 422, "bad_device"),
        ({"device_name": "\x07"}, 422, "bad_device"),
        ({"nip": "1969 0512 1990 03 1 002"}, 422, "invalid_request"),
        ({"nip": "١٩٦٩٠٥١٢١٩٩٠٠٣١٠٠٢"}, 422, "invalid_request"),
        ({"password": None}, 422, "invalid_request"),
    ],
)
def test_a_malformed_sign_in_is_refused(
    tokens: dict[str, Any], web: AsgiClient, change: dict[str, Any], status: int, code: str
) -> None:
    body = {"nip": NIP, "password": PASSWORD, "device_id": DEVICE, "device_name": "Laptop"}
    _refused(_post(web, "/v1/auth/signin", {**body, **change}), status, code)


def test_the_messages_are_indonesian(tokens: dict[str, Any], web: AsgiClient) -> None:
    assert _sign_in(web, password="bukan kata sandinya").json()["message"] == (
        "NIP atau kata sandi salah"
    )
