"""Symbolic links in a workspace: files would be read or written outside its folder. Opening
refuses a linked database, settings, blob or PKI folder; the blob store never writes through a
link; ``workspace check`` names every link."""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

import pytest

from tnde.errors import StorageError, WorkspaceError
from tnde.workspace import Workspace, check_workspace

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links as on POSIX")


def test_a_linked_blob_folder_is_refused_at_open(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    ws.close()
    outside = tmp_path / "di luar"
    (ws.path / "blobs").rename(outside)
    (ws.path / "blobs").symlink_to(outside)
    with pytest.raises(WorkspaceError) as excinfo:
        Workspace.open(ws.path)
    assert excinfo.value.kind == WorkspaceError.UNSAFE
    assert "blobs" in str(excinfo.value)


def test_the_blob_store_never_writes_through_a_link(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    data = b"%PDF-1.7 surat rahasia"
    sha = hashlib.sha256(data).hexdigest()
    outside = tmp_path / "di luar"
    outside.mkdir()
    ws.blobs.path(sha).parent.parent.mkdir(parents=True, exist_ok=True)
    ws.blobs.path(sha).parent.symlink_to(outside, target_is_directory=True)
    with pytest.raises(StorageError), ws.transaction() as conn:
        ws.blobs.put(data, "application/pdf", conn)
    assert list(outside.iterdir()) == []
    report = check_workspace(ws)
    assert any(f.code == "symlink" for f in report.errors)
    ws.close()
