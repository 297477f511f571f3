"""Text for a terminal: control characters from stored data are shown, never obeyed.

A letter's hal, a sender's name or a file name may carry ESC, BEL or OSC sequences (typed,
pasted, or put there on purpose). Printed raw, they could clear the secretary's screen, change
the window title or hide text. Every line the command line writes goes through
:func:`printable`, which shows such a character as ``\\u001b``: still visible, never acted on.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

from tnde.formatting import CONTROL_CHARACTERS

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["own_stderr", "printable", "terminal_safe"]


# A lone surrogate is how Python holds the bytes of a file name that are not UTF-8: a strict
# UTF-8 stream cannot write it, and would end the command with a traceback.
_UNWRITABLE = re.compile(f"{CONTROL_CHARACTERS.pattern}|[\\ud800-\\udfff]")


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline, and every lone surrogate,
    written as ``\\uXXXX``."""
    return _UNWRITABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _SafeStream:
    """A text stream whose writes go through :func:`printable`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def own_stderr() -> TextIO:
    """Standard error below :func:`terminal_safe`, for the program's own control characters
    (the ``\r`` of a progress line), never for text that came from data."""
    stream = sys.stderr
    return stream._stream if isinstance(stream, _SafeStream) else stream


@contextlib.contextmanager
def terminal_safe() -> Iterator[None]:
    """Standard output and error write :func:`printable` text while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout = _SafeStream(saved[0])
    sys.stderr = _SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
