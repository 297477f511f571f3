"""Shared fixtures: isolated home, samples, and helpers to look inside PDFs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.archive.pgcluster import PgCluster, unavailable_reason
from tnde.messages import set_language
from tnde.resources import resource_path

# Fixtures every test may ask for: the small office (tests/office.py), the session's demo
# workspace and the DEMO PKI with its loopback server.
pytest_plugins = ["tests.office", "tests.demoworkspace", "tests.pkifixtures"]

if TYPE_CHECKING:
    from collections.abc import Iterator

SAMPLES_DIR = Path(str(resource_path("samples")))
SAMPLES = sorted(SAMPLES_DIR.glob("*.toml"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden images instead of comparing against them",
    )


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every test gets its own TNDE_HOME, with a space and non-ASCII in the path.
    home = tmp_path_factory.mktemp("rumah uji") / "Dinas Kominfo – é"
    home.mkdir()
    monkeypatch.setenv("TNDE_HOME", str(home))


@pytest.fixture(autouse=True)
def _indonesian_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Messages are worded in Indonesian, the default, whatever the developer's TNDE_LANG; a
    # test that switches to English (or runs ``tnde --lang en``) does not leak it.
    monkeypatch.delenv("TNDE_LANG", raising=False)
    set_language("id")
    yield
    set_language("id")


def require_tool(name: str) -> str:
    """The path of an external tool; the test fails (not skips) when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run ./dev.sh test, which installs it")
    return path


def run_tool(*args: str | Path) -> str:
    """Run an external tool and return its stdout (stderr in the failure message)."""
    require_tool(str(args[0]))
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.fail(f"{args[0]} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def pdf_text(pdf: Path, *, page: int | None = None) -> str:
    """Text of a PDF (or one page of it) in reading order, via poppler's pdftotext."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run_tool("pdftotext", "-layout", *pages, pdf, "-")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A scratch folder with a space and non-ASCII in its name."""
    folder = tmp_path / "keluaran naskah – ü"
    folder.mkdir()
    return folder


# -- the archive's two databases --------------------------------------------------------------
# ``database_url`` is parametrised over them: ``""`` (the SQLite file in the archive folder,
# always) and a new database in a throwaway PostgreSQL cluster (when PostgreSQL's binaries are
# installed; ``tests/archive/pgcluster.py`` starts it once per session and removes it at the
# end). The archive's tests and the sync tests share the cluster.


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A PostgreSQL cluster for the whole session (skips when PostgreSQL is not installed)."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    cluster = PgCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """``""`` for SQLite in the archive folder, or the URL of a new PostgreSQL database."""
    if request.param == "sqlite":
        return ""
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.database()
