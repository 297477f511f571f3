"""Crash points: where the crash tests stop a command dead in the middle of a write.

This module is for crash tests only and does nothing unless the environment variable
``TNDE_CRASH_AT`` is set when it is first imported; in every normal run :func:`crash_point`
returns at once. A crash test runs a real command with

    ``TNDE_CRASH_AT=<point>[:<n>][:pause]``

and the ``n``-th time (default: the first) the command reaches :func:`crash_point` with that
name, the process is killed on the spot (SIGKILL; TerminateProcess on Windows): no
``finally``, no ``ROLLBACK``, no buffered output, as when the program crashes or the task
manager ends it (a process crash, not a power cut). With ``:pause`` it writes
``paused at <point>:<n> after <point>=<times> …`` (how often each point was reached so far)
on stderr and sleeps instead, so the test can check where it stopped and look at the
workspace from outside while the transaction is open, then kill it (after ten minutes it
stops by itself).

The points, each inside the one transaction of the action:

- ``commit``: an outermost :meth:`~tnde.workspace.Workspace.transaction`, after the last write
  of its block, just before ``COMMIT``; ``savepoint``: the same for a nested one, before
  ``RELEASE``.
- ``blob``: :meth:`~tnde.workspace.BlobStore.put`, the file durable under its name, its
  ``blob`` row not inserted yet.
- ``number``: a number drawn from its register series and recorded as issued, the event that
  carries it (``letter.numbered``, ``incoming.registered``) not appended yet.
- ``event``: an event, its outbox and its audit row inserted, its projection not written yet.
- ``sign``: the signed PDF (and a new base revision) stored, the signature event not appended.

And in the sync with the archive:

- ``accept``: the archive server, a pushed batch's events, aggregates and feed positions
  written, just before ``COMMIT``; ``accepted``: after ``COMMIT``, before the answer is sent.
- ``pushed``: a desk, the archive's answer to a push received, not recorded yet.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import NamedTuple, NoReturn

__all__ = ["POINTS", "VARIABLE", "crash_point"]

VARIABLE = "TNDE_CRASH_AT"
"""The environment variable that arms a crash point."""
POINTS = frozenset(
    {"commit", "savepoint", "blob", "number", "event", "sign", "accept", "accepted", "pushed"}
)
"""The names :func:`crash_point` is called with."""


class _Target(NamedTuple):
    point: str
    n: int
    pause: bool


def _parse(spec: str) -> _Target | None:
    if not spec:
        return None
    point, *rest = spec.split(":")
    pause = rest[-1:] == ["pause"]
    count = rest[:-1] if pause else rest
    if point not in POINTS or len(count) > 1 or (count and not count[0].isdigit()):
        names = ", ".join(sorted(POINTS))
        raise ValueError(f"{VARIABLE}={spec!r}: expected <point>[:<n>][:pause]; points: {names}")
    n = int(count[0]) if count else 1
    if n < 1:
        raise ValueError(f"{VARIABLE}={spec!r}: the count starts at 1")
    return _Target(point, n, pause)


_target = _parse(os.environ.get(VARIABLE, ""))
_reached: dict[str, int] = {}
_PAUSE_S = 600


def crash_point(name: str) -> None:
    """Stop the process here when ``TNDE_CRASH_AT`` names this point and count; else nothing."""
    if _target is None:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if name == _target.point and _reached[name] == _target.n:
        _stop(_target)


def _stop(target: _Target) -> NoReturn:
    if target.pause:
        counts = " ".join(f"{point}={times}" for point, times in sorted(_reached.items()))
        sys.stderr.write(f"paused at {target.point}:{target.n} after {counts}\n")
        sys.stderr.flush()
        time.sleep(_PAUSE_S)  # a test that forgot this process must not leave it forever
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    os._exit(70)  # not reached: the signal ends the process first
