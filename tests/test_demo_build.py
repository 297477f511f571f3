"""The demo workspace appears whole or not at all: an interrupted build leaves nothing that
the next start would open, and the next build clears what it left."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tnde import demo
from tnde.errors import WorkspaceError

if TYPE_CHECKING:
    from pathlib import Path


class Interrupted(BaseException):
    """Stands for the app being killed during the build."""


def test_an_interrupted_build_leaves_no_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "demo"

    def killed(*args: object) -> None:
        raise Interrupted

    monkeypatch.setattr(demo, "_incoming", killed)  # the last step of the build
    with pytest.raises(Interrupted):
        demo.create_demo(target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_leftover_of_an_interrupted_build_is_cleared(tmp_path: Path) -> None:
    leftover = tmp_path / ".demo.sedang-dibuat-0190"
    (leftover / "blobs").mkdir(parents=True)
    (leftover / "workspace.sqlite").write_bytes(b"setengah jadi")
    occupied = tmp_path / "terisi"
    occupied.mkdir()
    (occupied / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    with pytest.raises(WorkspaceError) as excinfo:
        demo.create_demo(occupied)
    assert excinfo.value.kind == WorkspaceError.NOT_EMPTY
    assert (occupied / "catatan.txt").exists(), "nothing of the user's is touched"
    (occupied / "catatan.txt").unlink()
    occupied.rmdir()
    summary = demo.create_demo(tmp_path / "demo")
    assert summary.workspace == tmp_path / "demo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]
    assert (tmp_path / "demo" / "workspace.sqlite").exists()
