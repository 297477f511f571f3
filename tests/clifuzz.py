"""Running ``tnde`` in-process on hostile input, and proving a refusal changed nothing.

:mod:`tests.clifuzz_plans` draws the command lines; this module makes them real and checks
them. A command line is made of :data:`Token` values: plain strings, and symbols resolved for
each example (:class:`Place`: a file or folder made for the run; :class:`Known`: a real id of
the demo workspace; :class:`Secret`: a file descriptor holding a passphrase), so that a
failing example prints what it meant rather than a temporary path.

:meth:`Fuzz.check` runs one command line on a pristine copy of the demo workspace and asserts
the promises listed in :mod:`tests.test_cli_fuzz`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tests.cliutil import ORG_FILE
from tests.conftest import SAMPLES_DIR
from tnde.cli.main import main
from tnde.messages import set_language
from tnde.org import read_org, write_org
from tnde.pki import DEMO_PASSPHRASE
from tnde.resources import resource_path

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "COPY",
    "FRESH_WORKSPACES",
    "INPUT_NAMES",
    "OUTPUT_NAMES",
    "WORKSPACE_NAMES",
    "Fuzz",
    "Known",
    "Outcome",
    "Place",
    "Plan",
    "Secret",
    "Token",
]

HANG_SECONDS = 60
"""A run still going after this long has hung (a pipe opened for reading waits forever)."""


# -- symbolic arguments, made real for each example ------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A file or folder made for the run: ``area`` is ``input`` (read-only, made once),
    ``output`` or ``workspace`` (made fresh for each example)."""

    area: str
    name: str


@dataclass(frozen=True)
class Known:
    """The ``index``-th (wrapping around) real value of ``kind`` in the demo workspace: a
    letter id, a revision, a trust root's fingerprint, a file inside the workspace…"""

    kind: str
    index: int


@dataclass(frozen=True)
class Secret:
    """A file descriptor opened for the run on a file holding the secret ``name``."""

    name: str


Token = str | Place | Known | Secret

COPY = Place("workspace", "salinan")
"""The example's own copy of the demo workspace (``TNDE_HOME`` too)."""


@dataclass(frozen=True)
class Plan:
    """One command line: global options, ``--workspace`` (``None``: left to ``TNDE_HOME``),
    the sub-command and its arguments."""

    command: tuple[str, ...]
    workspace: Token | None
    options: tuple[str, ...]
    args: tuple[Token, ...]

    def tokens(self) -> list[Token]:
        head: list[Token] = [] if self.workspace is None else ["--workspace", self.workspace]
        return [*self.options, *head, *self.command, *self.args]


# -- the places ----------------------------------------------------------------------------------

INPUT_NAMES = (
    # nothing readable there: missing, in a missing folder, a folder, devices, a named pipe,
    # a link to itself, a link to nothing
    *("tidak-ada", "dalam-folder-hilang", "folder-kosong", "/dev/zero", "/dev/null", "pipa"),
    *("tautan-melingkar", "tautan-putus"),
    # bytes that are not what they should be: empty, random, not UTF-8, over the input limit,
    # TOML nested 5000 deep, broken CSV, PEM armour around junk, half a PDF…
    *("kosong", "acak", "bukan-utf8", "besar", "toml-bersarang", "toml-tabel-bersarang"),
    *("csv-rusak", "sertifikat-palsu", "sertifikat-ganda", "pdf-terpotong", "templat-rusak"),
    *("profil-logo-perangkat", "profil-logo-rusak", "org-nip-salah", "nama-kendali"),
    # drafts: the sample, and with control characters, a path for a jenis, wrong types…
    *("konsep", "konsep-kendali", "konsep-jenis-aneh", "konsep-tipe-salah"),
    *("konsep-tanpa-profil", "konsep-panjang"),
    # real files, so that commands get past their first check
    *("org", "org-csv", "kka", "sertifikat-root", "p12", "profil", "templat", "pdf"),
    *("pdf-lain", "pdf-bertanda-tangan", "folder-pdf"),
)
"""Files and folders commands read (made once; ``/dev/…`` are the system's own)."""
OUTPUT_NAMES = (
    *("baru.pdf", "baru.toml", "baru.csv", "folder", "ada", "dalam-folder-hilang"),
    *("di-bawah-berkas", "tautan-melingkar", "tautan-putus", "pipa", "nama-kendali"),
)
"""Files commands write: new ones, a folder or a file in the way, a missing folder, a file
where the folder should be, links, a named pipe (standing in for ``/dev/null``, which a run
as root must not replace), a name with a terminal sequence."""
WORKSPACE_NAMES = (
    *("tidak-ada", "berkas", "folder-kosong", "dalam-folder-hilang", "/dev/null"),
    *("tautan-melingkar", "tautan-putus", "rusak", "config-bersarang", "tautan"),
)
"""``--workspace`` other than the copy: missing, a file, empty, a device, links, a database
of random bytes, a ``config.toml`` nested too deep, a link to the copy."""
FRESH_WORKSPACES = ("folder-kosong", "tidak-ada", "dalam-folder-hilang")
"""Places a new workspace can be made in."""


# -- the workspace before and after -------------------------------------------------------------

_DATABASE_FILES = {f"workspace.sqlite{end}" for end in ("", "-wal", "-shm", "-journal")}


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(ws: Path) -> dict[str, str]:
    """What a refused command must leave as it was, read without writing anything."""
    found: dict[str, str] = {}
    uri = f"{(ws / 'workspace.sqlite').resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        found["schema"] = _digest(schema)
        found["user_version"] = str(conn.execute("PRAGMA user_version").fetchone()[0])
        # an FTS5 table's shadow tables (name_data, name_idx…) are its index, a cache
        caches = tuple(f"{name}_" for _type, name, sql in schema if "USING fts5" in (sql or ""))
        for kind, name, _sql in schema:
            if kind == "table" and not name.startswith(caches or ("\0",)):
                rows = sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"').fetchall()))
                found[f"table {name}"] = f"{len(rows)} rows, {_digest(rows)}"
    finally:
        conn.close()
    for folder, dirs, files in os.walk(ws):
        here = Path(folder)
        for name in dirs:
            if (here / name).is_symlink():
                found[str((here / name).relative_to(ws))] = f"link {os.readlink(here / name)}"
        for name in files:
            path = here / name
            rel = str(path.relative_to(ws))
            if rel in _DATABASE_FILES:
                continue
            found[rel] = (
                f"link {os.readlink(path)}"
                if path.is_symlink()
                else hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            )
    return found


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = [
        key for key in sorted(before.keys() | after.keys()) if before.get(key) != after.get(key)
    ]
    return [
        f"{key}: {before.get(key, '(absent)')} -> {after.get(key, '(absent)')}"
        for key in changed
        if key not in _issued_on_first_use(changed, before, after)
    ]


_OFFICIALS = "pki/demo/officials/"


def _issued_on_first_use(
    changed: list[str], before: dict[str, str], after: dict[str, str]
) -> set[str]:
    """The changes of DEMO certificates made on first use (an enrolment turned into a .p12 and
    a .pem, and the PKI's state listing them): the demo's keys are made when something first
    asks for them, e.g. a remote signing service asked for the certificate before it refused
    the passphrase. Not a change a refusal must undo; anything else in the PKI still is."""
    made = {
        key.removeprefix(_OFFICIALS).removesuffix(".enrol.json")
        for key in changed
        if key.startswith(_OFFICIALS) and key.endswith(".enrol.json") and key not in after
    }
    expected = {
        f"{_OFFICIALS}{n}{suffix}" for n in made for suffix in (".enrol.json", ".p12", ".pem")
    }
    if not made or not {k for k in changed if k.startswith(_OFFICIALS)} <= expected:
        return set()
    return expected | {"pki/demo/state.toml"}


# -- running a command line -----------------------------------------------------------------------

TRACEBACK = "Traceback (most recent call last)"
EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning)\b")


PARTLY_DONE: dict[tuple[str, ...], re.Pattern[str]] = {
    ("sign",): re.compile(
        r": (?:signed|ditandatangani|electronic paraf applied to|paraf elektronik dibubuhkan) "
        r'|"ok": true'
    )
}
"""Commands that exit 1 after doing part of the work (a batch signs the letters it can): the
workspace may change when their output reports a part done."""


class HungError(BaseException):
    """A run took longer than :data:`HANG_SECONDS` (a BaseException: no handler keeps it)."""


@dataclass
class Outcome:
    argv: list[str]
    code: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        shown = [a if len(a) <= 60 else f"{a[:40]!r}…({len(a)} chars)" for a in self.argv]
        return f"tnde {shown!r} exited {self.code}\nstderr:\n{self.stderr[-3000:]}"


def run_cli(argv: list[str], home: Path) -> Outcome:
    """``main(argv)`` with captured output, a stdin that is no terminal and a watchdog.

    ``TNDE_HOME`` is ``home`` (the copy), and the input limit 2 MB, so that the 3 MB input
    file ``besar`` is over it. ``main`` wraps stdout/stderr in its own terminal-safe streams
    and restores them; a real run's ``logging.basicConfig`` handler on stderr is replaced by
    one on the captured stderr (pytest's own handlers make ``basicConfig`` do nothing here).
    """
    # what a UTF-8 terminal gives: stdout strict, stderr backslashreplace
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(
        io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True
    )
    handler = logging.StreamHandler(err)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_env = {k: os.environ.get(k) for k in ("TNDE_HOME", "TNDE_LANG", "TNDE_MAX_INPUT_MB")}
    os.environ.update({"TNDE_HOME": str(home), "TNDE_MAX_INPUT_MB": "2"})
    os.environ.pop("TNDE_LANG", None)
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(), out, err
    root.addHandler(handler)
    try:
        with _watchdog():
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except HungError:
        raise AssertionError(f"hung for {HANG_SECONDS} s: {_text(err)[-500:]}") from None
    finally:
        root.removeHandler(handler)
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        set_language("id")
    return Outcome(argv, code, _text(out), _text(err))


def _text(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "backslashreplace")


@contextlib.contextmanager
def _watchdog() -> Iterator[None]:
    """Raise :class:`HungError` in a run that takes too long (POSIX; elsewhere nothing)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def alarm(_signum: int, _frame: object) -> None:
        raise HungError

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Fuzz:
    """The inputs made once, the baseline of the demo workspace, and one run per example.

    The example's copy of the demo workspace is made again only after a command changed it:
    most runs are refusals, and a copy costs more than the run.
    """

    def __init__(self, template: Path, root: Path) -> None:
        self.template = template
        self.inputs = root / "masukan – é"
        self.scratch = root / "contoh"
        self.ws = root / "ruang kerja – é"
        self.secrets = root / "rahasia"
        shutil.copytree(template, self.ws)
        self.baseline = fingerprint(self.ws)
        self.known = _known_values(self.ws)
        _make_inputs(self.inputs, self.ws)
        self.secrets.mkdir()
        for name, data in {
            "demo": DEMO_PASSPHRASE + b"\n",
            "salah": b"bukan-sandi\n",
            "kosong": b"",
            "biner": b"\xff\xfe\x00\x1b[2J\n",
            "panjang": b"x" * 1_000_000,
        }.items():
            (self.secrets / name).write_bytes(data)
        self.changed: list[str] = []
        """What the last run changed in the copy (it is made again before the next one)."""
        self._made: dict[Place, Path] = {}

    def check(self, plan: Plan) -> Outcome:
        """Run ``plan`` on a pristine copy of the demo workspace and check every promise."""
        if self.scratch.exists():
            shutil.rmtree(self.scratch)
        self.scratch.mkdir()
        if self.changed:
            shutil.rmtree(self.ws)
            shutil.copytree(self.template, self.ws)
        descriptors: list[int] = []
        self._made.clear()
        self.changed = ["(not known: the run did not end)"]  # made again if it raises
        try:
            argv = [self._resolve(t, descriptors) for t in plan.tokens()]
            outcome = run_cli(argv, self.ws)
        finally:
            for fd in descriptors:
                os.close(fd)
        self.changed = self._changes()
        assert outcome.code in (0, 1, 2), outcome.describe()
        for stream in (outcome.stderr, outcome.stdout):
            assert TRACEBACK not in stream, outcome.describe()
        named = EXCEPTION_NAME.search(outcome.stderr)
        assert named is None, f"{named.group()} on stderr: {outcome.describe()}"
        elsewhere = plan.workspace not in (None, COPY, Place("workspace", "tautan"))
        done = PARTLY_DONE.get(plan.command)
        partly = outcome.code == 1 and done is not None and done.search(outcome.stdout)
        if (outcome.code != 0 and not partly) or elsewhere:
            changed = self.changed
            assert not changed, f"the workspace changed: {changed}\n{outcome.describe()}"
        return outcome

    def _changes(self) -> list[str]:
        try:
            return differences(self.baseline, fingerprint(self.ws))
        except (OSError, sqlite3.Error) as exc:
            return [f"unreadable: {exc}"]

    # -- tokens to arguments

    def _resolve(self, token: Token, descriptors: list[int]) -> str:
        if isinstance(token, str):
            return token
        if isinstance(token, Known):
            values = self.known[token.kind]
            value = values[token.index % len(values)] if values else ""
            return str(self.ws / value) if token.kind in ("p12", "cert") else value
        if isinstance(token, Secret):
            fd = os.open(self.secrets / token.name, os.O_RDONLY)
            descriptors.append(fd)
            return str(fd)
        if token.area == "input":
            name = INPUT_FILES.get(token.name, token.name)
            return name if name.startswith("/") else str(self.inputs / name)
        if token not in self._made:  # a place named twice is one place
            self._made[token] = self._make_place(token)
        return str(self._made[token])

    def _make_place(self, place: Place) -> Path:
        if place == COPY:
            return self.ws
        if place.name.startswith("/"):
            return Path(place.name)
        folder = self.scratch / place.area
        folder.mkdir(exist_ok=True)
        path = folder / place.name
        match place.name:
            case "baru.pdf" | "baru.toml" | "baru.csv":
                path = folder / f"keluaran baru – é{Path(place.name).suffix}"
            case "folder" | "folder-kosong":
                path.mkdir()
            case "ada" | "berkas":
                path.write_bytes(b"isi lama")
            case "dalam-folder-hilang":
                path = folder / "tidak" / "ada" / "di sini"
            case "di-bawah-berkas":
                path.write_bytes(b"isi lama")
                path = path / "x.pdf"
            case "tautan-melingkar":
                path.symlink_to(path)
            case "tautan-putus":
                path.symlink_to(folder / "tidak ada" / "di sini")
            case "pipa":
                os.mkfifo(path)
            case "nama-kendali":
                path = folder / "surat\x1b]0;judul\x07\n.pdf"
            case "rusak":
                path.mkdir()
                (path / "workspace.sqlite").write_bytes(random.Random(7).randbytes(8192))
                shutil.copy(self.ws / "config.toml", path / "config.toml")
            case "config-bersarang":
                path.mkdir()
                shutil.copy(self.ws / "workspace.sqlite", path / "workspace.sqlite")
                (path / "config.toml").write_text(_NESTED, encoding="utf-8")
            case "tautan":
                path.symlink_to(self.ws, target_is_directory=True)
            case "berisi-tautan-melingkar":  # a copy with a link to itself among its blobs
                shutil.copytree(self.ws, path, symlinks=True)
                (path / "blobs" / "lingkar").symlink_to(path / "blobs" / "lingkar")
        return path


INPUT_FILES = {
    "nama-kendali": "surat\x1b]0;judul\x07\n.toml",
    "profil-logo-perangkat": "profil-logo-perangkat/diskominfo-nusantara-raya.toml",
    "profil-logo-rusak": "profil-logo-rusak/diskominfo-nusantara-raya.toml",
}
"""Inputs whose file is not named as the place: a name carrying a terminal sequence and a
newline, profiles whose logo is a device or random bytes."""
_JUNK_PEM = b"-----BEGIN CERTIFICATE-----\nTUlJ\n-----END CERTIFICATE-----\n"
_NESTED = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def _known_values(ws: Path) -> dict[str, list[str]]:
    """The real ids and files of the demo workspace that arguments may name."""
    uri = f"{(ws / 'workspace.sqlite').resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:

        def column(sql: str) -> list[str]:
            return [str(row[0]) for row in conn.execute(sql)]

        revisions = column("SELECT revision_hash FROM revision ORDER BY 1")
        values = {
            "letter": column("SELECT letter_id FROM letter ORDER BY 1"),
            "incoming": column("SELECT incoming_id FROM incoming ORDER BY 1"),
            "disposisi": column("SELECT disposisi_id FROM disposisi ORDER BY 1"),
            "revision": revisions + [r[:12] for r in revisions],
            "series": column("SELECT series FROM number_series ORDER BY 1"),
        }
    finally:
        conn.close()
    roots = sorted(p.stem for p in (ws / "pki" / "trust").glob("*.pem"))
    demo = ws / "pki" / "demo"
    values["fingerprint"] = roots + [r[:8] for r in roots]
    values["p12"] = sorted(str(p.relative_to(ws)) for p in demo.glob("officials/*.p12"))
    values["cert"] = sorted(str(p.relative_to(ws)) for p in demo.glob("*.pem"))
    return values


def _make_inputs(folder: Path, ws: Path) -> None:
    """The files and folders arguments read, made once for the module."""
    folder.mkdir()
    rng = random.Random(20261127)
    sample = (SAMPLES_DIR / "surat_dinas.toml").read_text(encoding="utf-8")
    org = ORG_FILE.read_text(encoding="utf-8")
    root_pem = (ws / "pki" / "demo" / "root.pem").read_bytes()
    blobs = [p.read_bytes() for p in sorted((ws / "blobs").rglob("*")) if p.is_file()]
    pdfs = [b for b in blobs if b.startswith(b"%PDF")]
    signed = next(b for b in pdfs if b"/ByteRange" in b)
    unsigned = next(b for b in pdfs if b"/ByteRange" not in b)
    profile = Path(str(resource_path("profiles", "diskominfo-nusantara-raya.toml")))

    def logo_is(logo: bytes) -> bytes:
        return re.sub(rb"(?m)^logo = .*$", b'logo = "' + logo + b'"', profile.read_bytes())

    files: dict[str, bytes | str] = {
        "kosong": b"",
        "acak": rng.randbytes(4096),
        "bukan-utf8": b'jenis = "surat_dinas"\n\xff\xfe\x80 hal = "\xc3\x28"\n',
        "toml-bersarang": _NESTED,
        "toml-tabel-bersarang": "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
        "besar": b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024),
        "konsep": sample,
        "konsep-kendali": sample.replace(
            'hal = "', 'hal = "\\u001b[2J\\u0007\\u0000\\u202e\\u009b31m '
        ).replace("Tempat", "Tempat\\u001b]0;judul\\u0007"),
        "konsep-jenis-aneh": sample.replace('"surat_dinas"', '"../../../../etc/passwd"').replace(
            'profil = "diskominfo-nusantara-raya"', 'profil = "/dev/zero"'
        ),
        "konsep-tipe-salah": (
            'jenis = "surat_dinas"\nprofil = "diskominfo-nusantara-raya"\n[naskah]\n'
            'tanggal = "2026-02-30"\nhal = 5\ntujuan = {a = 1}\nisi = ["x"]\nkka = -1\n'
        ),
        "konsep-tanpa-profil": sample.replace('profil = "diskominfo-nusantara-raya"\n', ""),
        "konsep-panjang": sample.replace('hal = "', 'hal = "' + "Panjang " * 3000),
        INPUT_FILES["nama-kendali"]: sample,
        "org": org,
        "org-nip-salah": re.sub(r'nip = "(\d{17})\d"', r'nip = "\1"', org, count=1),
        "kka": "kode,nama\n000,Umum\n000.1,Ketatausahaan dan Kerumahtanggaan\n",
        "csv-rusak": b'kode,nama\n"000,"tidak ditutup\n\x00,x\n',
        "sertifikat-root": root_pem,
        "sertifikat-palsu": _JUNK_PEM,
        "sertifikat-ganda": root_pem + _JUNK_PEM,
        "p12": next((ws / "pki" / "demo" / "officials").glob("*.p12")).read_bytes(),
        "profil": profile.read_bytes(),
        # a profile's id is its file name: these sit in folders of their own
        INPUT_FILES["profil-logo-perangkat"]: logo_is(b"/dev/zero"),
        INPUT_FILES["profil-logo-rusak"]: logo_is(b"logo rusak.png"),
        "profil-logo-rusak/logo rusak.png": rng.randbytes(512),
        "pdf": unsigned,
        "pdf-lain": unsigned + b"\n% salinan lain\n",  # readable, and not a blob of the demo
        "pdf-terpotong": unsigned[: len(unsigned) // 2],
        "pdf-bertanda-tangan": signed,
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    (folder / "folder-kosong").mkdir()
    (folder / "tautan-melingkar").symlink_to(folder / "tautan-melingkar")
    (folder / "tautan-putus").symlink_to(folder / "tidak ada" / "di sini")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipa")
    write_org(read_org(ORG_FILE), folder / "org-csv")
    shutil.copytree(Path(str(resource_path("templates"))), folder / "templat")
    broken = folder / "templat-rusak"
    broken.mkdir()
    (broken / "_fields.toml").write_text(_NESTED, encoding="utf-8")
    (broken / "surat_dinas.toml").write_bytes(b"\xff\x00 [[[")
    pdf_folder = folder / "folder-pdf"
    pdf_folder.mkdir()
    (pdf_folder / "ditandatangani.pdf").write_bytes(signed)
    (pdf_folder / "terpotong.PDF").write_bytes(unsigned[:1000])
    (pdf_folder / "acak.pdf").write_bytes(rng.randbytes(2048))
    (pdf_folder / "tautan.pdf").symlink_to(pdf_folder / "tautan.pdf")
    # a name that is not UTF-8, as an old archive or another system leaves them
    (pdf_folder / os.fsdecode(b"surat \xff\xfe.pdf")).write_bytes(unsigned)
