"""The org chart in the workspace database: whole replacement in the caller's transaction."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING

import pytest

from tnde.errors import OrgError
from tnde.org import OrgChart, Unit, chart_digest, load_org, replace_org
from tnde.workspace import audit_verify

if TYPE_CHECKING:
    import sqlite3

AT = "2026-11-27T08:00:00.000Z"


def replace_in_transaction(conn: sqlite3.Connection, chart: OrgChart, actor: str = "admin") -> int:
    conn.execute("BEGIN IMMEDIATE")
    try:
        seq = replace_org(conn, chart, actor=actor, at=AT)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return seq


def test_an_empty_workspace_has_an_empty_chart(db: sqlite3.Connection) -> None:
    assert load_org(db) == OrgChart()


def test_replace_then_load_gives_the_same_chart_in_the_same_order(
    db: sqlite3.Connection, demo: OrgChart
) -> None:
    replace_in_transaction(db, demo)
    assert load_org(db) == demo


def test_replace_writes_one_chained_audit_row_without_personal_data(
    db: sqlite3.Connection, demo: OrgChart
) -> None:
    seq = replace_in_transaction(db, demo, actor="admin-1")
    row = db.execute("SELECT seq, at, actor, action, object, details FROM audit").fetchone()
    assert row[:5] == (seq, AT, "admin-1", "org.replace", "org")
    details = json.loads(row[5])
    assert details == {
        "units": 14,
        "jabatan": 18,
        "pegawai": 17,
        "assignments": 19,
        "digest": chart_digest(demo),
    }
    assert not any(p.nip in row[5] for p in demo.pegawai)
    assert audit_verify(db) == []


def test_a_second_replace_removes_what_the_new_chart_lacks(
    db: sqlite3.Connection, demo: OrgChart
) -> None:
    replace_in_transaction(db, demo)
    smaller = dataclasses.replace(demo, assignments=demo.assignments[:-1])
    replace_in_transaction(db, smaller)
    assert load_org(db) == smaller
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == 2
    assert audit_verify(db) == []


def test_children_listed_before_their_parents_are_stored(db: sqlite3.Connection) -> None:
    # Self-references to rows inserted later in the same transaction must not trip the FKs.
    chart = OrgChart(units=(Unit("CHILD", "Anak", "ROOT"), Unit("ROOT", "Induk")))
    replace_in_transaction(db, chart)
    assert load_org(db) == chart


def test_an_invalid_chart_is_refused_and_nothing_changes(
    db: sqlite3.Connection, demo: OrgChart
) -> None:
    replace_in_transaction(db, demo)
    broken = dataclasses.replace(demo, units=(*demo.units, Unit("X", "X", "GHOST")))
    with pytest.raises(OrgError) as excinfo:
        replace_in_transaction(db, broken)
    assert excinfo.value.code == "invalid_chart"
    assert "unit[14].parent_id" in str(excinfo.value)
    assert load_org(db) == demo
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == 1


def test_replace_outside_a_transaction_is_refused(db: sqlite3.Connection, demo: OrgChart) -> None:
    with pytest.raises(OrgError) as excinfo:
        replace_org(db, demo, actor="admin", at=AT)
    assert excinfo.value.code == "no_transaction"
    assert load_org(db) == OrgChart()


def test_a_failure_later_in_the_transaction_rolls_the_chart_back(
    db: sqlite3.Connection, demo: OrgChart
) -> None:
    db.execute("BEGIN IMMEDIATE")
    replace_org(db, demo, actor="admin", at=AT)
    db.execute("ROLLBACK")  # the caller's transaction failed after the replace
    assert load_org(db) == OrgChart()
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == 0


def test_the_digest_depends_on_content_only(demo: OrgChart) -> None:
    same = dataclasses.replace(demo)
    assert chart_digest(same) == chart_digest(demo)
    changed = dataclasses.replace(
        demo, units=(dataclasses.replace(demo.units[0], kode="X"), *demo.units[1:])
    )
    assert chart_digest(changed) != chart_digest(demo)
