"""The archive folder: made once by ``tnde archive init``, opened by ``tnde archive serve``.

Layout::

    ARCHIVE/
      config.toml          which archive, which database, TLS files, limits (0600)
      archive.sqlite       the embedded database (absent when config names PostgreSQL)
      blobs/sha256/ab/cd/<hex>   the files, named by their SHA-256
      blobs/tmp/           uploads in progress
      tls/server.crt       the self-signed certificate made at init
      tls/server.key       its private key (0600)
      token.key            the key that signs access tokens (0600, tnde.archive.tokens)
      <profile id>.toml    the office profile, when init was given a file rather than an id

Opening checks, in this order, that the folder is an archive, that its database is reachable,
that the database's schema is one this program knows (upgrading an older one in one
transaction, refusing a newer one), and that the database belongs to this folder's archive.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

from tnde.archive.blobs import FilesystemBlobStore
from tnde.archive.config import (
    CONFIG_FILE,
    DEFAULT_BLOB_MAX_BYTES,
    ArchiveConfig,
    read_config,
    write_config,
)
from tnde.archive.db import Database, display_url, resolve_url
from tnde.archive.errors import ArchiveError
from tnde.archive.migrate import MIGRATIONS, SchemaState, head_revision, schema_state, upgrade
from tnde.archive.records import (
    ArchiveIdentity,
    create_identity,
    read_identity,
    sorted_chart,
    store_chart,
)
from tnde.archive.tls import certificate_fingerprint, default_names, make_self_signed
from tnde.archive.tokens import ensure_token_key, write_token_key
from tnde.canonical import now_timestamp
from tnde.fsutil import private_folder, write_atomic
from tnde.ids import uuid7
from tnde.messages import _
from tnde.org import chart_digest, read_org, validate_chart
from tnde.profiles import load_profile

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sqlalchemy.engine import URL

    from tnde.org import OrgChart

__all__ = ["ArchiveFolder", "InitResult", "init_archive", "open_archive"]

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 10
"""How many org chart problems an ``init`` error lists before it says how many more."""


@dataclass(frozen=True)
class InitResult:
    """What ``init`` made, for the admin."""

    folder: Path
    archive_id: str
    database: str
    """The database, its password masked."""
    fingerprint: str
    """The certificate's SHA-256 fingerprint, ``AB:CD:…``: read it out to every desk."""
    names: tuple[str, ...]
    """The host names and addresses the certificate is valid for."""
    revision: str
    """The schema revision the database was made at."""


@dataclass(frozen=True)
class ArchiveFolder:
    """An opened archive: its settings, its database (checked and migrated) and its blobs."""

    folder: Path
    config: ArchiveConfig
    database: Database
    identity: ArchiveIdentity
    blobs: FilesystemBlobStore
    migrated: tuple[str, ...] = ()
    """The migrations applied while opening (empty when the database was current)."""

    def path(self, name: str) -> Path:
        """A file named in the settings: relative to the folder, or absolute."""
        return self.folder / name  # an absolute name replaces the folder

    def close(self) -> None:
        """Close the database's connections."""
        self.database.close()


def init_archive(
    folder: Path,
    *,
    profile: str,
    org: Path,
    database: str = "",
    names: Sequence[str] = (),
    blob_max_bytes: int = DEFAULT_BLOB_MAX_BYTES,
) -> InitResult:
    """Make a new archive in ``folder`` (new or empty): database, blobs, TLS, settings.

    Everything is checked before anything is written (the profile, the org chart, the names,
    the database's emptiness), and a failure on the way removes what was made.

    Args:
        profile: a shipped profile id, or a profile TOML file (copied into the folder).
        org: the org chart, a TOML file or a folder of CSV files (``tnde org import`` reads
            the same).
        database: a PostgreSQL URL; empty for ``archive.sqlite`` in the folder.
        names: host names or addresses the certificate must cover besides the machine's own.

    Raises:
        ArchiveError: ``folder_not_empty``, ``folder_unusable``, ``invalid_org``,
            ``database_not_empty``, ``database_unreachable``, ``tls_invalid``.
        ProfileError, OrgFileError: the profile or the org chart cannot be read.
    """
    _refuse_occupied(folder)
    office = load_profile(profile)
    chart = _checked_chart(org)
    url = resolve_url(folder, database)
    certificate, key = make_self_signed([*default_names(), *names])
    archive_id = uuid7()
    config = ArchiveConfig(archive_id, office.id, database, blob_max_bytes=blob_max_bytes)
    with made_in(folder):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_folder(folder)
        if Path(profile).suffix == ".toml":  # a file: the folder keeps its own copy
            own = f"{office.id}.toml"  # a profile's file is named by its id
            write_atomic(folder / own, Path(profile).read_bytes(), private=True)
            config = replace(config, profile=own)
        FilesystemBlobStore(folder / "blobs").create()
        (folder / "tls").mkdir(mode=0o700)
        write_atomic(folder / config.certificate, certificate)
        write_atomic(folder / config.key, key, private=True)
        write_token_key(folder)
        write_config(folder, config)
        # last: the one step that may reach beyond the folder (a PostgreSQL database)
        revision = _create_database(url, archive_id, office.id, chart)
    return InitResult(
        folder=folder,
        archive_id=archive_id,
        database=display_url(url),
        fingerprint=certificate_fingerprint(certificate),
        names=tuple(dict.fromkeys([*default_names(), *names])),
        revision=revision,
    )


def open_archive(
    folder: Path, *, database: str | None = None, migrations: Path = MIGRATIONS
) -> ArchiveFolder:
    """Open the archive in ``folder``, upgrading its database when it is older.

    Args:
        database: a URL to use instead of the one in the settings.
        migrations: the migration scripts (the shipped ones; tests give others).

    Raises:
        ArchiveError: ``not_an_archive``, ``database_unreachable``, ``database_empty``,
            ``database_newer``, ``database_foreign``, ``migration_failed``,
            ``folder_unusable`` (its missing token key cannot be written).
        ConfigError: the settings file is malformed.
    """
    if not (folder / CONFIG_FILE).is_file():
        raise ArchiveError(
            ArchiveError.NOT_AN_ARCHIVE,
            _(
                "{folder} is not an archive folder (it has no {file}); make one with: "
                "tnde archive init",
                folder=folder,
                file=CONFIG_FILE,
            ),
        )
    config = read_config(folder)
    ensure_token_key(folder)  # an archive made before access tokens existed has none
    url = resolve_url(folder, config.database if database is None else database)
    _refuse_missing_file(url)
    db = Database(url)
    try:
        with reaching(url), db.write() as conn:
            applied = _bring_to_head(conn, url, migrations)
            identity = read_identity(conn)
    except BaseException:
        db.close()
        raise
    if identity is None or identity.archive_id != config.archive_id:
        db.close()
        raise ArchiveError(
            ArchiveError.DATABASE_FOREIGN,
            _(
                "the database {url} belongs to another archive than the folder {folder}; "
                "give the database made for it (--database)",
                url=display_url(url),
                folder=folder,
            ),
        )
    blobs = FilesystemBlobStore(folder / "blobs")
    return ArchiveFolder(folder, config, db, identity, blobs, tuple(applied))


# -- init's steps ---------------------------------------------------------------------------------


def _refuse_occupied(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ArchiveError(
            ArchiveError.FOLDER_NOT_EMPTY,
            _(
                "{folder} already exists and is not an empty folder; an archive is made in a "
                "new or empty folder",
                folder=folder,
            ),
        )


def _checked_chart(source: Path) -> OrgChart:
    chart = read_org(source)
    problems = validate_chart(chart)
    if problems:
        lines = [f"  {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append("  " + _("… and {more} more", more=len(problems) - MAX_PROBLEMS_SHOWN))
        raise ArchiveError(
            ArchiveError.INVALID_ORG,
            _(
                "the org chart {source} has {count} problem(s); nothing was created:\n{problems}",
                source=source,
                count=len(problems),
                problems="\n".join(lines),
            ),
        )
    return chart


def _create_database(url: URL, archive_id: str, profile: str, chart: OrgChart) -> str:
    """Create the schema, the identity and the org chart in one transaction."""
    with new_schema(url) as conn:
        canonical = sorted_chart(chart)
        create_identity(
            conn,
            archive_id=archive_id,
            profile=profile,
            org_digest=chart_digest(canonical),
            at=now_timestamp(),
        )
        store_chart(conn, canonical)
    return head_revision()


@contextlib.contextmanager
def new_schema(url: URL, *, restoring: bool = False) -> Iterator[sa.Connection]:
    """A write transaction on the new, empty database at ``url``, brought to the newest
    schema; what the block writes commits with it.

    Raises:
        ArchiveError: ``database_not_empty``, ``database_unreachable``.
    """
    if url.get_backend_name() == "sqlite" and url.database:
        # the archive holds letters: its file (and the -wal and -shm files SQLite gives the
        # same mode) is the server account's alone, whatever the umask
        os.close(os.open(url.database, os.O_CREAT | os.O_WRONLY, 0o600))
    db = Database(url)
    try:
        with reaching(url), db.write() as conn:
            if schema_state(conn) is not SchemaState.EMPTY:
                raise ArchiveError(
                    ArchiveError.DATABASE_NOT_EMPTY,
                    _(
                        "the database {url} is not empty; an archive is restored into a new, "
                        "empty database",
                        url=display_url(url),
                    )
                    if restoring
                    else _(
                        "the database {url} is not empty; an archive is made in a new, empty "
                        "database",
                        url=display_url(url),
                    ),
                )
            upgrade(conn)
            yield conn
    finally:
        db.close()


@contextlib.contextmanager
def made_in(folder: Path, *, restoring: bool = False) -> Iterator[None]:
    """Remove what was made in ``folder`` when the block fails (the folder too, if new);
    a file system error (a file where a folder must be, no permission, a full disk) becomes
    an error that names the folder.

    Args:
        restoring: the folder is made by ``restore`` (the error says so).
    """
    existed = folder.exists()
    try:
        yield
    except BaseException as exc:
        if existed:
            for child in folder.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):
            reason = exc.strerror or exc
            raise ArchiveError(
                ArchiveError.FOLDER_UNUSABLE,
                _(
                    "the archive cannot be restored into {folder}: {reason}",
                    folder=folder,
                    reason=reason,
                )
                if restoring
                else _(
                    "the archive cannot be made in {folder}: {reason}", folder=folder, reason=reason
                ),
            ) from None
        raise


# -- open's steps ---------------------------------------------------------------------------------


def _refuse_missing_file(url: URL) -> None:
    """A missing SQLite file would be created empty by connecting: say what is missing."""
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).is_file():
        raise ArchiveError(
            ArchiveError.DATABASE_EMPTY,
            _(
                "the archive's database {path} is missing; restore it from the backup",
                path=url.database,
            ),
        )


def _bring_to_head(conn: sa.Connection, url: URL, migrations: Path) -> list[str]:
    state = schema_state(conn, migrations)
    if state is SchemaState.CURRENT:
        return []
    if state is SchemaState.OLDER:
        try:
            return list(upgrade(conn, migrations))
        except DBAPIError as exc:  # the caller's transaction rolls back: nothing changed
            raise ArchiveError(
                ArchiveError.MIGRATION_FAILED,
                _(
                    "upgrading the database {url} to schema {head} failed and changed "
                    "nothing: {reason}",
                    url=display_url(url),
                    head=head_revision(migrations),
                    reason=_first_line(exc),
                ),
            ) from exc
    if state is SchemaState.NEWER:
        raise ArchiveError(
            ArchiveError.DATABASE_NEWER,
            _(
                "the database {url} was written by a newer version of the TNDE archive "
                "(schema revision {revision}); this program knows up to {head}: run the "
                "newer version",
                url=display_url(url),
                revision=", ".join(_stamped(conn)),
                head=head_revision(migrations),
            ),
        )
    if state is SchemaState.EMPTY:
        raise ArchiveError(
            ArchiveError.DATABASE_EMPTY,
            _(
                "the database {url} holds no archive; make one with: tnde archive init",
                url=display_url(url),
            ),
        )
    raise ArchiveError(
        ArchiveError.DATABASE_FOREIGN,
        _("the database {url} holds tables that are not an archive's", url=display_url(url)),
    )


def _stamped(conn: sa.Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))]


@contextlib.contextmanager
def reaching(url: URL) -> Iterator[None]:
    """Turn a failure to connect into an error that names the database, not a traceback."""
    try:
        yield
    except OperationalError as exc:
        raise ArchiveError(
            ArchiveError.DATABASE_UNREACHABLE,
            _(
                "cannot use the database {url}: {reason}",
                url=display_url(url),
                reason=_first_line(exc),
            ),
        ) from None


def _first_line(exc: DBAPIError) -> str:
    """The database's own words, without SQLAlchemy's statement dump."""
    text = str(exc.orig if exc.orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
