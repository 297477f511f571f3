"""``GET /v1/office``, the administrators and ``GET /v1/admin/desks``, called in-process, on
both databases."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext

from tests.archive.authkit import (
    DEVICE,
    NIP,
    OTHER_DEVICE,
    OTHER_NIP,
    PASSWORD,
    FakeClock,
    enrol,
)
from tests.archive.conftest import ORG_FILE, PROFILE
from tnde.archive import ArchiveError, open_archive
from tnde.archive.accounts import disable_account, list_accounts, revoke_device
from tnde.archive.admins import is_admin, set_admin
from tnde.archive.audit import verify_audit
from tnde.archive.migrate import head_revision
from tnde.archive.migrations.versions import r0003_account_admin
from tnde.archive.records import read_chart, sorted_chart
from tnde.archive.schema import ACCOUNT, AUDIT, METADATA, REFRESH_TOKEN
from tnde.datafile import parse_toml
from tnde.org import chart_digest, parse_org_toml, read_org

if TYPE_CHECKING:
    import httpx

    from tests.archive.asgiclient import AsgiClient
    from tnde.archive import ArchiveFolder, InitResult

NAMA = "Dr. Ir. Hendra Wijaya Kusuma, M.Si."


def _refused(answer: httpx.Response, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.json()["code"] == code
    assert answer.json()["message"]


def _admin(archive: ArchiveFolder, nip: str, *, admin: bool = True) -> bool:
    with archive.database.write() as conn:
        return set_admin(conn, nip, admin=admin, at=FakeClock()(), actor="admin:uji")


# -- the office -----------------------------------------------------------------------------------


def test_the_office_is_its_profile_and_the_org_chart_it_judges_by(
    client: AsgiClient, opened: ArchiveFolder
) -> None:
    answer = client.get("/v1/office")
    assert answer.status_code == 200, answer.text
    office = answer.json()
    assert set(office) == {"archive_id", "profile_id", "org_toml", "org_sha256"}
    assert office["archive_id"] == opened.identity.archive_id
    assert office["profile_id"] == PROFILE
    text = office["org_toml"]
    assert office["org_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    chart = parse_org_toml(parse_toml(text), "arsip")
    with opened.database.read() as conn:
        assert chart == read_chart(conn)
    assert chart == sorted_chart(read_org(ORG_FILE))  # what init was given
    assert chart_digest(chart) == opened.identity.org_digest


def test_the_office_and_the_desks_need_a_signed_in_official(anonymous: AsgiClient) -> None:
    for path in ("/v1/office", "/v1/admin/desks"):
        answer = anonymous.get(path)
        _refused(answer, 401, "not_signed_in")
        assert answer.headers["www-authenticate"] == "Bearer"


# -- administrators -------------------------------------------------------------------------------


def test_only_an_administrator_sees_the_linked_desks(
    client: AsgiClient, opened: ArchiveFolder
) -> None:
    _refused(client.get("/v1/admin/desks"), 403, "not_admin")
    assert client.get("/v1/auth/me").json()["admin"] is False

    # another official, with a desk the admin revoked
    code = enrol(opened, FakeClock(), OTHER_NIP)
    grant = client.request(
        "POST",
        "/v1/auth/enrol",
        json={
            "nip": OTHER_NIP,
            "code": code,
            "password": PASSWORD,
            "device_id": OTHER_DEVICE,
            "device_name": "PC Sekretariat",
        },
    )
    assert grant.status_code == 200, grant.text
    with opened.database.write() as conn:
        revoke_device(conn, OTHER_DEVICE, at=FakeClock()(), actor="admin:uji")

    assert _admin(opened, NIP)
    assert not _admin(opened, NIP)  # already one
    assert client.get("/v1/auth/me").json()["admin"] is True
    answer = client.get("/v1/admin/desks")
    assert answer.status_code == 200, answer.text
    accounts = answer.json()["accounts"]
    assert [(a["nip"], a["nama"], a["state"], a["admin"]) for a in accounts] == [
        (NIP, NAMA, "active", True),
        (OTHER_NIP, accounts[1]["nama"], "active", False),
    ]
    assert accounts[1]["nama"]
    mine, theirs = accounts[0]["devices"], accounts[1]["devices"]
    assert [(d["device_id"], d["name"], d["revoked_at"]) for d in mine] == [(DEVICE, "uji", None)]
    assert mine[0]["created_at"]
    assert mine[0]["last_seen_at"]
    assert [(d["device_id"], d["name"]) for d in theirs] == [(OTHER_DEVICE, "PC Sekretariat")]
    assert theirs[0]["revoked_at"]

    # nothing secret: no hash of a password, a code or a token, by value or by name
    with opened.database.read() as conn:
        secrets = [
            *(v for row in conn.execute(sa.select(ACCOUNT.c.password_hash)) for v in row if v),
            *conn.execute(sa.select(REFRESH_TOKEN.c.token_hash)).scalars(),
        ]
    assert secrets
    assert not [s for s in secrets if s in answer.text]
    for word in ("password", "hash", "token", "code"):
        assert word not in answer.text

    # a disabled administrator is refused like any disabled account
    with opened.database.write() as conn:
        disable_account(conn, NIP, at=FakeClock()(), actor="admin:uji")
    _refused(client.get("/v1/admin/desks"), 403, "account_disabled")


def test_the_flag_is_taken_back_and_every_change_is_audited(
    client: AsgiClient, opened: ArchiveFolder
) -> None:
    assert _admin(opened, NIP)
    assert client.get("/v1/admin/desks").status_code == 200
    assert _admin(opened, NIP, admin=False)
    assert not _admin(opened, NIP, admin=False)  # no longer one
    _refused(client.get("/v1/admin/desks"), 403, "not_admin")
    with opened.database.read() as conn:
        assert not is_admin(conn, NIP)
        assert not is_admin(conn, OTHER_NIP)  # no account at all
        assert verify_audit(conn) is None
        audited = conn.execute(
            sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.object).order_by(AUDIT.c.seq)
        ).all()
    assert [tuple(r) for r in audited][-2:] == [
        ("admin:uji", "account.admin_granted", NIP),
        ("admin:uji", "account.admin_removed", NIP),
    ]


def test_only_an_account_can_be_an_administrator(opened: ArchiveFolder) -> None:
    with opened.database.write() as conn, pytest.raises(ArchiveError) as caught:
        set_admin(conn, OTHER_NIP, admin=True, at=FakeClock()(), actor="admin:uji")
    assert caught.value.code == ArchiveError.NO_ACCOUNT
    with opened.database.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(AUDIT)).scalar() == 0


def test_an_archive_from_before_administrators_is_upgraded(
    opened: ArchiveFolder, made: InitResult
) -> None:
    """Revision 0003 on an archive with accounts: back to 0002 (its downgrade), then open, as
    ``serve`` does, upgrades it again; every account starts as no administrator."""
    enrol(opened, FakeClock())
    assert _admin(opened, NIP)
    with opened.database.write() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True})
        with Operations.context(context):
            r0003_account_admin.downgrade()
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0002'"))
    opened.close()
    upgraded = open_archive(made.folder)
    try:
        assert upgraded.migrated == (head_revision(),) == ("0003",)
        with upgraded.database.read() as conn:
            accounts = list_accounts(conn, at=FakeClock()())
            assert [(a.nip, a.state, a.admin) for a in accounts] == [
                (NIP, "enrolment_pending", False)
            ]
            assert compare_metadata(MigrationContext.configure(conn), METADATA) == []
            assert verify_audit(conn) is None
    finally:
        upgraded.close()
