"""Input files the user names: devices, pipes and folders are refused, and no file is read
past the input limit (``TNDE_MAX_INPUT_MB``, 100 MB by default), which the message names."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tnde.datafile import input_limit, read_input
from tnde.errors import DataFileError

if TYPE_CHECKING:
    from pathlib import Path

ZERO = "/dev/zero"


@pytest.mark.skipif(not os.path.exists(ZERO), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(DataFileError) as excinfo:
        read_input(ZERO)
    assert excinfo.value.path == ZERO
    assert "bukan berkas biasa" in excinfo.value.problem


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="bukan berkas biasa"):
        read_input(tmp_path)


def test_a_file_over_the_limit_is_refused_naming_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TNDE_MAX_INPUT_MB", "1")
    big = tmp_path / "pindaian besar.pdf"
    big.write_bytes(b"%PDF" + b"0" * (1024 * 1024))
    assert input_limit() == 1024 * 1024
    with pytest.raises(DataFileError) as excinfo:
        read_input(big)
    assert "1 MB" in excinfo.value.problem
    assert "TNDE_MAX_INPUT_MB" in excinfo.value.problem
    assert read_input(big, limit=2 * 1024 * 1024).startswith(b"%PDF")


def test_the_default_limit_is_100_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TNDE_MAX_INPUT_MB", raising=False)
    assert input_limit() == 100 * 1024 * 1024
    monkeypatch.setenv("TNDE_MAX_INPUT_MB", "bukan angka")
    assert input_limit() == 100 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists(ZERO), reason="needs /dev/zero")
def test_commands_refuse_a_device_as_input(tmp_path: Path, demo_template: Path) -> None:
    workspace = ["--workspace", str(demo_template)]
    commands = [
        ["verify", ZERO, "--trust", ZERO],
        ["verify", ZERO, *workspace],
        ["pki", "trust", "add", ZERO, *workspace],
        ["sign-pdf", ZERO, "-o", str(tmp_path / "x.pdf"), "--p12", ZERO, "--secret-fd", "0"],
        ["lint", ZERO],
        ["render", ZERO, "-o", str(tmp_path / "y.pdf")],
    ]
    for command in commands:
        proc = subprocess.run(
            [sys.executable, "-m", "tnde", *command],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            input="",
        )
        assert proc.returncode in (1, 2), (command, proc.stderr)
        assert "Traceback" not in proc.stderr, (command, proc.stderr)


def test_a_kka_list_is_read_as_an_input_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tnde.numbering import load_kka_csv

    with pytest.raises(DataFileError, match="bukan berkas biasa"):
        load_kka_csv(tmp_path)
    big = tmp_path / "kka.csv"
    big.write_text("kode,nama\n000,Umum\n" + "x" * 2_000_000, encoding="utf-8")
    monkeypatch.setenv("TNDE_MAX_INPUT_MB", "1")
    with pytest.raises(DataFileError, match="1 MB"):
        load_kka_csv(big)
