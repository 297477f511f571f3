"""Leased blocks: disjoint from central issuance, one desk only, in order, closed with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.register.register_support import audit_actions
from tnde.errors import RegisterError
from tnde.register import (
    MAX_LEASE_SIZE,
    SeriesRef,
    close_lease,
    draw_from_lease,
    get_lease,
    issue_number,
    lease_block,
    list_series,
    open_leases,
    uses,
    void_number,
)

if TYPE_CHECKING:
    import sqlite3

AT = "2026-08-17T09:00:00.000Z"
REF = SeriesRef("DISKOMINFO", "unit=DISKOMINFO|year=2026", 2026)
DESK = "TU Sekretariat – laptop"


def fmt(no: int) -> str:
    return f"000.8.3.3/{no}/OR"


def central(conn: sqlite3.Connection, letter_id: str, ref: SeriesRef = REF) -> int:
    return issue_number(conn, ref, letter_id=letter_id, format=fmt, actor="TU", at=AT).no


def draw(conn: sqlite3.Connection, lease_id: str, letter_id: str, desk: str = DESK) -> int:
    issued = draw_from_lease(
        conn, lease_id, desk=desk, letter_id=letter_id, format=fmt, actor="TU", at=AT
    )
    assert issued.lease_id == lease_id
    return issued.no


def lease(conn: sqlite3.Connection, size: int, desk: str = DESK) -> str:
    return lease_block(conn, REF, size=size, desk=desk, actor="admin", at=AT).lease_id


def test_a_lease_takes_the_next_block_and_central_issuance_continues_after_it(
    conn: sqlite3.Connection,
) -> None:
    assert [central(conn, f"c{i}") for i in range(3)] == [1, 2, 3]
    block = lease_block(conn, REF, size=10, desk=DESK, actor="admin", at=AT)
    assert (block.first_no, block.last_no, block.desk, block.ref) == (4, 13, DESK, REF)
    assert (block.size, block.remaining, block.state) == (10, 10, "open")
    assert list_series(conn)[0].last_no == 13
    assert central(conn, "c3") == 14
    assert ("number.lease", f"lease:{block.lease_id}") in [
        (a, o) for a, o, _ in audit_actions(conn)
    ]


def test_lease_and_central_issuance_interleaved_give_disjoint_numbers(
    conn: sqlite3.Connection,
) -> None:
    lease_id = lease(conn, 10)
    from_lease, from_centre = [], []
    for i in range(10):
        from_lease.append(draw(conn, lease_id, f"l{i}"))
        from_centre.append(central(conn, f"c{i}"))
    assert from_lease == list(range(1, 11))
    assert from_centre == list(range(11, 21))
    assert not set(from_lease) & set(from_centre)
    assert [u.no for u in uses(conn, REF)] == list(range(1, 21))
    assert {u.lease_id for u in uses(conn, REF) if u.no <= 10} == {lease_id}


def test_an_exhausted_lease_says_how_many_it_held_and_to_ask_for_a_new_one(
    conn: sqlite3.Connection,
) -> None:
    lease_id = lease(conn, 3)
    assert [draw(conn, lease_id, f"l{i}") for i in range(3)] == [1, 2, 3]
    with pytest.raises(RegisterError) as excinfo:
        draw(conn, lease_id, "l3")
    assert excinfo.value.code == "lease_exhausted"
    assert "semua 3 nomor" in str(excinfo.value)
    assert "minta cadangan baru" in str(excinfo.value)
    assert get_lease(conn, lease_id).remaining == 0


def test_only_the_desk_holding_the_lease_may_draw_from_it(conn: sqlite3.Connection) -> None:
    lease_id = lease(conn, 5)
    with pytest.raises(RegisterError) as excinfo:
        draw(conn, lease_id, "surat-1", desk="TU Bidang")
    assert excinfo.value.code == "not_your_lease"
    assert DESK in str(excinfo.value)
    assert uses(conn, REF) == []
    assert draw(conn, lease_id, "surat-1") == 1


def test_issue_number_with_a_lease_draws_from_the_block(conn: sqlite3.Connection) -> None:
    central(conn, "c0")
    lease_id = lease(conn, 5)
    issued = issue_number(
        conn, REF, letter_id="l0", format=fmt, actor="TU", at=AT, lease_id=lease_id, desk=DESK
    )
    assert (issued.no, issued.lease_id) == (2, lease_id)
    with pytest.raises(RegisterError) as excinfo:
        issue_number(conn, REF, letter_id="l1", format=fmt, actor="TU", lease_id=lease_id)
    assert excinfo.value.code == "desk_required"
    other = SeriesRef("DISKOMINFO", "unit=DISKOMINFO|year=2027", 2027)
    with pytest.raises(RegisterError) as excinfo:
        issue_number(
            conn, other, letter_id="l1", format=fmt, actor="TU", lease_id=lease_id, desk=DESK
        )
    assert excinfo.value.code == "wrong_series"


def test_a_letter_numbered_centrally_cannot_draw_from_a_lease_too(
    conn: sqlite3.Connection,
) -> None:
    central(conn, "surat-1")
    lease_id = lease(conn, 5)
    with pytest.raises(RegisterError) as excinfo:
        draw(conn, lease_id, "surat-1")
    assert excinfo.value.code == "already_numbered"
    assert get_lease(conn, lease_id).used == 0


def test_closing_a_lease_voids_its_unused_rest_with_the_reason(conn: sqlite3.Connection) -> None:
    lease_id = lease(conn, 5)
    draw(conn, lease_id, "l0")
    draw(conn, lease_id, "l1")
    assert close_lease(conn, lease_id, reason="meja TU dipindah", actor="admin", at=AT) == (3, 4, 5)
    closed = get_lease(conn, lease_id)
    assert (closed.state, closed.used, closed.remaining) == ("closed", 5, 0)
    assert [(u.no, u.status, u.reason) for u in uses(conn, REF)] == [
        (1, "issued", ""),
        (2, "issued", ""),
        (3, "voided", "meja TU dipindah"),
        (4, "voided", "meja TU dipindah"),
        (5, "voided", "meja TU dipindah"),
    ]
    assert open_leases(conn, DESK) == []
    with pytest.raises(RegisterError) as excinfo:
        draw(conn, lease_id, "l2")
    assert excinfo.value.code == "lease_closed"
    with pytest.raises(RegisterError) as excinfo:
        close_lease(conn, lease_id, reason="lagi", actor="admin", at=AT)
    assert excinfo.value.code == "lease_closed"
    assert central(conn, "c0") == 6  # the voided rest is never reissued
    [(_, _, details)] = [a for a in audit_actions(conn) if a[0] == "number.lease_close"]
    assert details["voided"] == [3, 4, 5]


def test_closing_a_lease_needs_a_reason(conn: sqlite3.Connection) -> None:
    lease_id = lease(conn, 2)
    with pytest.raises(RegisterError) as excinfo:
        close_lease(conn, lease_id, reason="", actor="admin", at=AT)
    assert excinfo.value.code == "reason_required"
    assert get_lease(conn, lease_id).state == "open"


def test_a_number_of_the_block_voided_before_drawing_is_skipped(conn: sqlite3.Connection) -> None:
    lease_id = lease(conn, 4)
    assert draw(conn, lease_id, "l0") == 1
    void_number(conn, REF, 2, reason="blangko rusak", actor="TU", at=AT)
    assert draw(conn, lease_id, "l1") == 3
    assert [(u.no, u.status, u.lease_id) for u in uses(conn, REF)][1] == (2, "voided", lease_id)


def test_open_leases_lists_a_desks_blocks_with_what_is_left(conn: sqlite3.Connection) -> None:
    first = lease(conn, 5)
    second = lease(conn, 3)
    lease(conn, 2, desk="TU Bidang")
    draw(conn, first, "l0")
    got = [(x.lease_id, x.first_no, x.last_no, x.remaining) for x in open_leases(conn, DESK)]
    assert got == [(first, 1, 5, 4), (second, 6, 8, 3)]
    assert open_leases(conn, "meja lain") == []


def test_central_issuance_skips_a_block_recorded_ahead_of_the_counter(
    conn: sqlite3.Connection,
) -> None:
    # A block may come from elsewhere (the archive) without moving this counter first.
    central(conn, "c0")
    conn.execute(
        "INSERT INTO number_lease (lease_id, unit_id, series, year, first_no, last_no, desk)"
        " VALUES ('dari-arsip', ?, ?, ?, 2, 6, 'meja lain')",
        (REF.unit_id, REF.series, REF.year),
    )
    assert central(conn, "c1") == 7
    assert lease_block(conn, REF, size=2, desk=DESK, actor="admin", at=AT).first_no == 8


@pytest.mark.parametrize("size", [0, -1, MAX_LEASE_SIZE + 1])
def test_a_lease_size_out_of_range_is_refused(conn: sqlite3.Connection, size: int) -> None:
    with pytest.raises(RegisterError) as excinfo:
        lease_block(conn, REF, size=size, desk=DESK, actor="admin", at=AT)
    assert excinfo.value.code == "bad_size"
    assert list_series(conn) == []


def test_an_unknown_lease_is_named(conn: sqlite3.Connection) -> None:
    with pytest.raises(RegisterError) as excinfo:
        draw(conn, "tidak-ada", "l0")
    assert excinfo.value.code == "unknown_lease"
    assert "tidak-ada" in str(excinfo.value)
