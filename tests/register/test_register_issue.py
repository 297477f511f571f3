"""Central issuance: series per policy, numbers in order, voiding, atomicity with the caller."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.register.register_support import audit_actions
from tnde.errors import NumberingError, RegisterError
from tnde.numbering import NumberContext, SeriesPolicy, parse_pattern
from tnde.register import (
    SeriesRef,
    issue_number,
    last_issued,
    list_series,
    series_for,
    uses,
    void_issued,
    void_number,
)

AT = "2026-08-17T09:00:00.000Z"
REF = SeriesRef("DISKOMINFO", "unit=DISKOMINFO|year=2026", 2026)
PATTERN = parse_pattern("{kka}/{seq}/{unit}/{tahun}")


def fmt(no: int) -> str:
    return PATTERN.format(NumberContext(no, date(2026, 8, 17), kka="000.8.3.3", unit="OR"))


def issue(conn: sqlite3.Connection, letter_id: str, ref: SeriesRef = REF) -> int:
    return issue_number(conn, ref, letter_id=letter_id, format=fmt, actor="TU", at=AT).no


# -- series from the policy ----------------------------------------------------------------------


def test_series_for_a_yearly_per_unit_policy_names_unit_and_year() -> None:
    ref = series_for(SeriesPolicy(), unit_id="OR", tanggal=date(2026, 8, 17))
    assert ref == SeriesRef("OR", "unit=OR|year=2026", 2026)


def test_series_for_a_policy_not_split_by_unit_shares_one_counter_across_units() -> None:
    policy = SeriesPolicy(per_unit=False, per_jenis=True)
    a = series_for(policy, unit_id="OR", jenis="ND", tanggal=date(2026, 1, 2))
    b = series_for(policy, unit_id="KEU", jenis="ND", tanggal=date(2026, 5, 2))
    assert a == b == SeriesRef("", "jenis=ND|year=2026", 2026)


def test_series_for_a_policy_that_never_resets_uses_year_zero() -> None:
    policy = SeriesPolicy(reset="never")
    a = series_for(policy, unit_id="OR", tanggal=date(2026, 12, 31))
    b = series_for(policy, unit_id="OR", tanggal=date(2027, 1, 1))
    assert a == b == SeriesRef("OR", "unit=OR", 0)


def test_series_for_refuses_a_missing_value_the_policy_splits_by() -> None:
    with pytest.raises(NumberingError) as excinfo:
        series_for(SeriesPolicy(per_jenis=True), unit_id="OR", tanggal=date(2026, 1, 1))
    assert excinfo.value.code == "missing_value"


# -- issuing -------------------------------------------------------------------------------------


def test_a_new_series_starts_at_one_and_numbers_follow_in_order(conn: sqlite3.Connection) -> None:
    assert last_issued(conn, REF) is None
    assert [issue(conn, f"surat-{i}") for i in range(5)] == [1, 2, 3, 4, 5]
    assert last_issued(conn, REF) == 5
    assert list_series(conn)[0].last_no == 5


def test_issued_number_is_formatted_recorded_and_audited(conn: sqlite3.Connection) -> None:
    issued = issue_number(
        conn, REF, letter_id="surat-1", format=fmt, actor="198001012006041001", at=AT
    )
    assert (issued.no, issued.nomor, issued.ref, issued.lease_id) == (
        1,
        "000.8.3.3/1/OR/2026",
        REF,
        None,
    )
    [use] = uses(conn, REF)
    assert (use.status, use.letter_id, use.nomor, use.actor, use.at) == (
        "issued",
        "surat-1",
        "000.8.3.3/1/OR/2026",
        "198001012006041001",
        AT,
    )
    [(action, obj, details)] = audit_actions(conn)
    assert action == "number.issue"
    assert obj.endswith("/2026/1")
    assert details["letter_id"] == "surat-1"
    assert details["nomor"] == "000.8.3.3/1/OR/2026"


def test_a_letter_already_numbered_is_refused_naming_its_number(conn: sqlite3.Connection) -> None:
    issue(conn, "surat-1")
    with pytest.raises(RegisterError) as excinfo:
        issue(conn, "surat-1")
    assert excinfo.value.code == "already_numbered"
    assert "000.8.3.3/1/OR/2026" in str(excinfo.value)
    assert last_issued(conn, REF) == 1
    assert list_series(conn)[0].last_no == 1  # the refused attempt used no number


def test_the_table_itself_refuses_a_duplicate_number(conn: sqlite3.Connection) -> None:
    issue(conn, "surat-1")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO number_use (unit_id, series, year, no, status, letter_id, at, actor)"
            " VALUES (?, ?, ?, 1, 'issued', 'surat-2', ?, 'x')",
            (REF.unit_id, REF.series, REF.year, AT),
        )


def test_a_failing_format_uses_no_number_and_writes_nothing(conn: sqlite3.Connection) -> None:
    def broken(no: int) -> str:
        raise NumberingError("missing_value", "kka is empty")

    with pytest.raises(NumberingError):
        issue_number(conn, REF, letter_id="surat-1", format=broken, actor="TU", at=AT)
    assert not conn.in_transaction
    assert uses(conn, REF) == []
    assert audit_actions(conn) == []
    assert issue(conn, "surat-1") == 1


def test_an_issue_in_the_callers_transaction_is_undone_with_it(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    assert issue(conn, "surat-1") == 1
    assert conn.in_transaction  # the caller still owns the transaction
    conn.execute("ROLLBACK")
    assert uses(conn, REF) == []
    assert audit_actions(conn) == []
    assert issue(conn, "surat-1") == 1


def test_a_refused_issue_keeps_the_callers_own_writes(conn: sqlite3.Connection) -> None:
    issue(conn, "surat-1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta (key, value) VALUES ('uji', 'tetap')")
    with pytest.raises(RegisterError):
        issue(conn, "surat-1")
    conn.execute("COMMIT")
    assert conn.execute("SELECT value FROM meta WHERE key = 'uji'").fetchone()[0] == "tetap"
    assert [u.no for u in uses(conn, REF)] == [1]


# -- voiding -------------------------------------------------------------------------------------


def test_after_a_void_the_next_issue_continues_and_the_voided_number_never_returns(
    conn: sqlite3.Connection,
) -> None:
    for i in range(3):
        issue(conn, f"surat-{i}")
    voided = void_number(conn, REF, 3, reason="surat dibatalkan", actor="TU", at=AT)
    assert (voided.status, voided.letter_id, voided.reason) == (
        "voided",
        "surat-2",
        "surat dibatalkan",
    )
    assert last_issued(conn, REF) == 2
    assert issue(conn, "surat-3") == 4
    assert issue(conn, "surat-2") == 5  # the letter whose number was voided gets a new one
    assert [(u.no, u.status) for u in uses(conn, REF)] == [
        (1, "issued"),
        (2, "issued"),
        (3, "voided"),
        (4, "issued"),
        (5, "issued"),
    ]
    assert [a for a, _, _ in audit_actions(conn)].count("number.void") == 1


def test_voiding_needs_a_reason(conn: sqlite3.Connection) -> None:
    issue(conn, "surat-1")
    with pytest.raises(RegisterError) as excinfo:
        void_number(conn, REF, 1, reason="  ", actor="TU", at=AT)
    assert excinfo.value.code == "reason_required"
    assert uses(conn, REF)[0].status == "issued"


def test_a_number_cannot_be_voided_twice(conn: sqlite3.Connection) -> None:
    issue(conn, "surat-1")
    void_number(conn, REF, 1, reason="salah ketik", actor="TU", at=AT)
    with pytest.raises(RegisterError) as excinfo:
        void_number(conn, REF, 1, reason="lagi", actor="TU", at=AT)
    assert excinfo.value.code == "already_voided"


def test_a_number_not_issued_yet_cannot_be_voided(conn: sqlite3.Connection) -> None:
    issue(conn, "surat-1")
    with pytest.raises(RegisterError) as excinfo:
        void_number(conn, REF, 2, reason="mendahului", actor="TU", at=AT)
    assert excinfo.value.code == "not_issued"
    with pytest.raises(RegisterError) as excinfo:
        void_number(conn, REF, 0, reason="nol", actor="TU", at=AT)
    assert excinfo.value.code == "not_issued"
    assert issue(conn, "surat-2") == 2


# -- independent counters ------------------------------------------------------------------------


def test_a_new_year_starts_again_at_one(conn: sqlite3.Connection) -> None:
    policy = SeriesPolicy()
    y2026 = series_for(policy, unit_id="OR", tanggal=date(2026, 12, 31))
    y2027 = series_for(policy, unit_id="OR", tanggal=date(2027, 1, 2))
    assert [issue(conn, f"a{i}", y2026) for i in range(3)] == [1, 2, 3]
    assert issue(conn, "b0", y2027) == 1
    assert issue(conn, "a3", y2026) == 4
    assert issue(conn, "b1", y2027) == 2


def test_per_unit_and_per_jenis_series_count_independently(conn: sqlite3.Connection) -> None:
    policy = SeriesPolicy(per_unit=True, per_jenis=True)
    day = date(2026, 8, 17)
    refs = {
        (unit, jenis): series_for(policy, unit_id=unit, jenis=jenis, tanggal=day)
        for unit in ("OR", "KEU")
        for jenis in ("ND", "ST")
    }
    assert len(set(refs.values())) == 4
    got = {
        key: [issue(conn, f"{key}-{i}", ref) for i in range(3 if key[0] == "OR" else 2)]
        for key, ref in refs.items()
    }
    assert got == {
        ("OR", "ND"): [1, 2, 3],
        ("OR", "ST"): [1, 2, 3],
        ("KEU", "ND"): [1, 2],
        ("KEU", "ST"): [1, 2],
    }
    assert sorted(s.last_no for s in list_series(conn, year=2026)) == [2, 2, 3, 3]
    assert [s.ref for s in list_series(conn, unit_id="KEU")] == sorted(
        (refs[("KEU", "ND")], refs[("KEU", "ST")]), key=lambda r: r.series
    )


def test_void_issued_voids_the_number_a_letter_holds_with_the_callers_event(
    conn: sqlite3.Connection,
) -> None:
    issue(conn, "surat-1")
    issue(conn, "surat-2")
    conn.execute("BEGIN IMMEDIATE")
    voided = void_issued(conn, letter_id="surat-1", reason="dikembalikan", actor="KADIS", at=AT)
    conn.execute("COMMIT")
    assert voided is not None
    assert (voided.no, voided.letter_id, voided.reason) == (1, "surat-1", "dikembalikan")
    assert void_issued(conn, letter_id="surat-1", reason="lagi", actor="KADIS", at=AT) is None
    assert issue(conn, "surat-1") == 3


def test_void_issued_needs_a_reason_even_with_nothing_to_void(conn: sqlite3.Connection) -> None:
    with pytest.raises(RegisterError) as excinfo:
        void_issued(conn, letter_id="surat-1", reason="", actor="KADIS", at=AT)
    assert excinfo.value.code == "reason_required"
