"""``tnde register …``: list, lease, leases, close and void on a real workspace."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.register.register_support import OWNER
from tnde.cli.main import main
from tnde.register import SeriesRef, issue_number, uses

if TYPE_CHECKING:
    from pathlib import Path

    from tests.register.register_support import Db

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


REF = SeriesRef("DISKOMINFO", "unit=DISKOMINFO|year=2026", 2026)
SERIES = ["--unit", REF.unit_id, "--series", REF.series, "--year", str(REF.year)]


def tnde(db: Db, *args: str) -> int:
    return main(["--workspace", str(db.folder), "register", *args])


def issue(db: Db, *letters: str) -> None:
    conn = db.connect()
    try:
        for letter in letters:
            issue_number(conn, REF, letter_id=letter, format=lambda n: f"{n}/OR", actor="TU")
    finally:
        conn.close()


def test_list_shows_every_number_of_a_series(db: Db, capsys: pytest.CaptureFixture[str]) -> None:
    issue(db, "surat-a", "surat-b")
    assert tnde(db, "list", *SERIES) == 0
    out = capsys.readouterr().out
    assert "surat-a" in out
    assert "2/OR" in out
    assert "penghitung berada di 2" in out


def test_list_json_and_the_series_overview(db: Db, capsys: pytest.CaptureFixture[str]) -> None:
    issue(db, "surat-a")
    assert tnde(db, "list", *SERIES, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["last_no"] == 1
    assert [(u["no"], u["status"], u["letter_id"]) for u in data["uses"]] == [
        (1, "issued", "surat-a")
    ]
    assert tnde(db, "list", "--year", "2026", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {"unit_id": REF.unit_id, "series": REF.series, "year": 2026, "last_no": 1}
    ]


def test_lease_then_leases_then_close(db: Db, capsys: pytest.CaptureFixture[str]) -> None:
    issue(db, "surat-a")
    assert tnde(db, "lease", *SERIES, "--size", "5", "--desk", "meja TU", "--json") == 0
    lease = json.loads(capsys.readouterr().out)
    assert (lease["first_no"], lease["last_no"], lease["desk"]) == (2, 6, "meja TU")
    assert tnde(db, "leases", "--desk", "meja TU") == 0
    assert f"{lease['lease_id']}  2-6  sisa 5" in capsys.readouterr().out
    assert tnde(db, "close", lease["lease_id"], "--reason", "tidak dipakai", "--as", OWNER) == 0
    assert "5 nomor yang tidak terpakai dibatalkan" in capsys.readouterr().out
    conn = db.connect()
    try:
        got = [(u.no, u.status, u.actor) for u in uses(conn, REF)]
    finally:
        conn.close()
    assert got[1:] == [(n, "voided", OWNER) for n in range(2, 7)]


def test_register_changes_as_anyone_but_the_owner_are_refused(
    db: Db, capsys: pytest.CaptureFixture[str]
) -> None:
    issue(db, "surat-a")
    other = "196708271994031001"
    assert tnde(db, "void", *SERIES, "--no", "1", "--reason", "x", "--as", other) == 1
    assert "ACT-NOT-OWNER" in capsys.readouterr().err
    conn = db.connect()
    try:
        [use] = uses(conn, REF)
    finally:
        conn.close()
    assert use.status != "voided"


def test_void_records_the_reason_and_the_owner(db: Db, capsys: pytest.CaptureFixture[str]) -> None:
    issue(db, "surat-a")
    assert tnde(db, "void", *SERIES, "--no", "1", "--reason", "salah alamat") == 0
    assert "dibatalkan: salah alamat" in capsys.readouterr().out
    conn = db.connect()
    try:
        [use] = uses(conn, REF)
    finally:
        conn.close()
    assert (use.status, use.reason) == ("voided", "salah alamat")
    assert use.actor == OWNER


def test_register_problems_exit_1_with_one_clear_line(
    db: Db, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tnde(db, "void", *SERIES, "--no", "7", "--reason", "belum ada") == 1
    err = capsys.readouterr().err
    assert "belum pernah diberikan" in err
    assert len(err.strip().splitlines()) == 1
    assert tnde(db, "lease", *SERIES, "--size", "0", "--desk", "meja TU") == 1
    assert "satu cadangan memuat 1 sampai" in capsys.readouterr().err


def test_an_empty_reason_is_a_usage_error(db: Db, capsys: pytest.CaptureFixture[str]) -> None:
    issue(db, "surat-a")
    assert tnde(db, "void", *SERIES, "--no", "1", "--reason", " ") == 2
    assert "--reason" in capsys.readouterr().err


def test_a_missing_workspace_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "tidak ada – ü"
    assert main(["--workspace", str(folder), "register", "list"]) == 1
    assert "bukan ruang kerja TNDE" in capsys.readouterr().err
