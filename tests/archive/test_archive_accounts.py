"""Accounts, enrolment, sign-in, tokens and the audit chain, without HTTP, on both databases."""

from __future__ import annotations

import hashlib
import re
import threading
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

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
from tnde.archive import ArchiveError, open_archive
from tnde.archive.accounts import (
    disable_account,
    enable_account,
    enrol_account,
    list_accounts,
    revoke_device,
)
from tnde.archive.audit import audit_append, verify_audit
from tnde.archive.errors import AuthError
from tnde.archive.schema import ACCOUNT, AUDIT, REFRESH_TOKEN
from tnde.archive.schema import DEVICE as DEVICE_TABLE
from tnde.archive.signin import AuthService
from tnde.archive.tokens import (
    TOKEN_KEY_FILE,
    AccessTokens,
    format_code,
    normalize_code,
    read_token_key,
)
from tnde.canonical import format_timestamp
from tnde.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.archive import ArchiveFolder
    from tnde.archive.signin import Grant

CODE_FORM = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def auth(opened: ArchiveFolder, clock: FakeClock) -> AuthService:
    return auth_service(opened, clock)


@pytest.fixture
def grant(opened: ArchiveFolder, auth: AuthService, clock: FakeClock) -> Grant:
    """``NIP`` enrolled and signed in on ``DEVICE``."""
    code = enrol(opened, clock)
    return auth.sign_in_with_code(NIP, code, PASSWORD, DEVICE, "Laptop Sekretariat")


def _refused(code: str, call: Callable[..., object], *args: object) -> AuthError:
    with pytest.raises(AuthError) as caught:
        call(*args)
    assert caught.value.code == code, caught.value.detail
    return caught.value


# -- enrolment ------------------------------------------------------------------------------------


def test_enrol_gives_a_one_time_code_and_keeps_only_its_hash(
    opened: ArchiveFolder, clock: FakeClock
) -> None:
    with opened.database.write() as conn:
        made = enrol_account(conn, NIP, at=clock(), actor="admin:uji")
    assert CODE_FORM.fullmatch(made.code)
    assert made.nama.startswith("Dr. Ir. Hendra")
    assert made.expires_at == "2026-08-29T03:00:00.000Z"
    assert not made.disabled
    with opened.database.read() as conn:
        row = conn.execute(sa.select(ACCOUNT)).one()
        audit = conn.execute(sa.select(AUDIT)).one()
    plain = made.code.replace("-", "")
    assert row.enrol_code_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert row.password_hash is None
    assert plain not in str(tuple(row))
    assert plain not in str(tuple(audit))
    assert (audit.actor, audit.action, audit.object) == ("admin:uji", "account.enrolled", NIP)


def test_enrol_refuses_who_is_not_in_the_org_chart(opened: ArchiveFolder, clock: FakeClock) -> None:
    with opened.database.write() as conn, pytest.raises(ArchiveError) as caught:
        enrol_account(conn, "199001012020011001", at=clock(), actor="admin")
    assert caught.value.code == ArchiveError.UNKNOWN_PEGAWAI
    assert "bagan organisasi" in caught.value.detail
    with opened.database.write() as conn, pytest.raises(ValidationError):
        enrol_account(conn, "12345", at=clock(), actor="admin")
    with opened.database.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(ACCOUNT)).scalar() == 0


def test_a_code_is_read_leniently() -> None:
    code = "7KQ2MX4B9TRDH3WC"
    assert format_code(code) == "7KQ2-MX4B-9TRD-H3WC"
    for typed in ("7kq2-mx4b-9trd-h3wc", " 7KQ2 MX4B 9TRD H3WC ", "7KQ2-MX4B9TRDH3WC"):
        assert normalize_code(typed) == code
    assert normalize_code("O0IL-0000-0000-0000") == "0011000000000000"
    for wrong in ("", "7KQ2-MX4B-9TRD", "7KQ2-MX4B-9TRD-H3WU", "7KQ2-MX4B-9TRD-H3WC-0"):
        assert normalize_code(wrong) is None


def test_a_code_works_once_and_sets_the_password(
    opened: ArchiveFolder, auth: AuthService, clock: FakeClock
) -> None:
    code = enrol(opened, clock)
    grant = auth.sign_in_with_code(NIP, code.lower(), PASSWORD, DEVICE.upper(), "Laptop")
    assert (grant.nip, grant.device_id) == (NIP, DEVICE)
    assert auth.authenticate(grant.access_token).nip == NIP
    _refused(
        AuthError.INVALID_ENROLMENT_CODE,
        auth.sign_in_with_code,
        NIP,
        code,
        PASSWORD,
        OTHER_DEVICE,
        "Laptop lain",
    )
    assert auth.sign_in(NIP, PASSWORD, DEVICE, "Laptop").nip == NIP
    with opened.database.read() as conn:
        row = conn.execute(sa.select(ACCOUNT)).one()
    assert row.enrol_code_hash is None
    assert row.password_hash.startswith("$argon2id$")


def test_a_wrong_code_and_an_unknown_nip_answer_alike(
    opened: ArchiveFolder, auth: AuthService, clock: FakeClock
) -> None:
    code = enrol(opened, clock)
    wrong = _refused(
        AuthError.INVALID_ENROLMENT_CODE,
        auth.sign_in_with_code,
        NIP,
        "AAAA-AAAA-AAAA-AAAA",
        PASSWORD,
        DEVICE,
        "Laptop",
    )
    unknown = _refused(
        AuthError.INVALID_ENROLMENT_CODE,
        auth.sign_in_with_code,
        OTHER_NIP,
        code,
        PASSWORD,
        DEVICE,
        "Laptop",
    )
    assert (wrong.detail, wrong.status) == (unknown.detail, unknown.status) == (wrong.detail, 401)
    assert auth.sign_in_with_code(NIP, code, PASSWORD, DEVICE, "Laptop").nip == NIP


def test_an_expired_code_is_refused(
    opened: ArchiveFolder, auth: AuthService, clock: FakeClock
) -> None:
    code = enrol(opened, clock)
    clock.advance(days=7)
    _refused(
        AuthError.ENROLMENT_CODE_EXPIRED,
        auth.sign_in_with_code,
        NIP,
        code,
        PASSWORD,
        DEVICE,
        "Laptop",
    )
    with opened.database.read() as conn:
        states = [a.state for a in list_accounts(conn, at=clock())]
    assert states == ["enrolment_expired"]


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("pendek", "paling sedikit 10 karakter"),
        ("12345678901234", "angka saja"),
        (NIP, "NIP"),
        (f"nip{NIP}", "NIP"),
    ],
)
def test_the_password_policy(
    opened: ArchiveFolder, auth: AuthService, clock: FakeClock, password: str, words: str
) -> None:
    code = enrol(opened, clock)
    refused = _refused(
        AuthError.WEAK_PASSWORD, auth.sign_in_with_code, NIP, code, password, DEVICE, "Laptop"
    )
    assert words in refused.detail
    assert refused.status == 422
    # the code is not used up by a refused password
    assert auth.sign_in_with_code(NIP, code, PASSWORD, DEVICE, "Laptop").nip == NIP


def test_enrolling_again_resets_the_password(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    code = enrol(opened, clock)
    _refused(AuthError.INVALID_CREDENTIALS, auth.sign_in, NIP, PASSWORD, DEVICE, "Laptop")
    new_password = "kata sandi yang baru 7"
    auth.sign_in_with_code(NIP, code, new_password, DEVICE, "Laptop")
    assert auth.sign_in(NIP, new_password, DEVICE, "Laptop").nip == NIP


# -- signing in and the limit ---------------------------------------------------------------------


def test_a_wrong_password_and_an_unknown_nip_answer_alike(auth: AuthService, grant: Grant) -> None:
    wrong = _refused(
        AuthError.INVALID_CREDENTIALS, auth.sign_in, NIP, "salah sekali 1", DEVICE, "x"
    )
    unknown = _refused(
        AuthError.INVALID_CREDENTIALS, auth.sign_in, OTHER_NIP, PASSWORD, DEVICE, "x"
    )
    never = _refused(
        AuthError.INVALID_CREDENTIALS, auth.sign_in, "199001012020011001", PASSWORD, DEVICE, "x"
    )
    assert wrong.detail == unknown.detail == never.detail
    assert wrong.status == unknown.status == never.status == 401


def test_failures_lock_the_nip_then_the_lock_passes(
    auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    for _attempt in range(5):
        _refused(AuthError.INVALID_CREDENTIALS, auth.sign_in, NIP, "salah sekali 1", DEVICE, "x")
        clock.advance(seconds=10)
    locked = _refused(AuthError.TOO_MANY_ATTEMPTS, auth.sign_in, NIP, PASSWORD, DEVICE, "x")
    assert locked.status == 429
    assert locked.retry_after == 15 * 60 - 10
    assert "15 menit" in locked.detail
    clock.advance(minutes=14)
    _refused(AuthError.TOO_MANY_ATTEMPTS, auth.sign_in, NIP, PASSWORD, DEVICE, "x")
    clock.advance(minutes=1)
    assert auth.sign_in(NIP, PASSWORD, DEVICE, "Laptop").nip == NIP
    # the success cleared the count
    for _attempt in range(4):
        _refused(AuthError.INVALID_CREDENTIALS, auth.sign_in, NIP, "salah sekali 1", DEVICE, "x")
    assert auth.sign_in(NIP, PASSWORD, DEVICE, "Laptop").nip == NIP


def test_probing_an_unknown_nip_is_limited_too(auth: AuthService, clock: FakeClock) -> None:
    for _attempt in range(5):
        _refused(AuthError.INVALID_CREDENTIALS, auth.sign_in, OTHER_NIP, PASSWORD, DEVICE, "x")
    _refused(AuthError.TOO_MANY_ATTEMPTS, auth.sign_in, OTHER_NIP, PASSWORD, DEVICE, "x")
    _refused(
        AuthError.TOO_MANY_ATTEMPTS,
        auth.sign_in_with_code,
        OTHER_NIP,
        "AAAA-AAAA-AAAA-AAAA",
        PASSWORD,
        DEVICE,
        "x",
    )


def test_failures_outside_the_window_do_not_add_up(
    auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    for _attempt in range(10):
        _refused(AuthError.INVALID_CREDENTIALS, auth.sign_in, NIP, "salah sekali 1", DEVICE, "x")
        clock.advance(minutes=4)
    assert auth.sign_in(NIP, PASSWORD, DEVICE, "Laptop").nip == NIP


def test_a_device_id_bound_to_another_nip_is_refused(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    code = enrol(opened, clock, OTHER_NIP)
    taken = _refused(
        AuthError.DEVICE_TAKEN, auth.sign_in_with_code, OTHER_NIP, code, PASSWORD, DEVICE, "x"
    )
    assert taken.status == 409
    # nothing was changed: the code still works from a device of their own
    assert auth.sign_in_with_code(OTHER_NIP, code, PASSWORD, OTHER_DEVICE, "PC").nip == OTHER_NIP


@pytest.mark.parametrize(
    ("device_id", "name"),
    [
        ("bukan-uuid", "Laptop"),
        ("0190f0c2-7d1e-7000-8000-00000000000", "Laptop"),
        (DEVICE, ""),
        (DEVICE, "Laptop\x1b[2J"),
        (DEVICE, "x" * 101),
    ],
)
def test_a_malformed_device_is_refused(
    auth: AuthService, grant: Grant, device_id: str, name: str
) -> None:
    _refused(AuthError.BAD_DEVICE, auth.sign_in, NIP, PASSWORD, device_id, name)


# -- tokens ---------------------------------------------------------------------------------------


def test_refresh_rotates_and_a_reused_token_ends_the_device(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    clock.advance(minutes=5)
    second = auth.refresh(grant.refresh_token, DEVICE)
    assert second.refresh_token != grant.refresh_token
    assert auth.authenticate(second.access_token) == auth.authenticate(grant.access_token)
    # the first one again: copied, so every token of the device goes
    reused = _refused(AuthError.REFRESH_TOKEN_REUSED, auth.refresh, grant.refresh_token, DEVICE)
    assert reused.status == 401
    _refused(AuthError.INVALID_TOKEN, auth.refresh, second.refresh_token, DEVICE)
    with opened.database.read() as conn:
        live = conn.execute(
            sa.select(sa.func.count())
            .select_from(REFRESH_TOKEN)
            .where(REFRESH_TOKEN.c.revoked_at.is_(None))
        ).scalar()
        actions = conn.execute(sa.select(AUDIT.c.action).order_by(AUDIT.c.seq)).scalars().all()
    assert live == 0
    assert actions[-1] == "device.refresh_token_reused"
    assert auth.sign_in(NIP, PASSWORD, DEVICE, "Laptop").nip == NIP  # the password still works


def test_a_refresh_token_from_another_device_is_taken_as_stolen(
    auth: AuthService, grant: Grant
) -> None:
    _refused(AuthError.REFRESH_TOKEN_REUSED, auth.refresh, grant.refresh_token, OTHER_DEVICE)
    _refused(AuthError.INVALID_TOKEN, auth.refresh, grant.refresh_token, DEVICE)


def test_refresh_tokens_expire_and_unknown_ones_are_refused(
    auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    _refused(AuthError.INVALID_TOKEN, auth.refresh, "tidak-pernah-diterbitkan", DEVICE)
    clock.advance(days=90)
    _refused(AuthError.TOKEN_EXPIRED, auth.refresh, grant.refresh_token, DEVICE)


def test_sign_out_ends_the_refresh_token(auth: AuthService, grant: Grant) -> None:
    auth.sign_out(auth.authenticate(grant.access_token))
    _refused(AuthError.INVALID_TOKEN, auth.refresh, grant.refresh_token, DEVICE)


def test_a_tampered_or_expired_access_token_is_refused(
    auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    body, _dot, mac = grant.access_token.partition(".")
    flipped = mac[:-2] + ("A" if mac[-2] != "A" else "B") + mac[-1]
    for forged in (
        f"{body}.{flipped}",
        f"{body[:-3]}{'x' if body[-3] != 'x' else 'y'}{body[-2:]}.{mac}",
        body,
        "",
        "a.b.c",
        "é.é",
        grant.access_token + "x" * 2000,
    ):
        _refused(AuthError.INVALID_TOKEN, auth.authenticate, forged)
    clock.advance(minutes=9, seconds=59)
    assert auth.authenticate(grant.access_token).nip == NIP
    clock.advance(seconds=1)
    _refused(AuthError.TOKEN_EXPIRED, auth.authenticate, grant.access_token)


def test_a_token_signed_with_another_key_is_refused(
    opened: ArchiveFolder, grant: Grant, clock: FakeClock
) -> None:
    other = AuthService(opened.database, AccessTokens(b"k" * 32), clock=clock)
    _refused(AuthError.INVALID_TOKEN, other.authenticate, grant.access_token)


def test_disable_takes_effect_at_the_next_request(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    assert auth.authenticate(grant.access_token).nip == NIP
    with opened.database.write() as conn:
        assert disable_account(conn, NIP, at=clock(), actor="admin")
        assert not disable_account(conn, NIP, at=clock(), actor="admin")
    disabled = _refused(AuthError.ACCOUNT_DISABLED, auth.authenticate, grant.access_token)
    assert disabled.status == 403
    _refused(AuthError.ACCOUNT_DISABLED, auth.refresh, grant.refresh_token, DEVICE)
    _refused(AuthError.ACCOUNT_DISABLED, auth.sign_in, NIP, PASSWORD, DEVICE, "Laptop")
    with opened.database.write() as conn:
        assert enable_account(conn, NIP, at=clock(), actor="admin")
    assert auth.authenticate(grant.access_token).nip == NIP
    assert auth.refresh(grant.refresh_token, DEVICE).nip == NIP


def test_a_revoked_device_is_signed_out_for_good(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    with opened.database.write() as conn:
        device = revoke_device(conn, DEVICE.upper(), at=clock(), actor="admin")
    assert device.revoked_at == format_timestamp(clock())
    assert device.name == "Laptop Sekretariat"
    _refused(AuthError.DEVICE_REVOKED, auth.authenticate, grant.access_token)
    _refused(AuthError.DEVICE_REVOKED, auth.refresh, grant.refresh_token, DEVICE)
    _refused(AuthError.DEVICE_REVOKED, auth.sign_in, NIP, PASSWORD, DEVICE, "Laptop")
    # the official links the desk again under a new device id
    assert auth.sign_in(NIP, PASSWORD, OTHER_DEVICE, "Laptop").device_id == OTHER_DEVICE
    with opened.database.write() as conn, pytest.raises(ArchiveError) as caught:
        revoke_device(conn, "0190f0c2-7d1e-7000-8000-00000000ffff", at=clock(), actor="admin")
    assert caught.value.code == ArchiveError.UNKNOWN_DEVICE


def test_last_seen_is_written_at_most_once_a_minute(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    def last_seen() -> str:
        with opened.database.read() as conn:
            return str(conn.execute(sa.select(DEVICE_TABLE.c.last_seen_at)).scalar_one())

    signed_in_at = last_seen()
    clock.advance(seconds=30)
    auth.authenticate(grant.access_token)
    assert last_seen() == signed_in_at
    clock.advance(seconds=31)
    auth.authenticate(grant.access_token)
    assert last_seen() == format_timestamp(clock())


def test_whoami_names_the_jabatan_held_today(auth: AuthService, grant: Grant) -> None:
    me = auth.whoami(auth.authenticate(grant.access_token))
    assert me["nip"] == NIP
    assert me["on"] == "2026-08-22"
    assert [(j["jabatan_id"], j["bentuk"]) for j in me["jabatan"]] == [("GUB", "Pj.")]


def test_the_accounts_are_listed_with_their_devices(
    opened: ArchiveFolder, grant: Grant, clock: FakeClock
) -> None:
    enrol(opened, clock, OTHER_NIP)
    with opened.database.write() as conn:
        disable_account(conn, OTHER_NIP, at=clock(), actor="admin")
        again = enrol_account(conn, OTHER_NIP, at=clock(), actor="admin")
        accounts = list_accounts(conn, at=clock())
    assert again.disabled
    assert [(a.nip, a.state) for a in accounts] == [(NIP, "active"), (OTHER_NIP, "disabled")]
    assert [d.device_id for d in accounts[0].devices] == [DEVICE]


# -- the audit chain ------------------------------------------------------------------------------


def test_the_audit_chain_verifies_and_names_an_edited_row(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    with opened.database.write() as conn:
        disable_account(conn, NIP, at=clock(), actor="admin")
        enable_account(conn, NIP, at=clock(), actor="admin")
    with opened.database.read() as conn:
        assert verify_audit(conn) is None
        assert conn.execute(sa.select(sa.func.count()).select_from(AUDIT)).scalar() == 5
    with opened.database.write() as conn:
        conn.execute(sa.update(AUDIT).where(AUDIT.c.seq == 4).values(actor="orang lain"))
    with opened.database.read() as conn:
        assert verify_audit(conn) == 4
    with opened.database.write() as conn:
        conn.execute(sa.delete(AUDIT).where(AUDIT.c.seq >= 2))
        conn.execute(
            sa.update(AUDIT).where(AUDIT.c.seq == 1).values(details='{"expires_at":"2030"}')
        )
    with opened.database.read() as conn:
        assert verify_audit(conn) == 1


def test_a_deleted_audit_row_breaks_the_chain(opened: ArchiveFolder, clock: FakeClock) -> None:
    at = format_timestamp(clock())
    with opened.database.write() as conn:
        for n in range(3):
            audit_append(conn, actor="system", action="uji", object=str(n), details={}, at=at)
        conn.execute(sa.delete(AUDIT).where(AUDIT.c.seq == 2))
    with opened.database.read() as conn:
        assert verify_audit(conn) == 2


def test_concurrent_appends_keep_one_chain(opened: ArchiveFolder, clock: FakeClock) -> None:
    at = format_timestamp(clock())
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for n in range(5):
                with opened.database.write() as conn:
                    audit_append(
                        conn,
                        actor="system",
                        action="uji",
                        object=f"{worker}-{n}",
                        details={},
                        at=at,
                    )
        except Exception as exc:  # noqa: BLE001 - reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with opened.database.read() as conn:
        assert verify_audit(conn) is None
        assert conn.execute(sa.select(sa.func.max(AUDIT.c.seq))).scalar() == 30


def test_audit_append_needs_a_transaction(opened: ArchiveFolder) -> None:
    with opened.database.engine.connect() as conn, pytest.raises(ValueError, match="transaction"):
        audit_append(conn, actor="a", action="b", object="c", details={}, at="x")


# -- the token key ------------------------------------------------------------------------------


def test_the_token_key_outlives_a_restart_and_is_remade_when_missing(
    opened: ArchiveFolder, auth: AuthService, grant: Grant, clock: FakeClock
) -> None:
    path = opened.folder / TOKEN_KEY_FILE
    key = path.read_bytes()
    assert len(key) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    restarted = auth_service(opened, clock)
    assert restarted.authenticate(grant.access_token).nip == NIP
    path.unlink()
    open_archive(opened.folder).close()  # an archive made before keys existed gets one
    assert len(path.read_bytes()) == 32
    assert path.read_bytes() != key
    remade = path.read_bytes()
    open_archive(opened.folder).close()
    assert path.read_bytes() == remade
    _refused(AuthError.INVALID_TOKEN, auth_service(opened, clock).authenticate, grant.access_token)
    path.write_bytes(b"pendek")
    with pytest.raises(ArchiveError) as caught:
        read_token_key(opened.folder)
    assert caught.value.code == ArchiveError.TOKEN_KEY_INVALID
