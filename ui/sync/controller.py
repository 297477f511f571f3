"""The window's handle on the background sync: starts the core's
:class:`tnde.sync.SyncRunner` after the window shows and hands what it reports to the GUI
thread as a signal.

The runner calls its listener on its own threads; emitting a Qt signal from there to a
receiver on the GUI thread queues the call, so every slot connected to
:attr:`SyncController.sig_changed` runs on the GUI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from tnde import sync
from tnde.secrets import KeyringSecretStore
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.secrets import SecretStore
    from tnde.sync import SyncChange, Syncer, SyncRunner, SyncSnapshot
    from tnde.workspace import Workspace

log = logging.getLogger(__name__)

__all__ = ["SyncController"]


class SyncController(QObject):
    """Runs the sync of one linked workspace while its window is open."""

    sig_changed = Signal(object)
    """The sync reported (:class:`tnde.sync.SyncChange`), on the GUI thread."""

    def __init__(
        self,
        workspace: Workspace,
        secrets: SecretStore | None = None,
        parent: QObject | None = None,
        *,
        wait: float | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.secrets: SecretStore = secrets or KeyringSecretStore()
        self._wait = wait
        self._runner: SyncRunner | None = None
        self._last: SyncSnapshot | None = None
        self._stopped = False
        self._starting = False
        self._paused = ""
        """Why the sync is paused (signed out on purpose), "" while it may run."""
        self.destroyed.connect(self._stop_runner)

    @property
    def running(self) -> bool:
        """Whether the sync was started (and not stopped)."""
        return self._runner is not None

    def start(self) -> None:
        """Start syncing in the background. The HTTP client and the sync engine load on a
        worker thread, so the window stays responsive while they do."""
        if self._runner is not None or self._stopped or self._starting or self._paused:
            return
        self._starting = True
        workspace, secrets, listener, wait = (
            self.workspace,
            self.secrets,
            self._on_change,
            self._wait,
        )

        def make() -> SyncRunner:
            runner = sync.SyncRunner(workspace, secrets, listener)
            if wait is not None:
                runner.wait = wait
            runner.start()
            return runner

        QueryOp(None, make).success(self._on_started).failure(self._on_start_failed).run()

    def _on_started(self, runner: SyncRunner) -> None:
        self._starting = False
        if self._stopped or self._paused:  # closed or paused while the sync was starting
            runner.stop()
            return
        self._runner = runner

    def _on_start_failed(self, exc: BaseException) -> None:
        # a desk that cannot sync still works; the log says why
        self._starting = False
        log.error("the sync could not start: %s", exc, exc_info=exc)

    def stop(self) -> None:
        """Stop syncing for good (the window is closing)."""
        self._stopped = True
        self._stop_runner()

    def _stop_runner(self, *_args: object) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            runner.stop()

    def pause(self, reason: str) -> Callable[[], None]:
        """Stop the background sync until :meth:`resume` (signing out, forgetting the
        archive); ``reason`` is what the status shows meanwhile.

        Returns:
            A function that waits until the stopped sync can no longer trade the refresh
            token (call it off the GUI thread, before signing out: one token in use at a
            time).
        """
        self._paused = reason
        runner = self._runner
        self._stop_runner()
        syncer = runner.syncer if runner is not None else None
        return syncer.close if syncer is not None else (lambda: None)

    @property
    def paused(self) -> bool:
        """Whether the sync was paused on purpose."""
        return bool(self._paused)

    def syncer(self) -> Syncer | None:
        """The running sync's :class:`~tnde.sync.Syncer` (None while it is not running): the
        one to ask the archive through, so one refresh token is in use at a time."""
        return self._runner.syncer if self._runner is not None else None

    def poke(self) -> None:
        """An action was made: send it now."""
        if self._runner is not None:
            self._runner.poke()

    def resume(self) -> None:
        """The desk signed in again."""
        self._paused = ""
        if self._runner is None:
            self.start()
        else:
            self._runner.resume()

    def snapshot(self) -> SyncSnapshot:
        """Where the desk stands now."""
        if self._paused:
            pending = self._last.pending if self._last else 0
            return sync.SyncSnapshot(signed_out=self._paused, pending=pending)
        if self._runner is not None:
            return self._runner.snapshot()
        return self._last or sync.SyncSnapshot()

    def _on_change(self, change: SyncChange) -> None:
        # runs on a runner thread: only the signal crosses to the GUI thread
        self._last = change.snapshot
        try:
            self.sig_changed.emit(change)
        except RuntimeError:  # the window is gone; its runner is being stopped
            log.debug("sync change after the window closed")
