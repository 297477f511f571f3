"""Fixtures of the archive server's tests, each run on SQLite and on PostgreSQL.

``database_url`` is parametrised over the two databases: ``""`` (the SQLite file in the
archive folder, always) and a new database in a throwaway PostgreSQL cluster (when
PostgreSQL's binaries are installed; ``tests/archive/pgcluster.py`` starts it once per
session and removes it at the end).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.archive.asgiclient import AsgiClient, asgi_client
from tests.archive.pgcluster import PgCluster, unavailable_reason
from tnde.archive import create_app, init_archive, open_archive
from tnde.archive.service import Limits
from tnde.resources import resource_path

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tnde.archive import ArchiveFolder, InitResult

ORG_FILE = Path(str(resource_path("org", "diskominfo-nusantara-raya.toml")))
PROFILE = "diskominfo-nusantara-raya"
TEST_LIMIT = 64 * 1024
"""The blob size limit of the test client's archive (small, so the limit is cheap to reach)."""


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


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """Where a test's archive is made (a space and non-ASCII in the path)."""
    return tmp_path / "arsip pusat – é"


@pytest.fixture
def made(archive_dir: Path, database_url: str) -> InitResult:
    """A new archive made with ``init``."""
    return init_archive(archive_dir, profile=PROFILE, org=ORG_FILE, database=database_url)


@pytest.fixture
def opened(made: InitResult) -> Iterator[ArchiveFolder]:
    """The new archive, opened as ``serve`` opens it."""
    archive = open_archive(made.folder)
    try:
        yield archive
    finally:
        archive.close()


@pytest.fixture
def client(opened: ArchiveFolder) -> Iterator[AsgiClient]:
    """The archive's application, called in-process, with a blob limit of :data:`TEST_LIMIT`."""
    app = create_app(opened.database, opened.blobs, Limits(blob_max_bytes=TEST_LIMIT))
    with asgi_client(app) as test_client:
        yield test_client
