"""A real archive server on loopback for sync tests: uvicorn in a thread of the test process,
answering real HTTP on a free port, that a test can stop and start again (an outage)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import TYPE_CHECKING

import uvicorn

from tnde.archive import open_archive
from tnde.archive.app import app_for

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.archive import ArchiveFolder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveArchive:
    """The archive in ``folder`` served on ``port`` while started."""

    def __init__(self, folder: Path, port: int = 0) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._archive: ArchiveFolder | None = None

    def start(self) -> None:
        self._archive = open_archive(self.folder)
        config = uvicorn.Config(
            app_for(self._archive), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the archive server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
        if self._archive is not None:
            self._archive.close()
        self._server = self._thread = self._archive = None


@contextlib.contextmanager
def live_archive(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve the archive in ``folder`` over plain HTTP on loopback (on ``port``, else a free
    one); yields its URL."""
    with serving(folder, port) as server:
        yield server.url


@contextlib.contextmanager
def serving(folder: Path, port: int = 0) -> Iterator[LiveArchive]:
    """:class:`LiveArchive` started for the block."""
    server = LiveArchive(folder, port)
    server.start()
    try:
        yield server
    finally:
        server.stop()
