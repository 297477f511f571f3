"""A workspace holds letter texts (Rahasia ones too): on POSIX its folder is the owner's alone
and its files are readable by the owner only, whatever the umask."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the usual umask: new files world-readable
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_workspace_is_private(tmp_path: Path, open_umask: None) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    with ws.transaction() as conn:
        blob = ws.blobs.put(b"%PDF-1.7 rahasia", "application/pdf", conn)
    assert _mode(ws.path) == 0o700
    assert _mode(ws.path / "blobs") == 0o700
    for name in ("workspace.sqlite", "config.toml"):
        assert _mode(ws.path / name) == 0o600, name
    for path in (ws.path / "blobs").rglob("*"):
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path
    assert ws.blobs.get(blob) == b"%PDF-1.7 rahasia"
    others = [p for p in ws.path.rglob("*") if _mode(p) & 0o077]
    assert others == [], "nothing in the workspace is readable by group or others"
    ws.close()


def test_an_older_open_workspace_folder_becomes_private_when_opened(
    tmp_path: Path, open_umask: None
) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    ws.close()
    ws.path.chmod(0o755)
    Workspace.open(ws.path).close()
    assert _mode(ws.path) == 0o700
