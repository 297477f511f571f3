"""Fixtures of the workspace tests: a fresh workspace in a folder with a space and non-ASCII."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.workspace.workspace_support import AT
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A new workspace, closed after the test."""
    with Workspace.create(tmp_path / "ruang kerja – é", at=AT) as workspace:
        yield workspace
