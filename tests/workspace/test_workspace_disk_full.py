"""A full disk: an action that cannot be stored says the disk is full, names the workspace
folder, exits 1 and leaves the workspace as it was (no row, no number, no half-written file).

The disk is made full two honest ways:

- the database: it is rebuilt with small pages and no free one (``VACUUM``), and every
  connection the command opens gets ``PRAGMA max_page_count`` set to its present size. An
  event does not fit in a 512-byte page, so the first one the command appends needs a new
  page, which SQLite itself refuses with ``SQLITE_FULL``, the error a full disk gives;
- a stored file: ``fsync`` of a regular file fails with ``ENOSPC``, as a full disk reports
  data it could not place (delayed allocation, network shares) once the file has been written.

The commands run in this process (``tnde.cli.main.main``), since both limits are set from here.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from typing import TYPE_CHECKING

import pytest

from tests.conftest import SAMPLES_DIR
from tests.demoworkspace import letter_in, p12_of, signer_of
from tests.pkifixtures import small_pdf
from tests.workspace.workspace_support import AT
from tnde.cli.main import main
from tnde.demo import KONSEPTOR_JABATAN, REGISTRY_JABATAN, SIGNER_JABATAN
from tnde.errors import WorkspaceError
from tnde.org import holders, load_org
from tnde.workflow.letters import Letters
from tnde.workspace import audit_append, check_workspace
from tnde.workspace import workspace as workspace_module

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.workspace import Workspace

# Whole commands on a copy of the demo workspace, signing included: slow, still run by CI.
pytestmark = pytest.mark.slow

DISK_FULL = "disk penuh"
"""What the refusal says (in Indonesian, the default language)."""
TABLES = ("letter", "event", "audit", "blob", "number_use", "incoming", "disposisi")
PASSPHRASE = b"demo1234\n"


@pytest.fixture
def full_database(demo_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo workspace's database in small pages, none free; no connection may add one."""
    conn = sqlite3.connect(demo_ws.db_path, isolation_level=None)
    try:
        # the page size of a WAL database changes only through a rollback-journal VACUUM
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA page_size = 512")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode = WAL")
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 512
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    finally:
        conn.close()
    real = workspace_module._connect

    def full(db: Path, **kwargs: bool) -> sqlite3.Connection:
        conn = real(db, **kwargs)
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(workspace_module, "_connect", full)


@pytest.fixture
def full_disk_for_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Syncing a regular file's data fails with ENOSPC (folders still sync)."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _people(ws: Workspace) -> dict[str, str]:
    letters = Letters(ws)
    chart = load_org(ws.thread_connection())
    day = letters.today()
    return {
        "konseptor": str(holders(chart, KONSEPTOR_JABATAN, day)[0].nip),
        "unit": chart.get_jabatan(KONSEPTOR_JABATAN).unit_id,
        "registry": str(holders(chart, REGISTRY_JABATAN, day)[0].nip),
    }


def _rows(ws: Workspace) -> dict[str, int]:
    """Rows per table, read afresh."""
    conn = sqlite3.connect(f"{ws.db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def _files(ws: Workspace) -> set[str]:
    """Every file under ``blobs/``."""
    return {str(p.relative_to(ws.path)) for p in (ws.path / "blobs").rglob("*") if p.is_file()}


def refused_for_a_full_disk(
    capsys: pytest.CaptureFixture[str], ws: Workspace, *args: str | Path
) -> set[str]:
    """Run ``tnde --workspace WS …``, which must say the disk is full and store nothing;
    the files it left in ``blobs/``.

    A blob file written before the database refused its row stays as a whole file that no
    row names, which ``workspace check`` reports as a harmless orphan, as after a crash at
    that point; nothing else may be left."""
    rows, files = _rows(ws), _files(ws)
    capsys.readouterr()
    code = main(["--workspace", str(ws.path), *map(str, args)])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert f"tnde: {ws.path}: " in err, "the message names the workspace folder"
    assert DISK_FULL in err, err
    assert out == ""
    assert _rows(ws) == rows, "nothing was stored"
    left = _files(ws) - files
    assert files <= _files(ws)
    report = check_workspace(ws)
    assert report.errors == (), report.errors
    assert {(f.code, f.subject) for f in report.warnings} == {
        ("blob_orphan", name.rsplit("/", 1)[-1]) for name in left
    }
    return left


def test_a_new_letter_on_a_full_database(
    demo_ws: Workspace, full_database: None, capsys: pytest.CaptureFixture[str]
) -> None:
    who = _people(demo_ws)
    refused_for_a_full_disk(
        capsys, demo_ws, "letter", "new", SAMPLES_DIR / "surat_dinas.toml",
        "--as", who["konseptor"], "--unit", who["unit"], "--signer", SIGNER_JABATAN,
    )  # fmt: skip


def test_numbering_on_a_full_database_gives_out_no_number(
    demo_ws: Workspace, full_database: None, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = letter_in(Letters(demo_ws), "siap_tandatangan")
    registry = _people(demo_ws)["registry"]
    refused_for_a_full_disk(capsys, demo_ws, "letter", "number", letter, "--as", registry)
    assert Letters(demo_ws).get(letter).status.value == "siap_tandatangan"


def test_numbering_when_the_final_pdf_cannot_be_stored(
    demo_ws: Workspace, full_disk_for_files: None, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = letter_in(Letters(demo_ws), "siap_tandatangan")
    registry = _people(demo_ws)["registry"]
    left = refused_for_a_full_disk(capsys, demo_ws, "letter", "number", letter, "--as", registry)
    assert left == set(), "no part of the PDF is left in blobs/"
    assert Letters(demo_ws).get(letter).nomor == ""


def _register_args(ws: Workspace) -> list[str]:
    return [
        "incoming", "register", "--unit", "DISKOMINFO", "--as", _people(ws)["registry"],
        "--asal", "Badan Pusat Statistik", "--nomor", "B-7/BPS/2026",
        "--tanggal", "2026-11-20", "--hal", "Permintaan data statistik sektoral",
    ]  # fmt: skip


def test_registering_an_incoming_letter_on_a_full_database(
    demo_ws: Workspace, full_database: None, capsys: pytest.CaptureFixture[str]
) -> None:
    refused_for_a_full_disk(capsys, demo_ws, *_register_args(demo_ws))


def test_registering_an_incoming_pdf_that_cannot_be_stored(
    demo_ws: Workspace,
    full_disk_for_files: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "surat masuk.pdf"
    pdf.write_bytes(small_pdf("Permintaan data statistik sektoral"))
    left = refused_for_a_full_disk(capsys, demo_ws, *_register_args(demo_ws), "--pdf", pdf)
    assert left == set(), "no part of the PDF is left in blobs/"


@pytest.mark.parametrize("full", ["full_database", "full_disk_for_files"])
def test_signing_on_a_full_disk_records_no_signature(
    demo_ws: Workspace,
    full: str,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    request.getfixturevalue(full)
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    signer = signer_of(letters, letter)
    p12 = p12_of(demo_ws, signer)
    read, write = os.pipe()
    os.write(write, PASSPHRASE)
    os.close(write)
    try:
        left = refused_for_a_full_disk(
            capsys, demo_ws, "sign", letter, "--as", signer, "--p12", p12,
            "--secret-fd", str(read),
        )  # fmt: skip
    finally:
        os.close(read)
    if full == "full_disk_for_files":
        assert left == set(), "no part of the signed PDF is left in blobs/"
    assert Letters(demo_ws).get(letter).signed_blobs == ()


def _audit_rows_in_nested_transactions(ws: Workspace, rows: int) -> None:
    conn = ws.thread_connection()
    with ws.transaction():
        audit_append(conn, actor="system", action="test.outer", object="x", details={}, at=AT)
        with ws.transaction():
            for i in range(rows):
                audit_append(
                    conn, actor="system", action="test.inner", object="x" * 500,
                    details={"i": i}, at=AT,
                )  # fmt: skip


def test_a_nested_transaction_on_a_full_database_rolls_back_everything(ws: Workspace) -> None:
    conn = ws.thread_connection()
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(WorkspaceError) as excinfo:
        _audit_rows_in_nested_transactions(ws, 200)
    assert excinfo.value.kind == WorkspaceError.DISK_FULL
    assert excinfo.value.path == str(ws.path)
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 1
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")
    _audit_rows_in_nested_transactions(ws, 200)  # once there is room again, it works
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 202


@pytest.mark.parametrize("where", ["config", "rename"])
def test_making_a_workspace_on_a_full_disk_leaves_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "config":
        monkeypatch.setattr(os, "fsync", full)
    else:
        monkeypatch.setattr(workspace_module.os, "replace", full)
    folder = tmp_path / "baru"
    code = main(["--workspace", str(folder), "workspace", "init", "--demo"])
    err = capsys.readouterr().err
    assert code == 1
    assert "disk penuh" in err
    assert str(folder) in err
    assert "Traceback" not in err
    assert not (folder / "workspace.sqlite").exists()
    assert not (folder / "config.toml").exists()
