"""Output files the user names: a folder in the way, a missing folder or a read-only folder is
a clear error naming the path, never a traceback, and nothing is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import SAMPLES_DIR
from tnde.errors import FileWriteError
from tnde.fsutil import write_atomic

if TYPE_CHECKING:
    from pathlib import Path


def test_writing_onto_a_folder_names_the_problem(tmp_path: Path) -> None:
    folder = tmp_path / "laporan.csv"
    folder.mkdir()
    with pytest.raises(FileWriteError) as excinfo:
        write_atomic(folder, b"x")
    assert excinfo.value.path == str(folder)
    assert "folder" in excinfo.value.reason
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.csv"]


def test_writing_into_a_missing_folder_names_it(tmp_path: Path) -> None:
    target = tmp_path / "tidak ada" / "laporan.csv"
    with pytest.raises(FileWriteError) as excinfo:
        write_atomic(target, b"x")
    assert str(tmp_path / "tidak ada") in excinfo.value.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_writing_into_a_read_only_folder_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "arsip"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FileWriteError) as excinfo:
            write_atomic(folder / "x.pdf", b"x")
        assert "izin" in excinfo.value.reason
    finally:
        folder.chmod(0o700)


@pytest.mark.slow
@pytest.mark.parametrize("where", ["folder", "missing folder"])
def test_commands_that_write_a_named_file_say_what_is_wrong(
    tmp_path: Path, demo_template: Path, where: str
) -> None:
    target = tmp_path / "keluaran"
    if where == "folder":
        target.mkdir()
    else:
        target = tmp_path / "tidak ada" / "keluaran"
    workspace = ["--workspace", str(demo_template)]
    commands = [
        ["render", str(SAMPLES_DIR / "surat_dinas.toml"), "-o", str(target)],
        [*workspace, "track", "--unit", "DISKOMINFO", "--csv", str(target)],
        [*workspace, "track", "--unit", "DISKOMINFO", "--pdf", str(target)],
    ]
    for command in commands:
        proc = subprocess.run(
            [sys.executable, "-m", "tnde", *command], capture_output=True, text=True, check=False
        )
        assert proc.returncode in (1, 2), (command, proc.stderr)
        assert "Traceback" not in proc.stderr, command
        assert str(target.parent) in proc.stderr, (command, proc.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("fd", ["-1", "x", "987"])
def test_a_bad_secret_descriptor_is_a_usage_error(tmp_path: Path, fd: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tnde", "sign-pdf", str(tmp_path / "a.pdf"), "-o",
         str(tmp_path / "b.pdf"), "--p12", str(tmp_path / "k.p12"), "--secret-fd", fd],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert proc.returncode in (1, 2), proc.stderr
    assert "Traceback" not in proc.stderr
