"""Waking the pulls a server holds open when new events are accepted."""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["FeedNotifier"]


class FeedNotifier:
    """Wakes held pulls when a batch commits.

    The acceptor calls :meth:`notify` from a worker thread; held pulls wait on the event
    loop. Each wake-up replaces the event, so every pull waiting at that moment wakes once.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    def notify(self, _feed_seq: int) -> None:
        """Wake every held pull (any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, timeout: float) -> None:
        """Wait for the next wake-up, at most ``timeout`` seconds."""
        self._loop = asyncio.get_running_loop()
        if self._event is None:
            self._event = asyncio.Event()
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
