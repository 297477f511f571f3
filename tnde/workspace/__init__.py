"""The local workspace: one folder with the database, the blob files and the settings.

Everything the desktop client stores goes through here: :class:`Workspace` (connections and
transactions), :class:`BlobStore` (immutable files by SHA-256), the hash-chained audit log and
:func:`check_workspace`.
"""

from __future__ import annotations

from tnde.workspace.acting import ANYONE, ActingPolicy, bind_owner
from tnde.workspace.audit import AuditEntry, AuditProblem, audit_append, audit_entries, audit_verify
from tnde.workspace.blobs import BlobStore
from tnde.workspace.check import (
    ERROR,
    WARNING,
    CheckReport,
    Finding,
    WorkspaceCheck,
    check_workspace,
    column_differences,
)
from tnde.workspace.config import WorkspaceConfig
from tnde.workspace.hashing import GENESIS_HASH, event_hash
from tnde.workspace.schema import CURRENT_VERSION
from tnde.workspace.workspace import Workspace, refuse_occupied

__all__ = [
    "ANYONE",
    "CURRENT_VERSION",
    "ERROR",
    "GENESIS_HASH",
    "WARNING",
    "ActingPolicy",
    "AuditEntry",
    "AuditProblem",
    "BlobStore",
    "CheckReport",
    "Finding",
    "Workspace",
    "WorkspaceCheck",
    "WorkspaceConfig",
    "audit_append",
    "audit_entries",
    "audit_verify",
    "bind_owner",
    "check_workspace",
    "column_differences",
    "event_hash",
    "refuse_occupied",
]
