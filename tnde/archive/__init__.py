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
- :mod:`~tnde.archive.accounts`: accounts and devices (what the admin does);
  :mod:`~tnde.archive.admins`: the accounts that may see the linked desks;
  :mod:`~tnde.archive.signin`, :mod:`~tnde.archive.auth_routes`: signing in and tokens;
  :mod:`~tnde.archive.audit`: the server's hash-chained audit log.
- :mod:`~tnde.archive.backup` and :mod:`~tnde.archive.restore`: :func:`backup_archive` and
  :func:`restore_archive`, in the portable format of :mod:`~tnde.archive.backup_format`,
  checked by :func:`verify_backup`.
- :mod:`~tnde.archive.verification_page`: the public page behind every letter's QR code
  (``/verifikasi/{id}``), with :mod:`~tnde.archive.trust`, the roots it verifies against.

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
    from tnde.archive.accounts import (
        AccountInfo,
        Enrolment,
        disable_account,
        enable_account,
        enrol_account,
        list_accounts,
        revoke_device,
    )
    from tnde.archive.admins import set_admin
    from tnde.archive.app import app_for, create_app
    from tnde.archive.backup import BackupResult, backup_archive
    from tnde.archive.backup_verify import verify_backup
    from tnde.archive.blobs import BlobStore, FilesystemBlobStore
    from tnde.archive.folder import ArchiveFolder, InitResult, init_archive, open_archive
    from tnde.archive.restore import RestoreResult, restore_archive
    from tnde.archive.server import ArchiveServer, prepare_server, serve_in_background
    from tnde.archive.trust import add_trust_root, list_trust_roots, remove_trust_root

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "AccountInfo",
    "ArchiveConfig",
    "ArchiveError",
    "ArchiveFolder",
    "ArchiveServer",
    "BackupResult",
    "BlobStore",
    "Enrolment",
    "FilesystemBlobStore",
    "InitResult",
    "RestoreResult",
    "add_trust_root",
    "app_for",
    "backup_archive",
    "create_app",
    "disable_account",
    "enable_account",
    "enrol_account",
    "init_archive",
    "list_accounts",
    "list_trust_roots",
    "open_archive",
    "prepare_server",
    "remove_trust_root",
    "restore_archive",
    "revoke_device",
    "serve_in_background",
    "set_admin",
    "verify_backup",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "AccountInfo": "tnde.archive.accounts",
        "ArchiveFolder": "tnde.archive.folder",
        "ArchiveServer": "tnde.archive.server",
        "BackupResult": "tnde.archive.backup",
        "BlobStore": "tnde.archive.blobs",
        "Enrolment": "tnde.archive.accounts",
        "FilesystemBlobStore": "tnde.archive.blobs",
        "InitResult": "tnde.archive.folder",
        "RestoreResult": "tnde.archive.restore",
        "add_trust_root": "tnde.archive.trust",
        "app_for": "tnde.archive.app",
        "backup_archive": "tnde.archive.backup",
        "create_app": "tnde.archive.app",
        "disable_account": "tnde.archive.accounts",
        "enable_account": "tnde.archive.accounts",
        "enrol_account": "tnde.archive.accounts",
        "init_archive": "tnde.archive.folder",
        "list_accounts": "tnde.archive.accounts",
        "list_trust_roots": "tnde.archive.trust",
        "open_archive": "tnde.archive.folder",
        "prepare_server": "tnde.archive.server",
        "remove_trust_root": "tnde.archive.trust",
        "restore_archive": "tnde.archive.restore",
        "revoke_device": "tnde.archive.accounts",
        "serve_in_background": "tnde.archive.server",
        "set_admin": "tnde.archive.admins",
        "verify_backup": "tnde.archive.backup_verify",
    },
)
