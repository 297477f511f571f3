"""``tnde sign --remote`` and ``tnde pki demo-remote serve`` in child processes, as a script or
an administrator would use them."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from tests.cliutil import WorkspaceCli
from tests.demoworkspace import signer_of
from tnde.demo import add_demo_letters
from tnde.pki import DemoPki, demo_folder, demo_remote_port
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.workspace import Workspace

pytestmark = pytest.mark.slow

PASS = "demo1234\n"


def _wait_for_port(port: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("the simulator did not start")


def _serve(workspace: Path, *args: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tnde", "--workspace", str(workspace), "pki", "demo-remote",
         "serve", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait_for_port(demo_remote_port(DemoPki.open(demo_folder(workspace)).port), proc)
    return proc


def _results(cli: WorkspaceCli, *args: str) -> list[dict[str, object]]:
    """``tnde sign … --json`` whatever its exit code (1 when a letter was not signed)."""
    proc = cli.run(*args, "--json", stdin=PASS)
    assert proc.returncode in (0, 1), proc.stderr
    results: list[dict[str, object]] = json.loads(proc.stdout)
    return results


@pytest.fixture
def dropping(demo_ws: Workspace) -> Iterator[subprocess.Popen[str]]:
    proc = _serve(demo_ws.path, "--fault", "drop")
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_demo_signs_through_its_simulated_bsre(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    batch = add_demo_letters(demo_ws, 2)
    nip = signer_of(letters, batch[0])
    cli = WorkspaceCli(demo_ws.path)
    results = cli.json(
        "sign", *batch, "--as", nip, "--remote", "bsre-simulasi", "--secret-fd", "0", stdin=PASS
    )
    assert [(r["ok"], r["error"]) for r in results] == [(True, None), (True, None)]


def test_a_wrong_passphrase_is_named(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    (letter,) = add_demo_letters(demo_ws, 1)
    nip = signer_of(letters, letter)
    proc = WorkspaceCli(demo_ws.path).run(
        "sign", letter, "--as", nip, "--remote", "bsre-simulasi", "--secret-fd", "0",
        stdin="salah\n",
    )  # fmt: skip
    assert proc.returncode == 1
    assert "2031" in proc.stdout + proc.stderr
    assert letters.get(letter).status.value == "dinomori"


def test_a_dropped_request_shows_status_tidak_pasti_until_checked(
    demo_ws: Workspace, dropping: subprocess.Popen[str]
) -> None:
    letters = Letters(demo_ws)
    (letter,) = add_demo_letters(demo_ws, 1)
    nip = signer_of(letters, letter)
    cli = WorkspaceCli(demo_ws.path)
    sign = ("sign", letter, "--as", nip, "--remote", "bsre-simulasi", "--secret-fd", "0")

    (result,) = _results(cli, *sign)
    assert not result["ok"]
    assert result["kind"] == "unknown_outcome"
    assert "status tidak pasti" in cli.ok("letter", "show", letter)
    assert "status tidak pasti" in cli.ok("inbox", "--as", nip)

    # the service is back to normal: the letter is still refused until someone checks
    dropping.terminate()
    dropping.wait(timeout=10)
    again = cli.run(*sign, stdin=PASS)
    assert again.returncode == 1
    assert "status tidak pasti" in again.stderr  # refused before the passphrase is even read
    assert letters.get(letter).status.value == "dinomori"

    checked = cli.ok(*sign[:-2], "--check-unknown")
    assert letter in checked
    assert "status tidak pasti" not in cli.ok("letter", "show", letter)
    (signed,) = _results(cli, *sign)
    assert signed["ok"], signed
