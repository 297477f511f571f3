"""``backup`` is one verified moment of a running archive; ``restore`` makes a new archive of it,
on SQLite and PostgreSQL and from one to the other, with a new epoch."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from tests.archive.asgiclient import asgi_client
from tests.archive.conftest import ORG_FILE, PROFILE
from tests.cliutil import tnde
from tnde.archive import (
    ArchiveError,
    backup_archive,
    create_app,
    init_archive,
    open_archive,
    restore_archive,
    verify_backup,
)
from tnde.archive import backup as backup_module
from tnde.archive.audit import audit_append, verify_audit
from tnde.archive.backup_format import (
    MANIFEST,
    MANIFEST_SUM,
    BackupDamagedError,
    blob_file,
    decode_row,
    encode_row,
    read_rows,
    table_file,
)
from tnde.archive.blobs import store_stream
from tnde.archive.db import Database
from tnde.archive.migrate import head_revision
from tnde.archive.records import read_identity
from tnde.archive.restore import EPOCH_ORIGIN, restored_epoch
from tnde.archive.schema import (
    ACCOUNT,
    AGGREGATE,
    AGGREGATE_ACCESS,
    BACKUP,
    DEVICE,
    EVENT,
    FEED_COUNTER,
    METADATA,
    NUMBER_LEASE,
    NUMBER_SERIES,
    NUMBER_USE,
    REFRESH_TOKEN,
    SIGNIN_FAILURE,
)
from tnde.archive.service import ArchiveService, Limits
from tnde.errors import Cancelled
from tnde.progress import CancelToken
from tnde.resources import resource_path

if TYPE_CHECKING:
    from tnde.archive import ArchiveFolder, InitResult

NIP = "196905121990031002"
DEVICE_ID = "01900000-0000-7000-8000-00000000d001"
LETTERS = ("01900000-0000-7000-8000-0000000000a1", "01900000-0000-7000-8000-0000000000a2")
HUGE = 2**53 + 1
"""A whole number a 64-bit float cannot hold: it must come back exactly."""
FILES = (b"%PDF-1.7 surat dinas\n" * 300, "lampiran – é\n".encode() * 50, b"")
NOW = dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC)


# -- filling an archive ---------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fill(archive: ArchiveFolder, events: int = 6) -> None:
    """Rows in every table: blobs through the store and the service, the rest inserted."""
    service = ArchiveService(archive.database, archive.blobs, Limits(blob_max_bytes=1 << 20))
    for data in FILES:
        store_stream(archive.blobs, _sha(data), [data], max_bytes=1 << 20)
        service.record(_sha(data), len(data), "application/pdf")
    at = "2026-08-22T03:04:05.678Z"
    with archive.database.write() as conn:
        conn.execute(
            sa.insert(ACCOUNT),
            [
                {
                    "nip": NIP,
                    "password_hash": "$argon2id$v=19$…",
                    "enrol_code_hash": None,
                    "enrol_expires_at": None,
                    "disabled_at": None,
                    "created_at": at,
                    "updated_at": at,
                },
                {
                    "nip": "197001151993031004",
                    "password_hash": None,
                    "enrol_code_hash": "c" * 64,
                    "enrol_expires_at": at,
                    "disabled_at": at,
                    "created_at": at,
                    "updated_at": at,
                },
            ],
        )
        conn.execute(
            sa.insert(SIGNIN_FAILURE).values(
                key=f"nip:{NIP}", failures=3, window_start=at, locked_until=None
            )
        )
        conn.execute(
            sa.insert(DEVICE).values(
                device_id=DEVICE_ID,
                nip=NIP,
                name="Laptop TU – lantai 2",
                created_at=at,
                last_seen_at=at,
                revoked_at=None,
            )
        )
        conn.execute(
            sa.insert(REFRESH_TOKEN).values(
                token_hash="d" * 64,
                device_id=DEVICE_ID,
                nip=NIP,
                issued_at=at,
                expires_at=at,
                revoked_at=None,
            )
        )
        for letter in LETTERS:
            conn.execute(
                sa.insert(AGGREGATE).values(
                    aggregate_id=letter,
                    kind="letter",
                    head_seq=0,
                    last_event_hash="0" * 64,
                    state_json='{"perihal":"Undangan\\nRapat"}',
                    unit_id="PROV",
                    security="Biasa",
                    created_feed_seq=0,
                    updated_feed_seq=0,
                )
            )
            conn.execute(
                sa.insert(AGGREGATE_ACCESS).values(
                    aggregate_id=letter, grantee="unit:PROV", granted_feed_seq=0
                )
            )
        conn.execute(
            sa.insert(NUMBER_SERIES).values(unit_id="PROV", series="umum", year=2026, last_no=7)
        )
        conn.execute(
            sa.insert(NUMBER_LEASE).values(
                lease_id="01900000-0000-7000-8000-0000000000b1",
                unit_id="PROV",
                series="umum",
                year=2026,
                first_no=5,
                last_no=7,
                device_id=DEVICE_ID,
                nip=NIP,
                leased_at=at,
                state="open",
            )
        )
        conn.execute(
            sa.insert(NUMBER_USE).values(
                unit_id="PROV",
                series="umum",
                year=2026,
                no=4,
                status="issued",
                letter_id=None,
                nomor="000.1/4/PROV/2026",
                lease_id=None,
                event_id=None,
                at=at,
                actor=NIP,
            )
        )
        # an earlier attempt that never finished, with a feed position no float can carry
        conn.execute(
            sa.insert(BACKUP).values(
                backup_id="01900000-0000-7000-8000-0000000000c1",
                started_at=at,
                finished_at=None,
                feed_seq=HUGE,
                epoch=1,
                location="/mnt/cadangan/lama",
                sha256=None,
            )
        )
        audit_append(
            conn,
            actor="admin:root",
            action="account.enrolled",
            object=NIP,
            details={"catatan": "pendaftaran – é"},
            at=at,
        )
    _accept(archive.database, events)


def _accept(db: Database, count: int) -> int:
    """Accept ``count`` events the way the archive does: the feed counter taken last."""
    for _n in range(count):
        with db.write() as conn:
            seq = conn.execute(sa.select(FEED_COUNTER.c.value)).scalar_one() + 1
            letter = LETTERS[seq % 2]
            head = conn.execute(
                sa.select(AGGREGATE.c.head_seq).where(AGGREGATE.c.aggregate_id == letter)
            ).scalar_one()
            conn.execute(
                sa.insert(EVENT).values(
                    event_id=f"01900000-0000-7000-8000-{seq:012d}",
                    letter_id=letter,
                    letter_seq=head + 1,
                    feed_seq=seq,
                    type="letter.revised",
                    actor_nip=NIP,
                    device_id=DEVICE_ID,
                    base_seq=head,
                    revision_hash=f"{seq:064x}",
                    blob_sha256=_sha(FILES[0]) if seq == 1 else None,
                    payload=json.dumps({"isi": f"paragraf {seq} – é\n"}, ensure_ascii=False),
                    client_time="2026-08-22T03:04:05.678Z",
                    server_time="2026-08-22T03:04:06.000Z",
                    prev_event_hash="0" * 64,
                    event_hash=f"{seq:064x}",
                    body_hash=f"{seq:064x}",
                )
            )
            conn.execute(
                sa.update(AGGREGATE)
                .where(AGGREGATE.c.aggregate_id == letter)
                .values(head_seq=head + 1, updated_feed_seq=seq)
            )
            conn.execute(sa.update(FEED_COUNTER).values(value=seq))
    return count


def _rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in a fixed order (sorted here: PostgreSQL's collation may
    order text differently)."""
    with db.read() as conn:
        return {
            table.name: sorted(
                (dict(row._mapping) for row in conn.execute(sa.select(table))),
                key=lambda row: repr([row[c.name] for c in table.primary_key.columns]),
            )
            for table in METADATA.sorted_tables
        }


def _without(rows: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in names} for row in rows]


def _watermark(db: Database) -> int:
    with db.read() as conn:
        identity = read_identity(conn)
    assert identity is not None
    return identity.backup_watermark


def _feed_seqs(folder: Path) -> list[int]:
    return sorted(row["feed_seq"] for row in read_rows(folder, EVENT))


@pytest.fixture
def filled(opened: ArchiveFolder) -> ArchiveFolder:
    _fill(opened)
    return opened


@pytest.fixture
def backed_up(filled: ArchiveFolder, tmp_path: Path) -> Path:
    out = tmp_path / "cadangan – 1"
    backup_archive(filled, out)
    return out


def _other_database(request: pytest.FixtureRequest, kind: str) -> str:
    """An empty database of ``kind`` for a restore: ``""`` is the SQLite file."""
    if kind == "sqlite":
        return ""
    cluster = request.getfixturevalue("pg_cluster")
    return str(cluster.database())


# -- the round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("into", ["same", "other"])
def test_a_backup_restores_whole(
    filled: ArchiveFolder,
    database_url: str,
    made: InitResult,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    into: str,
) -> None:
    source_kind = "postgresql" if database_url else "sqlite"
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}
    target_kind = source_kind if into == "same" else other[source_kind]
    out = tmp_path / "cadangan – 1"
    result = backup_archive(filled, out, actor="admin:tester")
    assert (result.feed_seq, result.events, result.blobs) == (6, 6, len(FILES))
    assert result.blob_bytes == sum(len(d) for d in FILES)
    assert result.watermark == 6
    assert result.certificate
    original = _rows(filled.database)
    assert _watermark(filled.database) == 6
    row = next(r for r in original["backup"] if r["backup_id"] == result.backup_id)
    assert row["feed_seq"] == 6
    assert row["sha256"] == result.manifest_sha256
    assert row["finished_at"] is not None
    assert row["location"] == str(out)
    assert original["audit"][-1]["action"] == "archive.backed_up"
    assert original["audit"][-1]["actor"] == "admin:tester"

    target = tmp_path / "arsip pulih – é"
    restored = restore_archive(out, target, database=_other_database(request, target_kind))
    assert restored.archive_id == made.archive_id
    assert restored.backup_epoch == 1
    assert restored.epoch > 1
    assert restored.feed_seq == 6
    assert restored.certificate_kept
    assert restored.fingerprint == made.fingerprint

    again = open_archive(target)
    try:
        copy = _rows(again.database)
        for name, rows in original.items():
            if name == "archive_meta":  # all but the epoch and the watermark
                assert _without(copy[name], "epoch", "backup_watermark") == _without(
                    rows, "epoch", "backup_watermark"
                )
            elif name == "audit":  # each archive appended its own last row
                assert copy[name][:-1] == rows[:-1]
                assert copy[name][-1]["action"] == "archive.restored"
            else:
                assert copy[name] == rows, name
        assert copy["archive_meta"][0]["epoch"] == restored.epoch
        assert copy["archive_meta"][0]["backup_watermark"] == 6
        assert copy["feed_counter"] == [{"id": 1, "value": 6}]
        assert copy["event"][0]["feed_seq"] == 1
        assert copy["backup"][0]["feed_seq"] == HUGE
        with again.database.read() as conn:
            assert verify_audit(conn) is None
        service = ArchiveService(again.database, again.blobs, Limits(blob_max_bytes=1 << 20))
        for data in FILES:
            assert again.blobs.path(_sha(data)).read_bytes() == data
            assert service.stored_blob(_sha(data)) is not None  # its row and its file
        assert again.config.profile == filled.config.profile
        assert again.config.blob_max_bytes == filled.config.blob_max_bytes
        for private in ("config.toml", "tls/server.key", "token.key"):
            assert (target / private).stat().st_mode & 0o777 == 0o600, private
        app = create_app(again.database, again.blobs, Limits(blob_max_bytes=1 << 20))
        with asgi_client(app) as client:
            hello = client.get("/v1/hello").json()
            assert (hello["epoch"], hello["backup_watermark"]) == (restored.epoch, 6)
    finally:
        again.close()


def test_the_backup_is_a_portable_folder(backed_up: Path, filled: ArchiveFolder) -> None:
    manifest = json.loads((backed_up / MANIFEST).read_bytes())
    digest = _sha((backed_up / MANIFEST).read_bytes())
    assert (backed_up / MANIFEST_SUM).read_text() == f"{digest}  manifest.json\n"
    assert manifest["format"] == "tnde-archive-backup"
    assert manifest["format_version"] == 1
    assert manifest["archive_id"] == filled.identity.archive_id
    assert (manifest["epoch"], manifest["feed_seq"]) == (1, 6)
    assert manifest["revision"] == head_revision()
    assert manifest["database"] == filled.database.dialect
    assert manifest["blobs"] == {"count": len(FILES), "bytes": sum(len(d) for d in FILES)}
    assert [t["name"] for t in manifest["tables"]] == [t.name for t in METADATA.sorted_tables]
    for entry in manifest["tables"]:
        data = (backed_up / entry["file"]).read_bytes()
        assert (_sha(data), len(data), data.count(b"\n")) == (
            entry["sha256"],
            entry["bytes"],
            entry["rows"],
        )
    assert {f["role"]: f["path"] for f in manifest["files"]} == {
        "certificate": "tls/server.crt",
        "key": "tls/server.key",
    }
    assert (backed_up / "tls/server.key").read_bytes() == (
        filled.folder / "tls/server.key"
    ).read_bytes()
    for data in FILES:
        assert (backed_up / blob_file(_sha(data))).read_bytes() == data
    # the values keep their JSON type: dates as text, booleans, exact big numbers, null
    assignment = (backed_up / table_file("assignment")).read_text(encoding="utf-8")
    assert '"mulai":"20' in assignment
    assert '"selesai":null' in assignment
    jabatan = (backed_up / table_file("jabatan")).read_text(encoding="utf-8")
    assert '"heads_unit":true' in jabatan
    assert '"registry":false' in jabatan
    assert f'"feed_seq":{HUGE},' in (backed_up / table_file("backup")).read_text()
    # private, and nothing half-written left beside it
    assert backed_up.stat().st_mode & 0o777 == 0o700
    for path in backed_up.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    assert sorted(p.name for p in backed_up.parent.iterdir() if "cadangan" in p.name) == [
        backed_up.name
    ]


def test_every_column_type_round_trips() -> None:
    for table in METADATA.sorted_tables:
        empty = {c.name: None for c in table.columns}
        assert decode_row(table, encode_row(table, empty)) == empty
    sample = {
        "assignment_id": "A-1",
        "nip": NIP,
        "jabatan_id": "J-1",
        "bentuk": "Plt.",
        "mulai": dt.date(2026, 1, 2),
        "selesai": None,
        "dasar": "SK – é",
    }
    table = METADATA.tables["assignment"]
    assert decode_row(table, encode_row(table, sample)) == sample
    with pytest.raises(ValueError, match="mulai"):
        encode_row(table, {**sample, "mulai": "2026-01-02"})  # SQLite keeps any type


# -- consistency while the archive serves ---------------------------------------------------------


class _Writer(threading.Thread):
    """Accepts events until told to stop, as desks pushing all the while."""

    def __init__(self, db: Database) -> None:
        super().__init__(daemon=True)
        self.db = db
        self.accepted = 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.accepted += _accept(self.db, 1)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 20
        while self.accepted < count and self.error is None and time.monotonic() < deadline:
            time.sleep(0.005)


def test_a_backup_while_events_arrive_is_one_moment(filled: ArchiveFolder, tmp_path: Path) -> None:
    writer = _Writer(Database(filled.database.url))
    writer.start()

    def progress(done: int, total: int, text: str = "") -> None:
        # between two tables (and two files), let the desks land more events
        writer.wait_for(writer.accepted + 2)

    try:
        result = backup_archive(filled, tmp_path / "cadangan", progress=progress)
    finally:
        writer.stop.set()
        writer.join(30)
        writer.db.close()
    assert writer.error is None
    folder = result.location
    assert _feed_seqs(folder) == list(range(1, result.feed_seq + 1))
    assert [r["value"] for r in read_rows(folder, FEED_COUNTER)] == [result.feed_seq]
    aggregates = list(read_rows(folder, AGGREGATE))
    assert max(a["updated_feed_seq"] for a in aggregates) == result.feed_seq
    assert sum(a["head_seq"] for a in aggregates) == result.feed_seq
    with filled.database.read() as conn:
        live = conn.execute(sa.select(sa.func.max(EVENT.c.feed_seq))).scalar_one()
    assert live > result.feed_seq + 10  # the desks kept writing during the backup
    assert _watermark(filled.database) == result.feed_seq


# -- refusals -------------------------------------------------------------------------------------


def test_an_existing_out_is_refused(filled: ArchiveFolder, tmp_path: Path) -> None:
    out = tmp_path / "ada"
    out.mkdir()
    with pytest.raises(ArchiveError) as caught:
        backup_archive(filled, out)
    assert caught.value.code == ArchiveError.BACKUP_EXISTS
    assert str(out) in caught.value.detail
    assert list(out.iterdir()) == []
    assert _rows(filled.database)["backup"][-1]["backup_id"].endswith("c1")  # none added


@pytest.mark.parametrize("harm", ["missing", "flipped"])
def test_a_failed_backup_moves_nothing(filled: ArchiveFolder, tmp_path: Path, harm: str) -> None:
    first = backup_archive(filled, tmp_path / "cadangan 1")
    _accept(filled.database, 3)
    victim = filled.blobs.path(_sha(FILES[1]))
    if harm == "missing":
        victim.unlink()
    else:
        data = bytearray(victim.read_bytes())
        data[10] ^= 0x01
        victim.write_bytes(bytes(data))
    out = tmp_path / "cadangan 2"
    with pytest.raises(ArchiveError) as caught:
        backup_archive(filled, out)
    assert caught.value.code == ArchiveError.BACKUP_FAILED
    assert _sha(FILES[1]) in caught.value.detail
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if "cadangan" in p.name) == ["cadangan 1"]
    assert _watermark(filled.database) == first.feed_seq == 6
    with filled.database.read() as conn:
        failed = conn.execute(sa.select(BACKUP).where(BACKUP.c.location == str(out))).one()
    assert (failed.finished_at, failed.sha256) == (None, None)


def test_a_backup_that_does_not_read_back_is_not_kept(
    filled: ArchiveFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(folder: Path, **_options: Any) -> None:
        raise BackupDamagedError(folder, ["tables/event.jsonl differs from the manifest"])

    monkeypatch.setattr(backup_module, "verify_backup", damaged)
    out = tmp_path / "cadangan"
    with pytest.raises(ArchiveError) as caught:
        backup_archive(filled, out)
    assert caught.value.code == ArchiveError.BACKUP_FAILED
    assert "tables/event.jsonl" in caught.value.detail
    assert [p.name for p in tmp_path.iterdir() if "cadangan" in p.name] == []
    assert _watermark(filled.database) == 0


def test_a_backup_needs_the_folder_it_goes_in(filled: ArchiveFolder, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        backup_archive(filled, tmp_path / "tidak ada" / "cadangan")
    assert caught.value.code == ArchiveError.BACKUP_FAILED
    assert str(tmp_path / "tidak ada") in caught.value.detail
    assert not (tmp_path / "tidak ada").exists()


def test_a_cancelled_backup_leaves_nothing(filled: ArchiveFolder, tmp_path: Path) -> None:
    cancel = CancelToken()

    def progress(done: int, total: int, text: str = "") -> None:
        cancel.cancel()

    with pytest.raises(Cancelled):
        backup_archive(filled, tmp_path / "cadangan", progress=progress, cancel=cancel)
    assert [p.name for p in tmp_path.iterdir() if "cadangan" in p.name] == []
    assert _watermark(filled.database) == 0


def _edit_row(backup: Path) -> str:
    path = backup / table_file("event")
    path.write_text(path.read_text(encoding="utf-8").replace("paragraf 3", "paragraf 9"))
    return table_file("event")


def _drop_blob(backup: Path) -> str:
    name = blob_file(_sha(FILES[1]))
    (backup / name).unlink()
    return name


def _flip_blob(backup: Path) -> str:
    name = blob_file(_sha(FILES[0]))
    data = bytearray((backup / name).read_bytes())
    data[-1] ^= 0x20
    (backup / name).write_bytes(bytes(data))
    return name


def _edit_manifest(backup: Path) -> str:
    path = backup / MANIFEST
    path.write_text(path.read_text().replace('"feed_seq": 6', '"feed_seq": 60'))
    return MANIFEST


def _edit_manifest_and_sum(backup: Path) -> str:
    """A manifest edited with its checksum recomputed still has to agree with the rows."""
    _edit_manifest(backup)
    digest = _sha((backup / MANIFEST).read_bytes())
    (backup / MANIFEST_SUM).write_text(f"{digest}  manifest.json\n")
    return table_file("event")


def _drop_key(backup: Path) -> str:
    (backup / "tls/server.key").unlink()
    return "tls/server.key"


@pytest.mark.parametrize(
    "harm",
    [_edit_row, _drop_blob, _flip_blob, _edit_manifest, _edit_manifest_and_sum, _drop_key],
)
def test_a_damaged_backup_is_refused(backed_up: Path, tmp_path: Path, harm: Any) -> None:
    named = harm(backed_up)
    target = tmp_path / "arsip pulih"
    with pytest.raises(ArchiveError) as caught:
        restore_archive(backed_up, target)
    assert caught.value.code == ArchiveError.BACKUP_DAMAGED
    assert named in caught.value.detail
    assert str(backed_up) in caught.value.detail
    assert not target.exists()


def test_a_backup_of_a_newer_format_is_refused(backed_up: Path, tmp_path: Path) -> None:
    manifest = json.loads((backed_up / MANIFEST).read_bytes())
    manifest["format_version"] = 2
    data = json.dumps(manifest).encode()
    (backed_up / MANIFEST).write_bytes(data)
    (backed_up / MANIFEST_SUM).write_text(f"{_sha(data)}  manifest.json\n")
    with pytest.raises(ArchiveError) as caught:
        verify_backup(backed_up)
    assert caught.value.code == ArchiveError.BACKUP_UNSUPPORTED


def test_a_folder_that_is_no_backup_is_named(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        restore_archive(tmp_path, tmp_path / "arsip")
    assert caught.value.code == ArchiveError.NOT_A_BACKUP
    assert str(tmp_path) in caught.value.detail


def test_restore_refuses_a_folder_in_use(backed_up: Path, tmp_path: Path) -> None:
    target = tmp_path / "terpakai"
    target.mkdir()
    (target / "catatan.txt").write_text("milik orang lain")
    with pytest.raises(ArchiveError) as caught:
        restore_archive(backed_up, target)
    assert caught.value.code == ArchiveError.FOLDER_NOT_EMPTY
    assert sorted(p.name for p in target.iterdir()) == ["catatan.txt"]


def test_restore_refuses_a_database_in_use(
    backed_up: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    in_use = _other_database(request, "postgresql")
    init_archive(tmp_path / "lain", profile=PROFILE, org=ORG_FILE, database=in_use)
    target = tmp_path / "arsip pulih"
    with pytest.raises(ArchiveError) as caught:
        restore_archive(backed_up, target, database=in_use)
    assert caught.value.code == ArchiveError.DATABASE_NOT_EMPTY
    assert not target.exists()


# -- epochs and certificates ----------------------------------------------------------------------


def test_two_restores_of_one_backup_never_share_an_epoch(backed_up: Path, tmp_path: Path) -> None:
    first = restore_archive(backed_up, tmp_path / "pulih 1", now=NOW)
    second = restore_archive(backed_up, tmp_path / "pulih 2", now=NOW + dt.timedelta(seconds=1))
    assert first.epoch != second.epoch
    assert first.epoch == int((NOW - EPOCH_ORIGIN).total_seconds())
    # a backup of a restored archive, restored in turn, is above both
    again = open_archive(tmp_path / "pulih 2")
    try:
        backup_archive(again, tmp_path / "cadangan 2")
    finally:
        again.close()
    third = restore_archive(tmp_path / "cadangan 2", tmp_path / "pulih 3", now=NOW)
    assert third.backup_epoch == second.epoch
    assert third.epoch == second.epoch + 1


def test_the_restored_epoch_rises_above_what_the_backup_knows() -> None:
    assert restored_epoch(1, NOW) == int((NOW - EPOCH_ORIGIN).total_seconds())
    assert restored_epoch(10**9, NOW) == 10**9 + 1
    assert restored_epoch(1, EPOCH_ORIGIN) == 2


def test_a_new_certificate_keeps_the_names(tmp_path: Path, database_url: str) -> None:
    folder = tmp_path / "arsip"
    made = init_archive(
        folder, profile=PROFILE, org=ORG_FILE, database=database_url, names=["arsip.kominfo.test"]
    )
    opened = open_archive(folder)
    try:
        backup_archive(opened, tmp_path / "cadangan")
    finally:
        opened.close()
    restored = restore_archive(
        tmp_path / "cadangan", tmp_path / "pulih", new_certificate=True, names=["arsip2.test"]
    )
    assert not restored.certificate_kept
    assert restored.fingerprint != made.fingerprint
    assert {"arsip.kominfo.test", "arsip2.test", "localhost"} <= set(restored.names)


def test_a_profile_file_travels_with_the_backup(tmp_path: Path) -> None:
    profile = tmp_path / "profil kantor" / f"{PROFILE}.toml"  # a profile file is named by its id
    profile.parent.mkdir()
    shipped = Path(str(resource_path("profiles", f"{PROFILE}.toml")))
    profile.write_bytes(shipped.read_bytes())
    init_archive(tmp_path / "arsip", profile=str(profile), org=ORG_FILE)
    opened = open_archive(tmp_path / "arsip")
    try:
        backup_archive(opened, tmp_path / "cadangan")
    finally:
        opened.close()
    restore_archive(tmp_path / "cadangan", tmp_path / "pulih")
    assert (tmp_path / "pulih" / f"{PROFILE}.toml").read_bytes() == shipped.read_bytes()
    open_archive(tmp_path / "pulih").close()


# -- the command line -----------------------------------------------------------------------------


def test_the_commands_back_up_and_restore(
    filled: ArchiveFolder, tmp_path: Path, request: pytest.FixtureRequest, database_url: str
) -> None:
    out = tmp_path / "cadangan – 1"
    proc = tnde("archive", "backup", filled.folder, out)
    assert proc.returncode == 0, proc.stderr
    assert f"disimpan di {out}" in proc.stdout
    assert "kejadian sampai posisi umpan 6 (6 kejadian), 3 berkas" in proc.stdout
    assert "batas cadangan: 6" in proc.stdout

    again = tnde("archive", "backup", filled.folder, out)
    assert again.returncode == 1
    assert f"{out} sudah ada" in again.stderr
    assert "Traceback" not in again.stderr

    target = tmp_path / "arsip pulih"
    database = _other_database(request, "postgresql" if database_url else "sqlite")
    extra = ["--database", database] if database else []
    proc = tnde("archive", "restore", out, target, *extra)
    assert proc.returncode == 0, proc.stderr
    assert "dipulihkan di" in proc.stdout
    assert "epoch baru" in proc.stdout
    assert "sidik jari tidak berubah" in proc.stdout
    assert f"tnde archive serve {target}" in proc.stdout
    open_archive(target).close()


def test_the_restore_command_names_the_damage(backed_up: Path, tmp_path: Path) -> None:
    named = _flip_blob(backed_up)
    proc = tnde("--lang", "en", "archive", "restore", backed_up, tmp_path / "pulih")
    assert proc.returncode == 1
    assert "is damaged; nothing was restored" in proc.stderr
    assert named in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "pulih").exists()
