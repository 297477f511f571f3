"""Fixtures of the archive server's tests, each run on SQLite and on PostgreSQL (through
``database_url``, in ``tests/conftest.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.archive.asgiclient import AsgiClient, asgi_client
from tests.archive.authkit import DEVICE, NIP, PASSWORD, FakeClock, auth_service, enrol
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
def anonymous(opened: ArchiveFolder) -> Iterator[AsgiClient]:
    """The archive's application, called in-process, with a blob limit of :data:`TEST_LIMIT`,
    by a caller that has not signed in."""
    clock = FakeClock()
    app = create_app(
        opened.database,
        opened.blobs,
        Limits(blob_max_bytes=TEST_LIMIT),
        auth=auth_service(opened, clock),
    )
    with asgi_client(app) as test_client:
        yield test_client


@pytest.fixture
def client(opened: ArchiveFolder, anonymous: AsgiClient) -> AsgiClient:
    """:func:`anonymous`, signed in as an official of the org chart (the demo's
    :data:`~tests.archive.authkit.NIP`) on :data:`~tests.archive.authkit.DEVICE`."""
    code = enrol(opened, FakeClock())
    grant = anonymous.request(
        "POST",
        "/v1/auth/enrol",
        json={
            "nip": NIP,
            "code": code,
            "password": PASSWORD,
            "device_id": DEVICE,
            "device_name": "uji",
        },
    )
    assert grant.status_code == 200, grant.text
    anonymous.headers["authorization"] = f"Bearer {grant.json()['access_token']}"
    return anonymous
