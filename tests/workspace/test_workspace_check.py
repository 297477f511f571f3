"""``check_workspace``: damage and tampering are errors; crash leftovers are warnings."""

from __future__ import annotations

import hashlib

import pytest

from tests.workspace.workspace_support import AT, add_audit_rows, add_events, raw_connection
from tnde.canonical import canonical_json
from tnde.workspace import CheckReport, Workspace, check_workspace, event_hash

LETTER = "01a21f11-0000-7000-8000-00000000000a"
PDF = b"%PDF-1.7\n% surat undangan\n%%EOF\n"
SHA = hashlib.sha256(PDF).hexdigest()


@pytest.fixture
def full(ws: Workspace) -> Workspace:
    """A workspace with a blob, audit rows and one letter's events."""
    with ws.transaction() as conn:
        ws.blobs.put(PDF, "application/pdf", conn, at=AT)
    add_audit_rows(ws, 3)
    add_events(ws, LETTER, 4)
    add_events(ws, LETTER.replace("a", "b"), 2)
    return ws


def codes(report: CheckReport) -> list[tuple[str, str, str]]:
    return [(f.severity, f.code, f.subject) for f in report.findings]


def test_an_intact_workspace_has_no_findings(full: Workspace) -> None:
    report = check_workspace(full)
    assert report.findings == ()
    assert report.ok
    assert (report.blobs, report.audit_rows, report.events) == (1, 4, 6)


def test_an_orphan_blob_file_is_only_a_warning(full: Workspace) -> None:
    orphan = b"ditulis, lalu mati sebelum commit"
    sha = hashlib.sha256(orphan).hexdigest()
    path = full.blobs.path(sha)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(orphan)
    (path.parent / f".{sha}.x1y2.tmp").write_bytes(orphan[:5])
    report = check_workspace(full)
    assert report.ok
    assert codes(report) == [
        ("warning", "blob_stray", f"{sha[:2]}/.{sha}.x1y2.tmp"),
        ("warning", "blob_orphan", sha),
    ]


def test_a_missing_blob_file_is_an_error(full: Workspace) -> None:
    full.blobs.path(SHA).unlink()
    report = check_workspace(full)
    assert not report.ok
    assert codes(report) == [("error", "blob_missing", SHA)]


def test_a_corrupt_blob_file_is_an_error(full: Workspace) -> None:
    full.blobs.path(SHA).write_bytes(PDF.replace(b"undangan", b"Undangan"))
    assert codes(check_workspace(full)) == [("error", "blob_corrupt", SHA)]


def test_a_blob_row_with_a_wrong_size_is_an_error(full: Workspace) -> None:
    raw_connection(full).execute("UPDATE blob SET size = 1")
    assert codes(check_workspace(full)) == [("error", "blob_size", SHA)]


def test_a_broken_foreign_key_is_an_error(full: Workspace) -> None:
    raw_connection(full).execute(
        "INSERT INTO jabatan (jabatan_id, nama, unit_id) VALUES ('KADIS', 'Kepala', 'HILANG')"
    )
    [finding] = check_workspace(full).findings
    assert (finding.code, finding.subject) == ("foreign_key", "jabatan baris 1")
    assert "unit" in finding.detail


def test_an_index_that_disagrees_with_its_table_fails_the_integrity_check(
    full: Workspace,
) -> None:
    raw = raw_connection(full)
    raw.execute("INSERT INTO revision VALUES ('r1', 'surat-1', 'p-lain', '{}')")
    raw.execute("PRAGMA writable_schema = ON")
    # The index now claims to cover another column than the one its entries were built from.
    raw.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, '(letter_id)', '(parent_hash)')"
        " WHERE name = 'revision_by_letter'"
    )
    raw.close()
    report = check_workspace(full)
    assert ("error", "integrity", "database") in codes(report)


def test_a_tampered_audit_row_is_an_error_naming_the_row(full: Workspace) -> None:
    raw_connection(full).execute("UPDATE audit SET object = 'lain' WHERE seq = 3")
    [finding] = check_workspace(full).findings
    assert (finding.code, finding.subject) == ("audit_edited", "baris audit 3")


def test_an_edited_event_is_an_error_naming_letter_and_seq(full: Workspace) -> None:
    raw_connection(full).execute(
        "UPDATE event SET payload = ? WHERE letter_id = ? AND letter_seq = 2",
        (canonical_json({"hal": "diubah diam-diam"}), LETTER),
    )
    assert codes(check_workspace(full)) == [("error", "event_edited", f"surat {LETTER} kejadian 2")]


def test_a_deleted_event_is_an_error(full: Workspace) -> None:
    raw_connection(full).execute(
        "DELETE FROM event WHERE letter_id = ? AND letter_seq = 2", (LETTER,)
    )
    report = check_workspace(full)
    assert codes(report) == [("error", "event_deleted", f"surat {LETTER} kejadian 3")]
    assert "kejadian 2–2" in report.findings[0].detail


def test_an_event_chained_to_the_wrong_predecessor_is_an_error(full: Workspace) -> None:
    raw = raw_connection(full)
    row = raw.execute(
        "SELECT * FROM event WHERE letter_id = ? AND letter_seq = 3", (LETTER,)
    ).fetchone()
    names = [d[0] for d in raw.execute("SELECT * FROM event LIMIT 0").description]
    fields = dict(zip(names, row, strict=True))
    del fields["feed_seq"]  # the archive's position: not part of the event's hash
    fields["prev_event_hash"] = "0" * 64  # forged, and rehashed so the row itself looks fine
    fields["event_hash"] = event_hash(fields)
    raw.execute(
        "UPDATE event SET prev_event_hash = ?, event_hash = ? WHERE event_id = ?",
        (fields["prev_event_hash"], fields["event_hash"], fields["event_id"]),
    )
    found = codes(check_workspace(full))
    assert found[0] == ("error", "event_chain", f"surat {LETTER} kejadian 3")


def test_event_hash_takes_the_payload_as_text_or_value(full: Workspace) -> None:
    row = full.connect().execute("SELECT * FROM event LIMIT 1").fetchone()
    fields = {k: row[k] for k in row.keys() if k != "feed_seq"}  # noqa: SIM118 - a Row
    assert event_hash(fields) == fields["event_hash"]
    fields["payload"] = {"hal": "Undangan rapat 1"}
    assert event_hash(fields) == row["event_hash"]


def test_event_hash_refuses_missing_or_unknown_fields(full: Workspace) -> None:
    fields = dict(full.connect().execute("SELECT * FROM event LIMIT 1").fetchone())
    with pytest.raises(ValueError, match="server_time"):
        event_hash({**fields, "server_time": AT})
    del fields["client_time"]
    with pytest.raises(ValueError, match="client_time"):
        event_hash(fields)
