"""The audit chain: how each kind of tampering with the SQLite file is detected and named.

The workspace starts with one row (``workspace.created``); ``add_audit_rows`` appends more, so a
log of six rows has seqs 1–6.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.workspace.workspace_support import AT, add_audit_rows, raw_connection
from tnde.canonical import canonical_json
from tnde.workspace import GENESIS_HASH, AuditProblem, Workspace, audit_append, audit_verify


@pytest.fixture
def log6(ws: Workspace) -> Workspace:
    add_audit_rows(ws, 5)
    return ws


def problems(ws: Workspace) -> list[AuditProblem]:
    return audit_verify(ws.connect())


def kinds(ws: Workspace) -> list[tuple[int, str]]:
    return [(p.seq, p.kind) for p in problems(ws)]


def test_each_row_hashes_its_predecessor_and_its_canonical_content(log6: Workspace) -> None:
    rows = log6.connect().execute("SELECT * FROM audit ORDER BY seq").fetchall()
    prev = GENESIS_HASH
    for row in rows:
        content = {k: row[k] for k in ("seq", "at", "actor", "action", "object")}
        content["details"] = json.loads(row["details"])
        assert row["details"] == canonical_json(content["details"])
        expected = hashlib.sha256((prev + canonical_json(content)).encode()).hexdigest()
        assert (row["prev_hash"], row["hash"]) == (prev, expected)
        prev = row["hash"]
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert problems(log6) == []


def test_append_returns_the_next_seq_and_needs_a_transaction(ws: Workspace) -> None:
    with ws.transaction() as conn:
        seq = audit_append(conn, actor="system", action="uji", object="x", details={}, at=AT)
    assert seq == 2
    with pytest.raises(ValueError, match="transaction"):
        audit_append(ws.connect(), actor="system", action="uji", object="x", details={})


def test_an_edited_row_is_named(log6: Workspace) -> None:
    raw = raw_connection(log6)
    raw.execute("""UPDATE audit SET details = '{"nomor":"palsu"}' WHERE seq = 4""")
    [problem] = problems(log6)
    assert (problem.seq, problem.kind) == (4, "edited")
    assert "baris 4 telah diubah" in problem.detail


def test_an_edited_actor_is_named_even_without_touching_details(log6: Workspace) -> None:
    raw_connection(log6).execute("UPDATE audit SET actor = 'orang lain' WHERE seq = 2")
    assert kinds(log6) == [(2, "edited")]


def test_a_row_rewritten_with_a_recomputed_hash_is_named(log6: Workspace) -> None:
    raw = raw_connection(log6)
    row = raw.execute(
        "SELECT seq, at, actor, action, object, details, prev_hash FROM audit WHERE seq = 3"
    ).fetchone()
    content = dict(zip(("seq", "at", "actor", "action", "object"), row[:5], strict=True))
    content["actor"] = "199001012020121001"
    content["details"] = json.loads(row[5])
    forged = hashlib.sha256((row[6] + canonical_json(content)).encode()).hexdigest()
    raw.execute("UPDATE audit SET actor = ?, hash = ? WHERE seq = 3", (content["actor"], forged))
    [problem] = problems(log6)
    assert (problem.seq, problem.kind) == (3, "edited")
    assert "baris 4 masih menunjuk hash lamanya" in problem.detail


def test_a_deleted_row_is_named_by_the_gap(log6: Workspace) -> None:
    raw_connection(log6).execute("DELETE FROM audit WHERE seq = 3")
    [problem] = problems(log6)
    assert (problem.seq, problem.kind) == (3, "deleted")
    assert "baris 3 hilang" in problem.detail


def test_several_deleted_rows_are_named_as_a_range(log6: Workspace) -> None:
    raw_connection(log6).execute("DELETE FROM audit WHERE seq IN (3, 4)")
    [problem] = problems(log6)
    assert (problem.seq, problem.kind) == (3, "deleted")
    assert "baris 3–4 hilang" in problem.detail


def test_deleting_the_first_row_is_named(log6: Workspace) -> None:
    raw_connection(log6).execute("DELETE FROM audit WHERE seq = 1")
    assert kinds(log6) == [(1, "deleted")]


def test_a_deletion_hidden_by_renumbering_is_named(log6: Workspace) -> None:
    raw = raw_connection(log6)
    raw.execute("DELETE FROM audit WHERE seq = 3")
    for seq in (4, 5, 6):
        raw.execute("UPDATE audit SET seq = ? WHERE seq = ?", (seq - 1, seq))
    [problem] = problems(log6)
    assert (problem.seq, problem.kind) == (3, "deleted")
    assert "prev_hash-nya tidak cocok dengan baris mana pun" in problem.detail


def test_swapped_rows_are_named_as_reordered(log6: Workspace) -> None:
    raw = raw_connection(log6)
    raw.execute("UPDATE audit SET seq = -1 WHERE seq = 3")
    raw.execute("UPDATE audit SET seq = 3 WHERE seq = 4")
    raw.execute("UPDATE audit SET seq = 4 WHERE seq = -1")
    found = problems(log6)
    # Every link that no longer follows seq order is named: 3→4's, 4→2's and 5→3's.
    assert [(p.seq, p.kind) for p in found] == [
        (3, "reordered"),
        (4, "reordered"),
        (5, "reordered"),
    ]
    assert "baris 3 dirantai sesudah baris 4, bukan sesudah baris 2" in found[0].detail


def test_a_row_moved_to_the_front_is_named_as_reordered(log6: Workspace) -> None:
    raw = raw_connection(log6)
    raw.execute("UPDATE audit SET seq = 0 WHERE seq = 5")
    first = problems(log6)[0]
    assert (first.seq, first.kind) == (0, "reordered")
    assert all(p.kind != "edited" for p in problems(log6))


def test_unreadable_details_count_as_an_edit(log6: Workspace) -> None:
    raw_connection(log6).execute("UPDATE audit SET details = '{bukan json' WHERE seq = 6")
    assert kinds(log6) == [(6, "edited")]
