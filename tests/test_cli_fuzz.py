"""Every ``tnde`` sub-command fed hostile text, files and paths (hypothesis, in-process).

The commands are read from the parser :func:`tnde.cli.main.build_parser` builds, so a new one
is fuzzed as soon as it exists (:mod:`tests.clifuzz_plans` draws the command lines). Each
argument takes values by its ``dest`` from ``ARGUMENTS`` there; one with none fails its
command's test and :func:`test_every_argument_of_every_command_has_a_strategy`, naming what
to add.

Whatever the input, a run must:

- exit 0, 1 or 2, and never let an exception out of ``main`` (a user would see a traceback);
- write no traceback (on stdout or stderr) and no exception class name on stderr;
- when it refuses (1 or 2), leave the workspace exactly as it was: the schema, every table
  (the full-text index's shadow tables aside: they are a cache of ``incoming_fts``, whose rows
  are compared), and every other file in the folder with its bytes (blobs, ``config.toml``,
  the trust store, the DEMO PKI), no leftover temporary file either; only a batch that did
  part of its work says so and may exit 1 (``tests.clifuzz.PARTLY_DONE``);
- leave the demo workspace alone, whatever it answers, when pointed at another one.

Each example runs in this process (a child process would cost most of a second before the
command even starts) on a pristine copy of the session's demo workspace, made again after
a command changed it (:class:`tests.clifuzz.Fuzz`). CI runs six derandomized examples per
command, the same on every run; ``TNDE_FUZZ_EXAMPLES=300 pytest tests/test_cli_fuzz.py``
runs that many per command, with fresh randomness each time.

Defects the fuzz found stay covered by :data:`FOUND` and the tests below it.
"""

from __future__ import annotations

import os
import stat
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings

from tests.clifuzz import COPY, Fuzz, Known, Place, Plan, Token
from tests.clifuzz_plans import COMMANDS, NoStrategyError, command_plans
from tnde import selftest
from tnde.cli import pki_commands

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


# -- how many examples ------------------------------------------------------------------------

_EXAMPLES = os.environ.get("TNDE_FUZZ_EXAMPLES", "")
_DEEP = _EXAMPLES.isdigit()
FUZZ = settings(
    max_examples=int(_EXAMPLES) if _DEEP else 6,
    deadline=None,
    derandomize=not _DEEP,  # CI: the same examples on every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
if not _DEEP:
    FUZZ = settings(FUZZ, database=None)  # nor replay what an earlier local run saved


# -- tests ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzz]:
    """The module's inputs and baseline; ``pki serve`` stops at once instead of serving, and
    ``self-test`` builds no demo workspace (8 s a run: tests/test_selftest.py runs it whole)."""

    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt

    def no_demo(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pki_commands, "time", SimpleNamespace(sleep=interrupt))
        mp.setattr(selftest, "create_demo", no_demo)
        yield Fuzz(demo_template, tmp_path_factory.mktemp("fuzz cli – é"))


def test_every_argument_of_every_command_has_a_strategy() -> None:
    missing = []
    for command in COMMANDS:
        try:
            command_plans(command)
        except NoStrategyError as exc:
            missing.append(str(exc))
    assert not missing, "\n".join(missing)
    assert ("workspace", "init") in COMMANDS
    assert len(COMMANDS) > 50


@pytest.mark.parametrize("command", list(COMMANDS), ids=" ".join)
def test_hostile_input_never_crashes_and_a_refusal_changes_nothing(
    fuzz: Fuzz, command: tuple[str, ...]
) -> None:
    @FUZZ
    @given(plan=command_plans(command))
    def check(plan: Plan) -> None:
        fuzz.check(plan)

    check()


# -- what the fuzz found --------------------------------------------------------------------------


def line(*tokens: Token, workspace: Token | None = COPY) -> Plan:
    """A command line: the leading plain words are the sub-command."""
    words = 0
    while words < len(tokens) and isinstance(tokens[words], str):
        words += 1
        if tuple(tokens[:words]) in COMMANDS:
            break
    command = tuple(str(t) for t in tokens[:words])
    return Plan(command, workspace, (), tokens[words:])


NIP_KADIS = "196708271994031001"
FOUND = {
    # a named pipe opened for reading waited for a writer, for ever
    "pipe read by lint": (line("lint", Place("input", "pipa")), 1),
    "pipe read by org import": (line("org", "import", Place("input", "pipa"), "--check"), 1),
    "pipe read by verify": (
        line("verify", Place("input", "pipa"), "--trust", Place("input", "sertifikat-root")),
        1,
    ),
    # a lone surrogate (argument bytes that are not UTF-8) reached SQLite: a traceback
    "surrogate in disposisi tree": (line("disposisi", "tree", "\udcff"), 2),
    "surrogate in track --unit": (line("track", "--unit", "\udcff", "--overdue", "--json"), 2),
    "surrogate in search": (line("search", "\ud800"), 2),
    # a file name that is not UTF-8 in a verified folder: printing it on stdout failed
    "file name not UTF-8": (
        line("verify", Place("input", "folder-pdf"), "--trust", Place("input", "sertifikat-root")),
        1,
    ),
    # a file where the CSV folder of an export should go: FileExistsError
    "org export onto a file": (line("org", "export", Place("output", "ada")), 1),
    "org export under a file": (line("org", "export", Place("output", "di-bawah-berkas")), 1),
    # the attachment was stored before the rules refused the step: an orphan blob file
    "attachment of an unknown disposition": (
        line(
            *("disposisi", "complete", Known("incoming", 0), "tidak-ada", "--as", NIP_KADIS),
            *("--note", "selesai", "--attachment", Place("input", "pdf-lain")),
        ),
        1,
    ),
    # the same for the PDF of an incoming letter the rules refused (only the registry desk
    # registers)
    "PDF of a refused incoming letter": (
        line(
            *("incoming", "register", "--as", NIP_KADIS, "--unit", "DISKOMINFO"),
            *("--pdf", Place("input", "pdf-lain"), "--hal", "Uji", "--asal", "Dinas Uji"),
        ),
        1,
    ),
    # a number past SQLite's 64 bits reached a query: OverflowError
    "register void --no past 64 bits": (
        line(
            *("register", "void", "--unit", "PROV", "--series", Known("series", 0)),
            *("--year", "2026", "--no", "9" * 26, "--reason", "salah ketik"),
        ),
        2,
    ),
    "audit show --limit past 64 bits": (line("audit", "show", "--limit", "9" * 26), 2),
    # Path.resolve() raised RuntimeError on a loop of links
    "sign-pdf onto a loop of links": (
        line(
            *("sign-pdf", Place("input", "tidak-ada"), "-o", Place("output", "tautan-melingkar")),
            *("--p12", Place("input", "tidak-ada")),
        ),
        2,
    ),
    # a PEM bundle with a block that is no certificate: ValueError
    "verify --trust a broken bundle": (
        line(
            *("verify", Place("input", "pdf-bertanda-tangan")),
            *("--trust", Place("input", "sertifikat-ganda")),
        ),
        1,
    ),
    # a profile whose logo is not an image was named with the library's exception class
    "logo that is not an image": (
        line(
            *("render", Place("input", "konsep"), "-o", Place("output", "baru.pdf")),
            *("--profile", Place("input", "profil-logo-rusak")),
        ),
        1,
    ),
    # a window longer than a timedelta holds: OverflowError
    "revocation freshness too long": (
        line(
            *("pki", "trust", "add", Place("input", "sertifikat-root")),
            *("--revocation-freshness", "99999999999d"),
        ),
        1,
    ),
}


@pytest.mark.parametrize(("plan", "code"), FOUND.values(), ids=FOUND.keys())
def test_what_the_fuzz_found_stays_fixed(fuzz: Fuzz, plan: Plan, code: int) -> None:
    outcome = fuzz.check(plan)
    assert outcome.code == code, outcome.describe()


def test_a_pipe_given_as_output_is_refused_and_left_a_pipe(fuzz: Fuzz) -> None:
    # the rename of the atomic write put a regular file in its place (as root: /dev/null)
    plan = line("render", Place("input", "konsep"), "-o", Place("output", "pipa"))
    outcome = fuzz.check(plan)
    assert outcome.code == 1, outcome.describe()
    assert stat.S_ISFIFO((fuzz.scratch / "output" / "pipa").stat().st_mode)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(fuzz: Fuzz) -> None:
    trust = Place("input", "sertifikat-root")
    outcome = fuzz.check(line("verify", Place("input", "folder-pdf"), "--trust", trust))
    assert "surat \\udcff\\udcfe.pdf" in outcome.stdout


@pytest.mark.parametrize("link", ["tautan-melingkar", "tautan-putus"])
def test_a_new_workspace_on_a_broken_link_is_refused(fuzz: Fuzz, link: str) -> None:
    plan = line("workspace", "init", "--demo", workspace=Place("workspace", link))
    assert fuzz.check(plan).code == 1


def test_workspace_check_names_a_loop_of_links(fuzz: Fuzz) -> None:
    plan = line("workspace", "check", workspace=Place("workspace", "berisi-tautan-melingkar"))
    assert fuzz.check(plan).code == 1
