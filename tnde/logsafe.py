"""Logs never carry a NIK.

A signer's NIK sits in their certificate (the subject's serialNumber), and libraries that
log certificates at debug level (pyHanko's revocation fetchers) would write it to the log
when the user asks for ``-v``. Every handler the program installs gets
:class:`NikRedactingFilter`, which replaces any 16-digit number in a record with ``[NIK]``.
"""

from __future__ import annotations

import logging
import re

__all__ = ["NikRedactingFilter", "redact"]

#: A NIK: 16 digits standing alone (an 18-digit NIP or a longer serial is not one).
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")


def redact(text: str) -> str:
    """``text`` with every NIK-like number replaced by ``[NIK]``."""
    return _NIK.sub("[NIK]", text)


class NikRedactingFilter(logging.Filter):
    """A handler filter that redacts NIKs from each record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
