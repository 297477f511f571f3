"""A read-only workspace: every command that only reads works; every command that writes says
the workspace is read-only, naming its folder, exits 1 and changes nothing.

"Read-only" is tried two ways, for the whole folder and for the database file alone:

- *permissions*: the write bits are taken away (``chmod a-w``), as an administrator does to
  freeze an archive copy. Root ignores file permissions, so these cases are skipped when the
  tests run as root.
- *read-only mount*: the command runs in its own mount namespace where the folder (or the
  file) is bind-mounted read-only, as on a write-protected share or disk. The kernel refuses
  every write there, root's too. This needs ``unshare`` (as root, or through a user
  namespace); where the system allows neither, these cases are skipped.

Every command runs in a child process through ``python -m tnde``, as a user would run it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.cliutil import ORG_FILE, ROOT, tnde
from tests.conftest import SAMPLES_DIR
from tests.demoworkspace import letter_in, p12_of, signer_of
from tnde.demo import KONSEPTOR_JABATAN, REGISTRY_JABATAN, SIGNER_JABATAN
from tnde.org import holders, load_org
from tnde.pki import TrustStore
from tnde.workflow import cancel_letter
from tnde.workflow.letters import Letters
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and mounts"),
]

AS_ROOT = os.name == "posix" and os.geteuid() == 0
READ_ONLY = "hanya dapat dibaca"
"""What the refusal of a write says (in Indonesian, the default language)."""
INSTRUCTION = "Tindak lanjuti/selesaikan"


@dataclass(frozen=True)
class Facts:
    """Ids and people of the demo workspace that the commands below name."""

    konsep: str
    siap: str
    dinomori: str
    ditandatangani: str
    dikirim: str
    konseptor: str
    unit: str
    registry: str
    kadis: str
    signer: str
    p12: str
    """The signer's DEMO ``.p12``, relative to the workspace folder."""
    incoming: str
    """A letter received by the Dinas with a disposition on it."""
    disposisi: str
    fresh_incoming: str
    """A received letter nobody has opened yet."""
    series: tuple[str, str, int]
    """Unit, series key and year of a number series."""
    fingerprint: str
    signed_pdf: Path
    """A signed letter exported from the workspace, outside it."""


@pytest.fixture(scope="module")
def facts(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Facts:
    """What the commands need to know, read from a throwaway copy of the demo workspace."""
    folder = tmp_path_factory.mktemp("fakta demo") / "ruang kerja"
    shutil.copytree(demo_template, folder)
    with Workspace.open(folder) as ws:
        letters = Letters(ws)
        conn = ws.thread_connection()
        chart = load_org(conn)
        day = letters.today()

        def holder(jabatan: str) -> str:
            return str(holders(chart, jabatan, day)[0].nip)

        dinomori = letter_in(letters, "dinomori")
        signer = signer_of(letters, dinomori)
        signed = letters.get(letter_in(letters, "ditandatangani"))
        signed_pdf = folder.parent / "surat bertanda tangan.pdf"
        signed_pdf.write_bytes(letters.blobs.get(signed.signed_blobs[-1]))
        incoming, disposisi = conn.execute(
            "SELECT incoming_id, disposisi_id FROM disposisi ORDER BY disposisi_id LIMIT 1"
        ).fetchone()
        (fresh,) = conn.execute(
            "SELECT incoming_id FROM incoming WHERE status = 'diregistrasi' AND unit_id = ?",
            ("DISKOMINFO",),
        ).fetchone()
        unit, series, year = conn.execute(
            "SELECT unit_id, series, year FROM number_series ORDER BY last_no DESC LIMIT 1"
        ).fetchone()
        return Facts(
            konsep=letter_in(letters, "konsep"),
            siap=letter_in(letters, "siap_tandatangan"),
            dinomori=dinomori,
            ditandatangani=signed.letter_id,
            dikirim=letter_in(letters, "dikirim"),
            konseptor=holder(KONSEPTOR_JABATAN),
            unit=chart.get_jabatan(KONSEPTOR_JABATAN).unit_id,
            registry=holder(REGISTRY_JABATAN),
            kadis=holder(SIGNER_JABATAN),
            signer=signer,
            p12=str(p12_of(ws, signer).relative_to(folder)),
            incoming=incoming,
            disposisi=disposisi,
            fresh_incoming=fresh,
            series=(unit, series, year),
            fingerprint=TrustStore.for_workspace(folder).list()[0].fingerprint,
            signed_pdf=signed_pdf,
        )


# -- making a copy read-only --------------------------------------------------------------------

_MOUNT_READ_ONLY = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'
"""Bind-mount ``$1`` read-only onto itself, then run the rest of the arguments."""


@functools.cache
def _namespace_prefix() -> tuple[str, ...] | None:
    """The ``unshare`` command that gives a child its own mount namespace, or ``None`` when
    this system allows none (checked by mounting a folder read-only and failing to write)."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    prefix = (unshare, "--mount")
    if not AS_ROOT:
        prefix = (unshare, "--user", "--map-root-user", "--mount")
    with tempfile.TemporaryDirectory() as probe:
        cannot_write = ("sh", "-c", '! touch "$0/x"', probe)
        mounted = [*prefix, "sh", "-c", _MOUNT_READ_ONLY, "sh", probe, *cannot_write]
        proc = subprocess.run(mounted, capture_output=True, check=False)
        return prefix if proc.returncode == 0 and not os.listdir(probe) else None


def _write_protect(paths: list[Path]) -> None:
    for path in paths:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry of ``folder`` with its mode and (for files) the SHA-256 of its content."""
    found = {}
    for path in sorted([folder, *folder.rglob("*")]):
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path.relative_to(folder))] = (stat.S_IMODE(path.lstat().st_mode), digest)
    return found


class ReadOnlyWorkspace:
    """A workspace folder that cannot be written, and ``tnde`` run on it."""

    def __init__(self, folder: Path, part: str, how: str) -> None:
        self.folder = folder
        """The workspace folder."""
        self.target = folder if part == "folder" else folder / "workspace.sqlite"
        """What is read-only: the whole folder, or the database file alone."""
        self.how = how
        if how == "permissions":
            _write_protect([self.target, *(self.target.rglob("*") if part == "folder" else [])])

    def run(self, *args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """``tnde --workspace FOLDER …`` with the workspace read-only."""
        if self.how == "permissions":
            return tnde("--workspace", self.folder, *args, stdin=stdin)
        prefix = _namespace_prefix()
        assert prefix is not None
        command = [sys.executable, "-m", "tnde", "--workspace", str(self.folder), *map(str, args)]
        return subprocess.run(
            [*prefix, "sh", "-c", _MOUNT_READ_ONLY, "sh", str(self.target), *command],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    def restore(self) -> None:
        """Give the owner write access back, so the temporary folder can be removed."""
        for path in [self.folder, *self.folder.rglob("*")]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)


MODES = {
    "folder, permissions": ("folder", "permissions"),
    "folder, read-only mount": ("folder", "mount"),
    "database file, permissions": ("database", "permissions"),
    "database file, read-only mount": ("database", "mount"),
}


@pytest.fixture
def read_only_ws(
    request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path
) -> Iterator[ReadOnlyWorkspace]:
    """A private copy of the demo workspace, read-only as the test's mode (its parameter) says."""
    _possible(request.param)
    folder = tmp_path / "ruang kerja – hanya baca"
    shutil.copytree(demo_template, folder)
    workspace = _protected(folder, request.param)
    try:
        yield workspace
    finally:
        workspace.restore()


def _possible(mode: str) -> tuple[str, str]:
    """What ``mode`` makes read-only and how; the test is skipped where this system cannot."""
    part, how = MODES[mode]
    if how == "permissions" and AS_ROOT:
        pytest.skip("root ignores file permissions; the read-only mount cases cover this")
    if how == "mount" and _namespace_prefix() is None:
        pytest.skip("no mount namespace available (unshare not permitted here)")
    return part, how


def _protected(folder: Path, mode: str) -> ReadOnlyWorkspace:
    """The workspace in ``folder``, made read-only the way ``mode`` names."""
    return ReadOnlyWorkspace(folder, *_possible(mode))


# -- the commands -----------------------------------------------------------------------------
# Each is a line of words; a word in braces is filled in by _argv (a path or a text with spaces).

READS = {
    "workspace info": "workspace info",
    "workspace check": "workspace check",
    "audit verify": "audit verify",
    "audit show": "audit show",
    "letter show": "letter show {dikirim}",
    "letter history": "letter history {dikirim} --json",
    "letter diff": "letter diff {konsep}",
    "letter export": "letter export {ditandatangani} -o {out}/surat.pdf",
    "inbox": "inbox --as {signer}",
    "incoming list": "incoming list --unit DISKOMINFO",
    "incoming show": "incoming show {incoming}",
    "disposisi tree": "disposisi tree {incoming}",
    "disposisi print": "disposisi print {incoming} {disposisi} -o {out}/lembar.pdf",
    "track": "track --unit DISKOMINFO --as {kadis}",
    "track --csv": "track --unit DISKOMINFO --csv {out}/agenda.csv",
    "search": "search Rapat",
    "register list": "register list",
    "register list of a series": "register list --unit {unit_id} --series {series} --year {year}",
    "register leases": "register leases --desk meja-1 --json",
    "org show": "org show",
    "org export": "org export {out}/org.toml",
    "pki trust list": "pki trust list",
    "verify with the workspace": "verify {signed_pdf}",
}

WRITES = {
    "letter new": "letter new {sample} --as {konseptor} --unit {unit} --signer KADIS",
    "letter edit": "letter edit {konsep} {sample} --as {konseptor}",
    "letter submit": "letter submit {konsep} --as {konseptor}",
    "letter cancel": "letter cancel {konsep} --as {konseptor} --note batal",
    "letter number": "letter number {siap} --as {registry}",
    "letter send": "letter send {ditandatangani} --as {registry}",
    "letter archive": "letter archive {dikirim} --as {registry}",
    "sign": "sign {dinomori} --as {signer} --p12 {ws}/{p12} --secret-fd 0",
    "incoming register": (
        "incoming register --unit DISKOMINFO --as {registry} --asal {asal} --nomor B-1/BPS/2026 "
        "--tanggal 2026-11-20 --hal {hal}"
    ),
    "incoming read": "incoming read {fresh_incoming} --as {kadis}",
    "disposisi give": (
        "disposisi give {fresh_incoming} --to KABID_APTIKA --instruction {instruction} --as {kadis}"
    ),
    "register lease": (
        "register lease --unit {unit_id} --series {series} --year {year} --size 5 --desk meja-1 "
        "--as {registry}"
    ),
    "register void": (
        "register void --unit {unit_id} --series {series} --year {year} --no 1 --reason salah "
        "--as {registry}"
    ),
    "org import": "org import {org_file}",
    "pki trust add": "pki trust add {ws}/pki/demo/root.pem",
    "pki trust set": "pki trust set {fingerprint} --no-purposes",
    "pki trust remove": "pki trust remove {fingerprint}",
    "pki revoke": "pki revoke {signer}",
    "pki demo-init": "pki demo-init --replace",
}

# The database-file cases run a few of each; the folder cases run them all.
FEW_READS = ("workspace check", "letter show", "search", "letter export")
FEW_WRITES = ("letter new", "letter number", "incoming register", "sign")


def _argv(line: str, facts: Facts, **more: str | Path) -> list[str]:
    """The words of ``line``, each ``{name}`` in them replaced by that fact (or ``more``)."""
    values: dict[str, object] = {
        **vars(facts),
        "unit_id": facts.series[0],
        "series": facts.series[1],
        "year": facts.series[2],
        "sample": SAMPLES_DIR / "surat_dinas.toml",
        "org_file": ORG_FILE,
        "asal": "Badan Pusat Statistik",
        "hal": "Permintaan data statistik sektoral",
        "instruction": INSTRUCTION,
        **more,
    }
    return [word.format_map(values) for word in line.split()]


def _cases(commands: dict[str, str], few: tuple[str, ...]) -> list[tuple[str, str]]:
    folder_modes = [m for m in MODES if m.startswith("folder")]
    file_modes = [m for m in MODES if m.startswith("database")]
    return [(m, c) for m in folder_modes for c in commands] + [
        (m, c) for m in file_modes for c in few
    ]


@pytest.mark.parametrize(
    ("read_only_ws", "command"), _cases(READS, FEW_READS), indirect=["read_only_ws"]
)
def test_a_read_command_works_on_a_read_only_workspace(
    read_only_ws: ReadOnlyWorkspace, command: str, facts: Facts, tmp_path: Path
) -> None:
    out = tmp_path / "keluaran"
    out.mkdir()
    ws = read_only_ws
    before = _snapshot(ws.folder)
    proc = ws.run(*_argv(READS[command], facts, out=out))
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), "the command printed what it read"
    assert _snapshot(ws.folder) == before, "reading changed the workspace"


@pytest.mark.parametrize(
    ("read_only_ws", "command"), _cases(WRITES, FEW_WRITES), indirect=["read_only_ws"]
)
def test_a_write_command_on_a_read_only_workspace_is_refused_and_changes_nothing(
    read_only_ws: ReadOnlyWorkspace, command: str, facts: Facts
) -> None:
    ws = read_only_ws
    before = _snapshot(ws.folder)
    proc = ws.run(*_argv(WRITES[command], facts, ws=ws.folder), stdin="demo1234\n")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    assert f"tnde: {ws.folder}: " in proc.stderr, "the refusal names the workspace folder"
    assert READ_ONLY in proc.stderr, proc.stderr
    assert proc.stdout == ""
    assert _snapshot(ws.folder) == before, "a refused command changed the workspace"


@pytest.mark.parametrize("shm", [True, False], ids=["with its -shm index", "without it"])
@pytest.mark.parametrize("mode", [m for m in MODES if m.startswith("folder")])
def test_changes_still_in_the_wal_file_are_read_or_refused_plainly(
    mode: str, shm: bool, facts: Facts, demo_template: Path, tmp_path: Path
) -> None:
    _possible(mode)
    live = tmp_path / "ruang kerja – terbuka"
    shutil.copytree(demo_template, live)
    folder = tmp_path / "ruang kerja – salinan"
    with Workspace.open(live) as open_ws:
        open_ws.thread_connection().execute("PRAGMA wal_autocheckpoint = 0")
        cancel_letter(Letters(open_ws), facts.konseptor, facts.konsep, "batal")
        # copied while still open, as a crash leaves it: the cancellation is in the -wal only
        shutil.copytree(live, folder)
    assert (folder / "workspace.sqlite-wal").stat().st_size > 0
    if not shm:
        (folder / "workspace.sqlite-shm").unlink()
    ws = _protected(folder, mode)
    try:
        before = _snapshot(folder)
        proc = ws.run("letter", "show", facts.konsep)
        assert "Traceback" not in proc.stderr, proc.stderr
        if shm:
            assert proc.returncode == 0, proc.stderr
            assert f"{facts.konsep}  surat_dinas  dibatalkan" in proc.stdout
        else:
            # SQLite would have to make the index to read the -wal file: said, not guessed at
            assert proc.returncode == 1
            assert f"tnde: {folder}: " in proc.stderr
            assert READ_ONLY in proc.stderr
            assert "workspace.sqlite-wal" in proc.stderr
        assert _snapshot(folder) == before
    finally:
        ws.restore()
