"""The archive database's schema version: Alembic migrations, run from Python.

The migration scripts are package data (``tnde/archive/migrations/versions/``), so a
server installed from a wheel migrates its database with no ``alembic.ini`` and no
``env.py``: :func:`upgrade` drives Alembic's :class:`EnvironmentContext` directly, the way
``alembic upgrade head`` does after it has read ``env.py``.

``init`` creates a database at the newest revision; ``serve`` calls :func:`schema_state`
and upgrades an older database, and refuses one at a revision this program does not know
(written by a newer version, which may store things this one would not keep).
"""

from __future__ import annotations

import enum
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError

from tnde.archive.schema import METADATA

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["MIGRATIONS", "SchemaState", "head_revision", "schema_state", "upgrade"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
"""The folder of the migration scripts shipped with the package."""


class SchemaState(enum.Enum):
    """Where a database stands against the migrations this program ships."""

    EMPTY = "empty"
    """No tables at all: a new database."""
    CURRENT = "current"
    """At the newest revision."""
    OLDER = "older"
    """At an earlier revision: :func:`upgrade` brings it to the newest."""
    NEWER = "newer"
    """At a revision this program does not know: a newer program wrote it."""
    FOREIGN = "foreign"
    """Tables, but no revision: not an archive database (or one made by hand)."""


def script_directory(location: Path = MIGRATIONS) -> ScriptDirectory:
    """The migration scripts in ``location`` (the shipped ones unless a test gives others)."""
    return ScriptDirectory(str(location), version_locations=[str(location / "versions")])


def head_revision(location: Path = MIGRATIONS) -> str:
    """The newest revision id."""
    head = script_directory(location).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a first migration
        raise RuntimeError(f"no migrations in {location}")
    return head


def current_revisions(conn: sa.Connection) -> tuple[str, ...]:
    """The revisions the database is stamped with (none for a new database)."""
    return tuple(MigrationContext.configure(conn).get_current_heads())


def schema_state(conn: sa.Connection, location: Path = MIGRATIONS) -> SchemaState:
    """Where the database behind ``conn`` stands against the migrations in ``location``."""
    stamped = current_revisions(conn)
    if not stamped:
        tables = set(sa.inspect(conn).get_table_names())
        return SchemaState.FOREIGN if tables else SchemaState.EMPTY
    script = script_directory(location)
    if not all(_is_known(script, rev) for rev in stamped):
        return SchemaState.NEWER
    heads = set(script.get_heads())
    return SchemaState.CURRENT if set(stamped) == heads else SchemaState.OLDER


def _is_known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.revision_map.get_revision(revision) is not None
    except RevisionError:
        return False


def upgrade(conn: sa.Connection, location: Path = MIGRATIONS) -> Sequence[str]:
    """Apply every migration the database lacks, inside the caller's transaction.

    On both databases DDL is transactional here (see :mod:`tnde.archive.db`), so a failed
    migration leaves the database as it was.

    Returns:
        The revision ids applied, oldest first.
    """
    script = script_directory(location)
    config = Config()
    applied: list[str] = []

    def steps(current: Any, _context: Any) -> Any:
        # what alembic.command.upgrade hands to EnvironmentContext (its env.py would then
        # call configure and run_migrations, as below)
        found = script._upgrade_revs("heads", current)
        applied.extend(str(step.revision.revision) for step in found)
        return found

    with EnvironmentContext(config, script, fn=steps, destination_rev="heads") as env:
        env.configure(connection=conn, target_metadata=METADATA, render_as_batch=True)
        with env.begin_transaction():
            env.run_migrations()
    if applied:
        log.info("archive database migrated: %s", ", ".join(applied))
    return applied
