"""Fixtures of the register tests: a fresh workspace database per test."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.register.register_support import Db, create_db

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def db(tmp_path: Path) -> Db:
    """A new workspace database in a folder with a space and non-ASCII in its name."""
    return create_db(tmp_path / "ruang kerja – ü")


@pytest.fixture
def conn(db: Db) -> Iterator[sqlite3.Connection]:
    """A connection to :func:`db`, closed after the test."""
    connection = db.connect()
    yield connection
    connection.close()
