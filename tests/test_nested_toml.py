"""TOML nested deeper than the parser's recursion: a clear error naming the file, never a
``RecursionError``, for every kind of file the program reads."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tnde.datafile import load_toml
from tnde.errors import DataFileError, PkiError
from tnde.pki import TrustStore
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from pathlib import Path

DEPTH = 5000
NESTED = {
    "arrays": "x = " + "[" * DEPTH + "]" * DEPTH + "\n",
    "inline tables": "x = " + "{a = " * DEPTH + "1" + "}" * DEPTH + "\n",
}


@pytest.mark.parametrize("text", NESTED.values(), ids=NESTED.keys())
def test_a_deeply_nested_data_file_is_a_named_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "konsep bersarang.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as excinfo:
        load_toml(path)
    assert excinfo.value.path == str(path)
    assert "bersarang terlalu dalam" in str(excinfo.value)


def test_a_deeply_nested_trust_store_is_a_named_error(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    store = TrustStore(ws.path)
    store.config_path.parent.mkdir(parents=True, exist_ok=True)
    store.config_path.write_text(NESTED["arrays"], encoding="utf-8")
    with pytest.raises(PkiError) as excinfo:
        store.list()
    assert excinfo.value.kind == PkiError.BAD_FILE


@pytest.mark.slow
def test_a_nested_workspace_config_is_named_by_every_command(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ruang kerja")
    ws.close()
    (ws.path / "config.toml").write_text(NESTED["inline tables"], encoding="utf-8")
    for command in (["letter", "show", "x"], ["workspace", "check"], ["inbox", "--as", "1"]):
        proc = subprocess.run(
            [sys.executable, "-m", "tnde", "--workspace", str(ws.path), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode in (1, 2), (command, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert "config.toml" in proc.stderr
        assert "bersarang terlalu dalam" in proc.stderr
