"""The central archive server (``tnde archive …``, ``tnde-archive``): docs/archive.md.

An HTTP service (FastAPI under uvicorn) over SQLAlchemy Core, on SQLite in the archive
folder or on PostgreSQL, with the files in a :class:`~tnde.archive.blobs.BlobStore`.

- :mod:`~tnde.archive.folder`: :func:`init_archive` makes an archive folder,
  :func:`open_archive` opens one (checking and migrating its database).
- :mod:`~tnde.archive.server`: :func:`prepare_server` checks TLS and the address;
  ``ArchiveServer.run`` serves.
- :mod:`~tnde.archive.app` and :mod:`~tnde.archive.routes`: the HTTP interface;
  :mod:`~tnde.archive.service`: what it answers.
- :mod:`~tnde.archive.schema`, :mod:`~tnde.archive.db`, :mod:`~tnde.archive.migrate`,
  :mod:`~tnde.archive.records`: the tables, the connections, the migrations, the rows.
- :mod:`~tnde.archive.blobs`: the blob store; :mod:`~tnde.archive.tls`: certificates.

Only the command line imports this package (an import-linter contract), and the desktop
never does. The server's libraries load on first use of a name below (see :mod:`tnde.lazy`),
so ``tnde --help`` and every other command start without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.archive.config import DEFAULT_HOST, DEFAULT_PORT, ArchiveConfig
from tnde.archive.errors import ArchiveError
from tnde.lazy import lazy_exports

if TYPE_CHECKING:
    from tnde.archive.app import app_for, create_app
    from tnde.archive.blobs import BlobStore, FilesystemBlobStore
    from tnde.archive.folder import ArchiveFolder, InitResult, init_archive, open_archive
    from tnde.archive.server import ArchiveServer, prepare_server

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "ArchiveConfig",
    "ArchiveError",
    "ArchiveFolder",
    "ArchiveServer",
    "BlobStore",
    "FilesystemBlobStore",
    "InitResult",
    "app_for",
    "create_app",
    "init_archive",
    "open_archive",
    "prepare_server",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "ArchiveFolder": "tnde.archive.folder",
        "ArchiveServer": "tnde.archive.server",
        "BlobStore": "tnde.archive.blobs",
        "FilesystemBlobStore": "tnde.archive.blobs",
        "InitResult": "tnde.archive.folder",
        "app_for": "tnde.archive.app",
        "create_app": "tnde.archive.app",
        "init_archive": "tnde.archive.folder",
        "open_archive": "tnde.archive.folder",
        "prepare_server": "tnde.archive.server",
    },
)
