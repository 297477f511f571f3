"""Entry point and argument parsing of the ``tnde`` command.

Exit codes: 0 success; 1 the input has problems (validation errors, lint findings, a bad
data file); 2 the command was used wrongly.

Everything the command says is in Indonesian unless ``--lang en`` (or ``TNDE_LANG=en``) asks
for English; see :mod:`tnde.messages`.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tnde import __version__
from tnde.cli import (
    archive_commands,
    commands,
    demo_commands,
    incoming_commands,
    letter_commands,
    org_commands,
    pki_commands,
    register_commands,
    selftest_commands,
    sign_commands,
    sync_commands,
    verify_commands,
    workspace_commands,
)
from tnde.cli.parser import EXIT_USAGE, CliParser, language_option
from tnde.cli.terminal import terminal_safe
from tnde.errors import TndeError
from tnde.logsafe import NikRedactingFilter
from tnde.messages import LANGUAGES, _, set_language

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

EXIT_OK, EXIT_PROBLEMS = 0, 1


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar, worded in the active language."""
    parser = CliParser(
        prog="tnde", description=_("TNDE Desktop: electronic official letters, without a window.")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tnde {__version__}",
        help=_("show the program's version number and exit"),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log details to stderr"))
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of messages and help (default: $TNDE_LANG, else id)"),
    )
    parser.add_argument(
        "--workspace",
        type=Path,
        metavar="PATH",
        help=_("workspace folder (default: $TNDE_HOME, else the user data folder)"),
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=CliParser)

    p = sub.add_parser("templates", help=_("list the jenis naskah and their fields"))
    p.add_argument("jenis", nargs="?", help=_("show one template in detail"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help=_("an office's own template folder (with _fields.toml) instead of the shipped one"),
    )
    p.set_defaults(run=commands.cmd_templates)

    p = sub.add_parser("profiles", help=_("list the office profiles"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=commands.cmd_profiles)

    p = sub.add_parser("render", help=_("render a draft file to PDF"))
    p.add_argument("draft", help=_("draft file (TOML)"))
    p.add_argument("-o", "--output", required=True, help=_("PDF file to write"))
    p.add_argument("--profile", help=_("profile id or file (overrides the draft's)"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--final", action="store_true", help=_("no KONSEP watermark"))
    mode.add_argument(
        "--print",
        action="store_true",
        help=_("for printing and signing by hand: blank signature room, no TTE marks"),
    )
    p.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help=_("an office's own template folder (with _fields.toml) instead of the shipped one"),
    )
    p.set_defaults(run=commands.cmd_render)

    p = sub.add_parser("lint", help=_("check a draft against the regulations and the profile"))
    p.add_argument("draft", nargs="?", help=_("draft file (TOML)"))
    p.add_argument("--profile", help=_("profile id or file (overrides the draft's)"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--rules", action="store_true", help=_("list the rules instead"))
    p.add_argument("--today", help=_("check dates as if today were YYYY-MM-DD"))
    p.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help=_("an office's own template folder (with _fields.toml) instead of the shipped one"),
    )
    p.set_defaults(run=commands.cmd_lint)

    p = sub.add_parser("kka", help=_("search the records classification codes (KKA)"))
    p.add_argument("text", nargs="?", default="", help=_("code or words to look for"))
    p.add_argument(
        "--file", help=_("a KKA list in CSV to use (and check) instead of the shipped one")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=commands.cmd_kka)

    p = sub.add_parser("number", help=_("format or parse a letter number with a pattern"))
    p.add_argument("pattern", help=_("pattern such as '{{kka}}/{{seq}}/{{unit}}/{{tahun}}'"))
    p.add_argument("--parse", metavar="NUMBER", help=_("parse NUMBER instead of formatting"))
    p.add_argument("--seq", type=int, default=1)
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    for token in ("kka", "unit", "derajat", "jenis", "jabatan"):
        p.add_argument(f"--{token}", default="")
    p.set_defaults(run=commands.cmd_number)

    for area in (
        workspace_commands,
        org_commands,
        register_commands,
        letter_commands,
        demo_commands,
        incoming_commands,
        sign_commands,
        pki_commands,
        verify_commands,
        archive_commands,
        selftest_commands,
    ):
        area.register(sub)
    sync_commands.register_sync(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    with terminal_safe():
        return _main(argv)


def archive_main(argv: Sequence[str] | None = None) -> int:
    """The ``tnde-archive`` command: ``tnde archive`` under a name of its own."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    return main(["archive", *arguments])


def _main(argv: Sequence[str] | None) -> int:
    # verify batches use worker processes; a frozen (packaged) program must let each worker
    # run as a worker rather than as a second ``tnde`` command
    multiprocessing.freeze_support()
    arguments = sys.argv[1:] if argv is None else list(argv)
    # before the parser exists: its help texts are worded when it is built
    language = language_option(arguments)
    if language is not None:
        set_language(language)
    parser = build_parser()
    _refuse_undecodable(parser, arguments)
    args = parser.parse_args(arguments)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(NikRedactingFilter())  # no NIK in a log, whoever logs it (-v)
    try:
        return int(args.run(args))
    except TndeError as exc:
        sys.stderr.write(f"tnde: {exc}\n")
        return EXIT_PROBLEMS
    except commands.UsageError as exc:
        parser.print_usage(sys.stderr)
        sys.stderr.write(_("{prog}: error: {message}", prog="tnde", message=exc) + "\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def _refuse_undecodable(parser: argparse.ArgumentParser, arguments: Sequence[str]) -> None:
    """Refuse an argument that is not UTF-8 text (exit 2), before anything reads it.

    A shell passes bytes; Python keeps those that do not decode as lone surrogates, which no
    database, data file or message can hold (writing one fails with a traceback).
    """
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "backslashreplace").decode("utf-8")
            parser.error(_("not valid UTF-8 text: {argument}", argument=shown))
