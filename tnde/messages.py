"""The words of the core and the command line, in Indonesian by default, English on request.

Source texts are English and sit in the code as ``_("…")`` calls: the English sentence is the
message id (``msgid``) and a ``str.format`` template at once, so literal braces are written
``{{`` and ``}}`` and values are passed as keyword parameters::

    raise RegisterError("already_voided", _("no. {no} of {ref} is already voided", no=no, ref=ref))

``resources/messages/id.po`` holds the Indonesian text of every message, in the gettext PO
format translators know. It is read here by a small parser (no compile step, no ``.mo``
file), once, the first time an Indonesian text is needed. ``docs/messages.md`` explains how
to add a message and how the tests keep the catalogue complete.

A message is translated when it is made, in the language active at that moment: an exception
carries its sentence already worded. Stable codes (``WorkflowRefused.rule``, ``.code``,
``.kind``) are never part of the text and read the same in every language.

The active language is process-wide: the ``TNDE_LANG`` environment variable (``id`` or
``en``) chooses it at start-up, ``tnde --lang`` and the desktop app's language setting call
:func:`set_language`.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass

from tnde.resources import resource_path

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "PoEntry",
    "PoSyntaxError",
    "_",
    "catalogue",
    "language",
    "parse_po",
    "set_language",
    "tr",
]

_log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
"""The languages messages can be shown in."""

DEFAULT_LANGUAGE = "id"
"""The language when ``TNDE_LANG`` names none of :data:`LANGUAGES`."""

SOURCE_LANGUAGE = "en"
"""The language of the message ids themselves: it needs no catalogue."""

LANGUAGE_VARIABLE = "TNDE_LANG"

_lock = threading.Lock()
_active: str | None = None  # None until first asked: then TNDE_LANG decides
_catalogues: dict[str, dict[str, str]] = {}
_reported_missing: set[str] = set()


# -- the active language ------------------------------------------------------------------------


def language() -> str:
    """The active language code, one of :data:`LANGUAGES`."""
    global _active
    if _active is None:
        wanted = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
        _active = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    return _active


def set_language(code: str) -> None:
    """Word every message made from now on in ``code`` (``id`` or ``en``), in every thread.

    Raises:
        ValueError: ``code`` is not one of :data:`LANGUAGES` (a programming error: the command
            line and the settings only offer those).
    """
    global _active
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {LANGUAGES}")
    _active = code


# -- looking messages up ------------------------------------------------------------------------


def _(msgid: str, /, **params: object) -> str:
    """``msgid`` (an English ``str.format`` template) in the active language, filled in.

    A message the catalogue lacks falls back to the English text, with one warning in the
    log per message; a message is never worth a crash.
    """
    code = language()
    if code != SOURCE_LANGUAGE:
        text = catalogue(code).get(msgid)
        if text is None:
            _report_missing(code, msgid)
        else:
            try:
                return text.format(**params)
            except (KeyError, IndexError, ValueError):
                # a translation naming a placeholder the code does not pass: the English
                # sentence is still right, so the user gets that rather than an error
                _report_missing(code, msgid)
    return msgid.format(**params)


tr = _
"""Another name for :func:`_`, for modules where ``_`` is already a throwaway variable."""


def _report_missing(code: str, msgid: str) -> None:
    with _lock:
        if msgid in _reported_missing:
            return
        _reported_missing.add(msgid)
    _log.warning("no usable %s text for message %r; showing it in English", code, msgid)


def catalogue(code: str) -> dict[str, str]:
    """The translations of ``code`` (message id → text), read once from its PO file.

    Entries without a text, and entries marked ``fuzzy``, are left out: their message is
    shown in English. An unreadable or malformed catalogue is logged and counts as empty.
    """
    found = _catalogues.get(code)
    if found is not None:
        return found
    with _lock:
        found = _catalogues.get(code)
        if found is None:
            found = _load(code)
            _catalogues[code] = found
    return found


def _load(code: str) -> dict[str, str]:
    if code == SOURCE_LANGUAGE:
        return {}
    source = resource_path("messages", f"{code}.po")
    try:
        entries = parse_po(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, PoSyntaxError):
        _log.exception("cannot read the %s message catalogue; messages stay in English", code)
        return {}
    return {e.msgid: e.msgstr for e in entries if e.msgid and e.msgstr and not e.fuzzy}


# -- the PO format ------------------------------------------------------------------------------


class PoSyntaxError(ValueError):
    """A PO file does not follow the format.

    Attributes:
        line: the 1-based line where the problem is.
    """

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {problem}")


@dataclass(frozen=True)
class PoEntry:
    """One message of a PO file.

    Attributes:
        msgid: the source text (English); ``""`` for the file's header entry.
        msgstr: its translation, ``""`` when not translated yet.
        flags: the ``#,`` flags (``fuzzy``, ``python-brace-format``…).
        line: where the entry starts, for error messages.
    """

    msgid: str
    msgstr: str
    flags: frozenset[str] = frozenset()
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        """Whether a translator marked the text as needing review (gettext then ignores it)."""
        return "fuzzy" in self.flags


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


def _unquote(text: str, line: int) -> str:
    """The value of one ``"…"`` PO string, its escapes resolved."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoSyntaxError(line, f"expected a quoted string, found {text!r}")
    body = text[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == '"':
            raise PoSyntaxError(line, 'a " inside a string must be written \\"')
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise PoSyntaxError(line, f"unknown escape in {text!r}")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def parse_po(text: str) -> list[PoEntry]:
    """The entries of a PO file, in file order, the header entry (empty ``msgid``) included.

    Supports what a catalogue of plain messages uses: ``#`` comments, ``#,`` flags,
    ``msgid``/``msgstr`` with strings continued over several lines, and the escapes ``\\"``,
    ``\\\\``, ``\\n``, ``\\t``, ``\\r``. Obsolete entries (``#~``) are skipped.

    Raises:
        PoSyntaxError: a keyword this parser does not know (``msgctxt``, plural forms), a
            string without its keyword, a malformed string, or a ``msgid`` twice.
    """
    entries: list[PoEntry] = []
    seen: set[str] = set()
    flags: set[str] = set()
    parts: dict[str, list[str]] = {}
    current: str | None = None  # the keyword the following "…" lines continue
    start = 0

    def finish() -> None:
        nonlocal current, start
        if "msgid" in parts:
            if "msgstr" not in parts:
                raise PoSyntaxError(start, "msgid without msgstr")
            msgid = "".join(parts["msgid"])
            if msgid in seen:
                raise PoSyntaxError(start, f"msgid {msgid!r} appears twice")
            seen.add(msgid)
            entries.append(PoEntry(msgid, "".join(parts["msgstr"]), frozenset(flags), start))
        elif "msgstr" in parts:
            raise PoSyntaxError(start, "msgstr without msgid")
        parts.clear()
        flags.clear()
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "msgid" in parts and "msgstr" in parts:
                finish()  # a comment starts the next entry
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if line.startswith('"'):
            if current is None:
                raise PoSyntaxError(number, "a string without msgid or msgstr before it")
            parts[current].append(_unquote(line, number))
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword not in ("msgid", "msgstr"):
            raise PoSyntaxError(number, f"unsupported keyword {keyword!r}")
        if keyword == "msgid" and "msgid" in parts:
            finish()
        if keyword in parts:
            raise PoSyntaxError(number, f"{keyword} twice in one entry")
        if keyword == "msgid":
            start = number
        current = keyword
        parts[keyword] = [_unquote(rest.strip(), number)]
    finish()
    return entries
