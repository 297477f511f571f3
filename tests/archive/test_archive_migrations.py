"""The archive's migrations, on SQLite and PostgreSQL: init makes the schema module's tables,
serve upgrades an older database in one transaction and refuses a newer one."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tests.archive.conftest import ORG_FILE, PROFILE
from tnde.archive import ArchiveError, init_archive, open_archive
from tnde.archive.migrate import MIGRATIONS, SchemaState, head_revision, schema_state
from tnde.archive.schema import METADATA

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.archive import ArchiveFolder, InitResult

EXTRA_MIGRATION = '''
"""A later revision, for the upgrade test."""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("probe", sa.Column("id", sa.Integer, primary_key=True))
    {more}
'''


def _later_migrations(tmp_path: Path, *, fails: bool = False) -> Path:
    """The shipped migrations plus a revision 9999 (that fails half-way when ``fails``)."""
    location = tmp_path / "migrasi – é"
    shutil.copytree(MIGRATIONS, location, ignore=shutil.ignore_patterns("__pycache__"))
    more = 'op.execute("SELECT no_such_column FROM probe")' if fails else "pass"
    (location / "versions" / "r9999_probe.py").write_text(
        EXTRA_MIGRATION.format(down=head_revision(), more=more), encoding="utf-8"
    )
    return location


def _stamped(archive: ArchiveFolder) -> list[str]:
    with archive.database.read() as conn:
        return [r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))]


def _tables(archive: ArchiveFolder) -> set[str]:
    with archive.database.read() as conn:
        return set(sa.inspect(conn).get_table_names())


def test_init_makes_the_tables_of_the_schema_module(opened: ArchiveFolder) -> None:
    assert _stamped(opened) == [head_revision()]
    assert opened.migrated == ()
    with opened.database.read() as conn:
        assert schema_state(conn) is SchemaState.CURRENT
        differences = compare_metadata(MigrationContext.configure(conn), METADATA)
    assert differences == []


def test_a_database_from_a_newer_program_is_refused(
    opened: ArchiveFolder, made: InitResult
) -> None:
    with opened.database.write() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff_later'"))
    opened.close()
    with pytest.raises(ArchiveError) as caught:
        open_archive(made.folder)
    assert caught.value.code == ArchiveError.DATABASE_NEWER
    assert "ffff_later" in caught.value.detail
    assert head_revision() in caught.value.detail


def test_an_older_database_is_upgraded_once(
    opened: ArchiveFolder, made: InitResult, tmp_path: Path
) -> None:
    opened.close()
    later = _later_migrations(tmp_path)
    upgraded = open_archive(made.folder, migrations=later)
    try:
        assert upgraded.migrated == ("9999",)
        assert _stamped(upgraded) == ["9999"]
        assert "probe" in _tables(upgraded)
    finally:
        upgraded.close()
    again = open_archive(made.folder, migrations=later)
    again.close()
    assert again.migrated == ()
    # and this program, which does not know 9999, now refuses the database
    with pytest.raises(ArchiveError) as caught:
        open_archive(made.folder)
    assert caught.value.code == ArchiveError.DATABASE_NEWER


def test_a_migration_that_fails_changes_nothing(
    opened: ArchiveFolder, made: InitResult, tmp_path: Path
) -> None:
    opened.close()
    with pytest.raises(ArchiveError) as caught:
        open_archive(made.folder, migrations=_later_migrations(tmp_path, fails=True))
    assert caught.value.code == ArchiveError.MIGRATION_FAILED
    assert "no_such_column" in caught.value.detail  # the database's own words
    still = open_archive(made.folder)
    try:
        assert _stamped(still) == [head_revision()]
        assert "probe" not in _tables(still)
    finally:
        still.close()


def test_an_empty_or_foreign_database_is_refused(tmp_path: Path, database_url: str) -> None:
    folder = tmp_path / "arsip"
    init_archive(folder, profile=PROFILE, org=ORG_FILE, database=database_url)
    archive = open_archive(folder)
    with archive.database.write() as conn:
        conn.execute(sa.text("DROP TABLE alembic_version"))
    archive.close()
    with pytest.raises(ArchiveError) as caught:
        open_archive(folder)
    assert caught.value.code == ArchiveError.DATABASE_FOREIGN

    archive_database = archive.database
    with archive_database.write() as conn:
        for table in reversed(METADATA.sorted_tables):
            conn.execute(sa.text(f"DROP TABLE {table.name}"))
    archive_database.close()
    with pytest.raises(ArchiveError) as caught:
        open_archive(folder)
    assert caught.value.code == ArchiveError.DATABASE_EMPTY
