"""A throwaway PostgreSQL cluster for the archive's tests: ``initdb`` + ``pg_ctl`` in a temp
folder, listening on a free loopback port, stopped and deleted at the end. No system service.

Debian keeps the binaries in ``/usr/lib/postgresql/<version>/bin`` (not on ``PATH``);
``./dev.sh test`` installs them (the ``postgresql`` package). PostgreSQL refuses to run as
root, and CI runs as root, so there the cluster runs as the unprivileged ``nobody`` through
``runuser`` (or ``setpriv``), in a folder that account owns. The cluster trusts connections
from loopback and runs with ``fsync=off``: it holds test data only and is gone after the run.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

__all__ = ["PgCluster", "find_binaries", "unavailable_reason"]

SUPERUSER = "postgres"


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (the newest Debian version first)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)] or [0],
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _drop_privileges() -> list[str] | None:
    """The command prefix that runs a program as ``nobody`` (as root), ``[]`` when not root,
    ``None`` when root and no tool to drop privileges is there."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    if shutil.which("setpriv"):
        entry = pwd.getpwnam("nobody")
        return [
            "setpriv",
            f"--reuid={entry.pw_uid}",
            f"--regid={entry.pw_gid}",
            "--clear-groups",
            "--",
        ]
    return None


def unavailable_reason() -> str:
    """Why PostgreSQL cases cannot run here, or ``""`` when they can."""
    if find_binaries() is None:
        return (
            "PostgreSQL binaries (initdb, pg_ctl) not found; ./dev.sh test installs Debian's "
            "postgresql package"
        )
    if _drop_privileges() is None:
        return "running as root without runuser or setpriv: PostgreSQL refuses to run as root"
    return ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """One running cluster; :meth:`database` hands out a new empty database per test."""

    def __init__(self, *, durable: bool = False) -> None:
        """
        Args:
            durable: flush to disk as a production cluster does (the benchmark); the tests
                run without, which changes the cost, not the code path.
        """
        self.durable = durable
        binaries = find_binaries()
        prefix = _drop_privileges()
        if binaries is None or prefix is None:
            raise RuntimeError(unavailable_reason())
        self._bin = binaries
        self._as = prefix
        self.folder = Path(tempfile.mkdtemp(prefix="tnde-pg-"))
        if os.geteuid() == 0:
            entry = pwd.getpwnam("nobody")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = _free_port()
        self._count = 0
        self._started = False

    def _run(self, tool: str, *args: str) -> None:
        proc = subprocess.run(
            [*self._as, str(self._bin / tool), *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.folder,  # runuser keeps the cwd; nobody must be able to enter it
            timeout=120,
        )
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed ({proc.returncode}): {proc.stderr}\n{log}")

    def start(self) -> PgCluster:
        """initdb and start; raises with PostgreSQL's own words when it cannot."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories=''"
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options, "start")
        self._started = True
        return self

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` in this cluster."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """A new, empty database; its URL."""
        self._count += 1
        name = f"arsip_{self._count}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the cluster (immediately: nothing in it is kept) and delete its folder."""
        if self._started:
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self._started = False
        shutil.rmtree(self.folder, ignore_errors=True)
