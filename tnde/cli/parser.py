"""The argument parser of ``tnde``, speaking the language of :mod:`tnde.messages`.

argparse words its own texts ("usage:", "options", "show this help message and exit", its
error messages) through :func:`gettext.gettext`, which knows nothing of our catalogue. Rather
than patching argparse, :class:`CliParser` names those texts itself: the help option, the
group titles and the usage prefix are given in the active language when the parser is built,
and the errors argparse finds while parsing are reworded in :meth:`CliParser.error` by
matching argparse's English sentences (:func:`reword_parse_error`). An error argparse words
in a way not listed here is shown as argparse wrote it.

The language must be chosen before the parser is built, since the help texts are worded
then: :func:`language_option` reads ``--lang`` ahead of the real parse.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from tnde.messages import LANGUAGES, _

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = [
    "EXIT_USAGE",
    "INT64",
    "CliHelpFormatter",
    "CliParser",
    "language_option",
    "reword_parse_error",
    "whole_number",
]

EXIT_USAGE = 2
"""The exit code of a command used wrongly."""


class CliHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with the ``usage:`` prefix in the active language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class CliParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose own words come from the catalogue.

    Sub-command parsers are made with the same class (``parser_class=type(parser)``), so
    every level of ``tnde … --help`` reads the same language, and every ``type=int``
    argument is read by :func:`whole_number`.
    """

    def __init__(self, **kwargs: Any) -> None:
        """Takes :class:`argparse.ArgumentParser`'s arguments, by keyword."""
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", CliHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self.register("type", int, whole_number)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=_("show this help message and exit"),
            )

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error, reworded, then exit with :data:`EXIT_USAGE`."""
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            _("{prog}: error: {message}", prog=self.prog, message=reword_parse_error(message))
            + "\n",
        )


INT64 = range(-(2**63), 2**63)
"""The integers an SQLite column (and so every number the workspace stores) can hold."""


def whole_number(text: str) -> int:
    """A ``type=int`` argument: an integer that :data:`INT64` holds, else a usage error.

    Each command checks its own range (a lease of 1 to 10000 numbers, a year…); a number
    past this one would end in a traceback where the database is asked for it.
    """
    value = int(text)
    if value not in INT64:
        raise argparse.ArgumentTypeError(_("{text} is out of range", text=text[:40]))
    return value


# argparse's English error sentences (Python 3.11 to 3.13), each with its wording in ours
_PARSE_ERRORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"argument (?P<name>.+?): (?P<problem>.+)", re.DOTALL),
        lambda m: _(
            "argument {name}: {problem}",
            name=m["name"],
            problem=reword_parse_error(m["problem"]),
        ),
    ),
    (
        re.compile(r"the following arguments are required: (?P<names>.+)", re.DOTALL),
        lambda m: _("the following arguments are required: {names}", names=m["names"]),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<args>.+)", re.DOTALL),
        lambda m: _("unrecognized arguments: {args}", args=m["args"]),
    ),
    (
        re.compile(r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)", re.DOTALL),
        lambda m: _(
            "invalid choice: {value} (choose from {choices})",
            value=m["value"],
            choices=m["choices"],
        ),
    ),
    (
        re.compile(r"invalid (?P<type>\S+) value: (?P<value>.+)", re.DOTALL),
        lambda m: _("invalid {type} value: {value}", type=m["type"], value=m["value"]),
    ),
    (
        re.compile(r"expected one argument"),
        lambda m: _("expected one argument"),
    ),
    (
        re.compile(r"expected at most one argument"),
        lambda m: _("expected at most one argument"),
    ),
    (
        re.compile(r"expected at least one argument"),
        lambda m: _("expected at least one argument"),
    ),
    (
        re.compile(r"expected (?P<count>\d+) arguments?"),
        lambda m: _("expected {count} argument(s)", count=m["count"]),
    ),
    (
        re.compile(r"not allowed with argument (?P<other>.+)", re.DOTALL),
        lambda m: _("not allowed with argument {other}", other=m["other"]),
    ),
    (
        re.compile(r"one of the arguments (?P<names>.+) is required", re.DOTALL),
        lambda m: _("one of the arguments {names} is required", names=m["names"]),
    ),
    (
        re.compile(r"ambiguous option: (?P<option>.+?) could match (?P<matches>.+)", re.DOTALL),
        lambda m: _(
            "ambiguous option: {option} could match {matches}",
            option=m["option"],
            matches=m["matches"],
        ),
    ),
    (
        re.compile(r"ignored explicit argument (?P<value>.+)", re.DOTALL),
        lambda m: _("ignored explicit argument {value}", value=m["value"]),
    ),
)


def reword_parse_error(message: str) -> str:
    """An error argparse worded in English, in the active language (unknown ones unchanged)."""
    for pattern, reword in _PARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match is not None:
            return reword(match)
    return message


def language_option(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` when it names a language, read before parsing.

    Help texts are worded when the parser is built, so the language has to be known first.
    A wrong value is left for the real parser to report (with its list of choices).
    """
    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    early.add_argument("--lang")
    try:
        known, _rest = early.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return known.lang if known.lang in LANGUAGES else None
