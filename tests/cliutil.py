"""Driving ``tnde --workspace W …`` in a child process, as a user or a script would."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any, ClassVar

from tnde.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
ORG_FILE = Path(str(resource_path("org", "diskominfo-nusantara-raya.toml")))
PROFILE = "diskominfo-nusantara-raya"


def org_file() -> dict[str, Any]:
    """The demo org chart file, parsed."""
    return tomllib.loads(ORG_FILE.read_text(encoding="utf-8"))


def tnde(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``tnde …`` in a child process, without a workspace option."""
    return subprocess.run(
        [sys.executable, "-m", "tnde", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


class WorkspaceCli:
    """``tnde --workspace W …`` in a child process."""

    tables: ClassVar[tuple[str, ...]] = ("event", "audit", "blob", "number_use")
    """What :meth:`rows` counts to prove a refused command stored nothing."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace

    def run(self, *args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``tnde``; ``stdin`` is what it reads (a passphrase for ``--secret-fd 0``)."""
        return tnde("--workspace", self.workspace, *args, stdin=stdin)

    def ok(self, *args: str | Path, stdin: str | None = None) -> str:
        """Run a command that must succeed; its stdout."""
        proc = self.run(*args, stdin=stdin)

        assert proc.returncode == 0, f"tnde {' '.join(map(str, args))}: {proc.stderr}"
        return proc.stdout

    def json(self, *args: str | Path, stdin: str | None = None) -> Any:
        return json.loads(self.ok(*args, "--json", stdin=stdin))

    def refused(self, rule: str, *args: str | Path) -> str:
        """Run a command the rules must refuse, naming ``rule``, storing nothing; its stderr."""
        before = self.rows()
        proc = self.run(*args)
        assert proc.returncode == 1, f"tnde {' '.join(map(str, args))} exited {proc.returncode}"
        assert rule in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.stdout == ""
        assert self.rows() == before, "a refused command stored something"
        return proc.stderr

    def rows(self) -> tuple[int, ...]:
        """How many rows each of :attr:`tables` holds (read-only)."""
        db = (self.workspace / "workspace.sqlite").resolve().as_uri()
        conn = sqlite3.connect(f"{db}?mode=ro", uri=True)
        try:
            return tuple(
                conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in self.tables
            )
        finally:
            conn.close()

    def holders(self) -> dict[str, str]:
        """jabatan_id → the NIP who acts in it today (the definitive holder first)."""
        out: dict[str, str] = {}

        def walk(unit: dict[str, Any]) -> None:
            for jabatan in unit["jabatan"]:
                people = sorted(jabatan["holders"], key=lambda h: h["bentuk"] != "definitif")
                if people:
                    out[jabatan["jabatan_id"]] = people[0]["nip"]
            for child in unit["children"]:
                walk(child)

        for root in self.json("org", "show")["units"]:
            walk(root)
        return out
