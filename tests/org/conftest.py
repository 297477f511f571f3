"""Shared fixtures of the org chart tests: the shipped demo chart and a bare workspace database."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from tnde.org import OrgChart, demo_org_path, read_org_toml
from tnde.workspace.schema import MIGRATIONS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def demo() -> OrgChart:
    """The shipped demo org chart."""
    return read_org_toml(demo_org_path())


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A real SQLite file with the workspace schema, autocommit like a workspace connection."""
    folder = tmp_path / "ruang kerja – é"
    folder.mkdir()
    conn = sqlite3.connect(folder / "x.sqlite", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(MIGRATIONS[0].sql)
    yield conn
    conn.close()
