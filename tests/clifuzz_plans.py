"""Command lines for :mod:`tests.test_cli_fuzz`: every ``tnde`` sub-command, from its parser.

:data:`COMMANDS` is read from the parser :func:`tnde.cli.main.build_parser` builds, so a new
sub-command is fuzzed as soon as it exists. Each of its arguments takes :class:`Values` from
:data:`COMMAND_ARGUMENTS` (where one name means different things in different commands) or
:data:`ARGUMENTS`, by its ``dest``; flags need nothing. An argument with no strategy raises
:class:`NoStrategyError` naming what to add.

No argument holds NUL: no shell can pass one (``execve`` takes C strings); files do. Lone
surrogates do appear: they are how Python decodes argument bytes that are not UTF-8.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.clifuzz import (
    COPY,
    FRESH_WORKSPACES,
    INPUT_NAMES,
    OUTPUT_NAMES,
    WORKSPACE_NAMES,
    Known,
    Place,
    Plan,
    Secret,
    Token,
)
from tests.cliutil import ORG_FILE
from tnde.cli.main import build_parser
from tnde.incoming.desk import SIFAT, URGENSI
from tnde.profiles import available_profiles
from tnde.profiles.model import DEFAULT_INSTRUCTIONS
from tnde.templates import load_all_templates
from tnde.tracking import STATUSES

__all__ = ["COMMANDS", "NoStrategyError", "command_plans"]


# -- values -------------------------------------------------------------------------------------

_ORG = tomllib.loads(ORG_FILE.read_text(encoding="utf-8"))
NIPS = tuple(p["nip"] for p in _ORG["pegawai"])
UNITS = tuple(u["unit_id"] for u in _ORG["unit"])
JABATAN = tuple(j["jabatan_id"] for j in _ORG["jabatan"])

PIECES = (
    # control characters and terminal sequences (NUL only inside files: see the docstring)
    *("\x1b[2J", "\x07", "\x1b]0;judul palsu\x07", "\x1b]8;;https://contoh.invalid\x1b\\x"),
    *("\x9b31m", "\r", "\x08", "\x7f", "\x0b\x0c", "\x1b[6n", "\n"),
    # unicode: emoji, direction marks, combining marks, odd spaces, lone surrogates
    *("😀", "👨‍👩‍👧", "\u202e", "\u200f", "\u2066", "e\u0301\u0301\u0301", "\ufeff", "\u00a0"),
    *("\u2028", "ﷺ", "\uff21", "İ", "ß", "\U0010ffff", "\udcff", "\udc80abc"),
    # FTS5 query syntax
    *('"', '""', "*", "(", ")", "\\", "^", ":", "NEAR(a b)", "a OR", "AND", "NOT x", "hal:*"),
    *('"tidak selesai', "{a b}", "+", "-x"),
    # SQL and format strings
    *("'; DROP TABLE letter; --", "' OR '1'='1", "%", "_", "%s %d", "{0} {x!r}", "NULL"),
    # option look-alikes, empty and blank
    *("-", "--", "-1", "--json", "--help", "-h", "--as", "---", "", " ", "\t", "  \n\t", "\u3000"),
    # long
    *("a" * 20_000, "😀" * 5_000, "-" * 3_000, "a" * 1_000 + "\x1b[2J"),
    # paths
    *("../../../../etc/passwd", "/", ".", "~", "C:\\Windows", "con", "a/b"),
)
_ALPHABET = st.characters(exclude_categories=(), exclude_characters="\x00")
_piece = st.sampled_from(PIECES)
TEXT = st.one_of(
    _piece,
    st.lists(st.one_of(_piece, st.text(_ALPHABET, max_size=8)), min_size=2, max_size=4).map(
        "".join
    ),
    st.text(_ALPHABET, max_size=30),
)
"""Hostile text: pieces above, alone or glued to each other and to random characters."""


def fullwidth(text: str) -> str:
    """``text`` in full-width digits and hyphen (as an East Asian keyboard types them)."""
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})


@dataclass(frozen=True)
class Values:
    """What an argument takes: values a user would give, and hostile ones."""

    plausible: st.SearchStrategy[Any]
    hostile: st.SearchStrategy[Any]

    def pick(self, mode: str) -> st.SearchStrategy[Any]:
        """``plausible``, ``hostile``, or either (``any``)."""
        if mode == "any":
            return st.one_of(self.plausible, self.hostile)
        return self.plausible if mode == "plausible" else self.hostile


def values(plausible: Any, hostile: Any = TEXT) -> Values:
    """:class:`Values` from strategies or from tuples of examples (the hostile ones besides
    :data:`TEXT`)."""

    def strategy(given: Any) -> st.SearchStrategy[Any]:
        return st.sampled_from(given) if isinstance(given, tuple | list) else given

    hostile_values = strategy(hostile)
    return Values(
        strategy(plausible),
        hostile_values if hostile is TEXT else st.one_of(hostile_values, TEXT),
    )


def known(kind: str) -> st.SearchStrategy[Known]:
    """A real value of ``kind`` in the demo workspace (see :class:`tests.clifuzz.Known`)."""
    return st.integers(0, 40).map(lambda i: Known(kind, i))


def inputs(*names: str) -> tuple[Place, ...]:
    return tuple(Place("input", n) for n in names)


def outputs(*names: str) -> tuple[Place, ...]:
    return tuple(Place("output", n) for n in names)


WORDS = ("Uji", "Mohon diperbaiki", "Rapat koordinasi", "Dinas Uji", "x")
TEXT_VALUES = values(WORDS)
NUMBER = values(
    ("1", "2", "3", "20", "2026"),
    st.one_of(
        st.sampled_from(
            (
                *("0", "-1", "-2147483649", "99999999999999999999999999", "9" * 5000, "1e3"),
                *("1.5", "abc", "", " 7", "0x10", "1_000", "\u0663", "+5", "-0", "nan"),
            )
        ),
        st.integers(-(2**70), 2**70).map(str),
    ),
)
DATE = values(
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(str),
    (
        *("2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "0001-01-01"),
        *("9999-12-31", "10000-01-01", "27-11-2026", "2026/11/27", "20261127", "2026-1-5"),
        *("2026-11-27T25:00", "2026-11-27T10:00:00+07:00", "2026-W48-5"),
        fullwidth("2026-11-27"),
    ),
)
NIP = values(
    NIPS,
    (
        *("1", "19690512199003100", "1969051219900310021", "19690512199003100X"),
        *("196905121990031002 ", fullwidth("196905121990031002"), "000000000000000000"),
        *("-196905121990031002", "device:x", "cli", "system"),
    ),
)
JAB = values(JABATAN)
ROUTE = values(
    st.lists(
        st.tuples(st.sampled_from(("periksa", "tandatangan")), st.sampled_from(JABATAN)),
        min_size=1,
        max_size=3,
    ).map(lambda steps: ",".join(f"{kind}:{jabatan}" for kind, jabatan in steps)),
    ("periksa:", ":KADIS", "paraf:KADIS", ",", "periksa:KADIS,,tandatangan:GUB"),
)
URL = values(
    ("http://127.0.0.1:9/tsa",),
    (
        *("https://127.0.0.1:9/", "file:///etc/passwd", "ftp://x", "http://[::1", "http://"),
        *("javascript:alert(1)", "http://a b/", "http://127.0.0.1:0/"),
    ),
)
READ = st.sampled_from(inputs(*INPUT_NAMES))
WRITE = st.sampled_from(outputs(*OUTPUT_NAMES))
HOSTILE_WORKSPACES = tuple(Place("workspace", n) for n in WORKSPACE_NAMES)


def reads(*plausible: Token | st.SearchStrategy[Any]) -> Values:
    """A file argument: ``plausible`` ones (names of inputs, or strategies), or any input."""
    given = [
        p if isinstance(p, st.SearchStrategy) else st.just(Place("input", str(p)))
        for p in plausible
    ]
    return Values(st.one_of(given), READ)


def writes(*plausible: str) -> Values:
    return Values(st.sampled_from(outputs(*plausible)), WRITE)


ARGUMENTS: dict[str, Values] = {
    # who acts, and on what
    **dict.fromkeys(("actor", "owner", "nip"), NIP),
    "who": values(NIPS, ("0", "ff", "DEADBEEF", "-1", "0x10", "1" * 200)),
    **dict.fromkeys(("letter", "letters"), values(known("letter"))),
    "incoming": values(known("incoming")),
    **dict.fromkeys(("disposisi", "parent"), values(known("disposisi"))),
    **dict.fromkeys(("revision", "since"), values(known("revision"))),
    "fingerprint": values(known("fingerprint"), ("0" * 64, "abcdef12", "3f9a")),
    "lease": values(("01a24ec7-0000-7000-8000-000000000000",)),
    "device_id": values(
        ("0190f0c2-7d1e-7000-8000-000000000001", "0190F0C2-7D1E-7000-8000-000000000001"),
        ("0190f0c2-7d1e-7000-8000-00000000000", "0190f0c27d1e700080000000000000001", "{x}"),
    ),
    "series": values(known("series")),
    "unit": values(UNITS),
    **dict.fromkeys(("signer", "to"), JAB),
    "route": ROUTE,
    # numbers and dates
    **dict.fromkeys(("year", "no", "size", "seq", "limit", "port", "page", "jobs", "step"), NUMBER),
    **dict.fromkeys(("today", "date", "on", "tanggal", "diterima"), DATE),
    # words
    **dict.fromkeys(
        (
            *("note", "reason", "hal", "asal", "asal_jabatan", "nomor", "isi_ringkas"),
            *("lampiran", "label", "footer_issuer", "field", "desk", "key", "token", "text"),
            *("derajat", "jenis", "jabatan", "parse"),
        ),
        TEXT_VALUES,
    ),
    "kka": values(("000.8.3.3", "000"), ("999.9.9.9", "000.8.3.3.")),
    "sifat": values(SIFAT),
    "urgensi": values(URGENSI),
    "status": values(STATUSES),
    "instruction": values(DEFAULT_INSTRUCTIONS),
    "level": values(("B-B", "B-T", "B-LT", "B-LTA"), ("b-lt", "B-LTAA", "B")),
    "remote": values(("bsre-simulasi",), ("tidak-ada", "", "../bsre", "bsre-simulasi ")),
    "nik": values(
        ("9971014408670001",), ("123", "", "99710144086700019", "\uff19\uff19\uff17\uff11")
    ),
    "fault": values(("drop", "wrong-passphrase", "slow"), ("", "DROP", "x")),
    "slow_seconds": values(("0", "0.5"), ("-1", "nan", "inf", "1e400", "x")),
    "pattern": values(
        ("{kka}/{seq:3}/{unit}/{bulan_romawi}/{tahun}",), ("{seq:999999}", "{", "}{", "{x}")
    ),
    "profile": Values(st.sampled_from(tuple(available_profiles())), st.one_of(READ, TEXT)),
    **dict.fromkeys(("archive_url", "tsa", "url"), URL),
    "purpose": values(
        ("1.3.6.1.5.5.7.3.4", "1.3.6.1.4.1.311.10.3.12"), ("1.2", "0", "1..2", "2.999.-1")
    ),
    "revocation_freshness": values(
        ("24h", "30m", "2d", "0"), ("-1h", "99999999999d", "1e9h", "h", "24 h", "1.5h")
    ),
    "box": values(
        ("0,0,100,50",), ("100,0,0,50", "1,2,3", "nan,0,1,1", "inf,0,1e400,1", "a,b,c,d", ",,,")
    ),
    "secret_fd": Values(
        st.just(Secret("demo")),
        st.one_of(
            st.sampled_from([Secret(n) for n in ("salah", "kosong", "biner", "panjang")]),
            st.sampled_from(("999999", "4000", "-1", "abc", "", "3.0", "0x3")),
        ),
    ),
    # files read
    **dict.fromkeys(("draft", "input"), reads("konsep", "pdf")),
    "source": reads("org", "org-csv"),
    "file": reads("sertifikat-root", "kka"),
    "templates": reads("templat"),
    "pkcs11": reads("acak"),
    "attachment": reads("pdf-lain"),
    "p12": reads(known("p12"), "p12"),
    **dict.fromkeys(("trust", "crl"), reads(known("cert"), "sertifikat-root")),
    "paths": reads("pdf-bertanda-tangan", "folder-pdf", "pdf"),
    # the archive server's
    "folder": Values(st.sampled_from(outputs("folder", "dalam-folder-hilang")), WRITE),
    "org": reads("org", "org-csv"),
    "database": values(("",), ("postgresql+psycopg://127.0.0.1:9/x", "sqlite://", "mysql://")),
    "name": values(("arsip.local", "127.0.0.1"), ("256.1.1.1", "*.", "-a", "a" * 300)),
    "host": values(("127.0.0.1",), ("256.1.1.1", "::1", "localhost.", "0")),
    "cert": reads("sertifikat-root"),
    "out": Values(st.sampled_from(outputs("folder", "dalam-folder-hilang")), WRITE),
    "backup": reads("folder-kosong", "folder-pdf"),
    # files written
    **dict.fromkeys(("output", "report"), writes("baru.pdf")),
    "target": writes("baru.toml", "baru.csv"),
    "csv": writes("baru.csv"),
    "workspace": Values(st.just(COPY), st.sampled_from(HOSTILE_WORKSPACES)),
}
"""What each argument takes, by its ``dest``."""

COMMAND_ARGUMENTS: dict[tuple[str, str], Values] = {
    ("incoming register", "pdf"): reads("pdf-lain", "pdf"),
    ("track", "pdf"): writes("baru.pdf"),
    ("templates", "jenis"): values(tuple(t.jenis for t in load_all_templates())),
    ("archive serve", "key"): reads("sertifikat-root"),
    # an occupied folder or a file: building a whole demo office (an archive, five desks
    # signed in through a server on a port) is test_demo_office.py's
    ("demo", "office"): reads("folder-pdf", "pdf"),
    ("sync dismiss", "event"): values(
        ("01a24ec7-0000-7000-8000-000000000000",), ("", "x", "01a24ec7")
    ),
    ("pki revoke", "reason"): values(("keyCompromise", "unspecified"), ("removeFromCRL",)),
    ("sign-credential", "profile"): values(("bsre-simulasi",), ("tidak-ada", "", "-x")),
}
"""What an argument takes where its name means something else in this command."""

RARE_FLAGS = {("pki demo-init", "replace")}
"""Flags given in one example of ten: the command then takes seconds (a new key for every
official), and one such run shows as much as many."""

WORKSPACE = Values(
    st.sampled_from((COPY, None)), st.sampled_from((COPY, None, *HOSTILE_WORKSPACES))
)
"""The global ``--workspace`` (``None``: not given, ``TNDE_HOME`` is the copy)."""

COMMAND_WORKSPACES: dict[tuple[str, ...], Values] = {
    ("workspace", "init"): Values(
        WORKSPACE.plausible,
        st.sampled_from(HOSTILE_WORKSPACES),
    ),
    # in an empty folder, tnde demo builds a whole demo (8 s): test_demo.py does that
    ("demo",): Values(
        WORKSPACE.plausible,
        st.sampled_from([p for p in HOSTILE_WORKSPACES if p.name not in FRESH_WORKSPACES]),
    ),
}
"""The ``--workspace`` of commands that must not get every hostile one."""

GLOBAL_OPTIONS = Values(
    st.just(()),
    st.sampled_from([("--lang", "en"), ("-v",), ("--lang", "xx"), ("--lang", "EN"), ("--lang",)]),
)


# -- the commands -------------------------------------------------------------------------------


def leaf_commands(
    parser: argparse.ArgumentParser,
) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every runnable sub-command (``("letter", "new")``…) with its parser."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(p: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found[prefix] = p
        for action in subs:
            for name, child in action.choices.items():
                walk(child, (*prefix, name))

    walk(parser, ())
    return found


COMMANDS = leaf_commands(build_parser())


class NoStrategyError(LookupError):
    """An argument of a command has no strategy in :data:`ARGUMENTS`."""


@dataclass(frozen=True)
class Slot:
    """One argument of a command: how it is written, and what it takes (``None``: a flag)."""

    command: tuple[str, ...]
    action: argparse.Action
    values: Values | None

    @classmethod
    def of(cls, command: tuple[str, ...], action: argparse.Action) -> Slot:
        """The slot of ``action``.

        Raises:
            NoStrategyError: the argument takes values and has no strategy.
        """
        if action.nargs == 0:
            return cls(command, action, None)
        key = (" ".join(command), action.dest)
        found = COMMAND_ARGUMENTS.get(key) or ARGUMENTS.get(action.dest)
        if found is None:
            raise NoStrategyError(
                f"tnde {' '.join(command)}: no strategy for {action.dest!r} "
                f"({'/'.join(action.option_strings) or 'positional'}); add it to ARGUMENTS "
                "(or COMMAND_ARGUMENTS)"
            )
        return cls(command, action, found)

    def draw(self, draw: st.DrawFn, mode: str, given: bool | None = None) -> list[Token]:
        """The words of this argument on a command line (none when it is left out).

        ``given`` forces an option in or out (one of a group that excludes the others).
        """
        action = self.action
        name = st.sampled_from(action.option_strings or [""])
        if given is False:
            return []
        if self.values is None:
            chance = 10 if (" ".join(self.command), action.dest) in RARE_FLAGS else 2
            # 0, the simplest draw, means "not given": the first example is the plainest
            wanted = given or draw(st.integers(0, chance - 1)) == chance - 1
            return [draw(name)] if wanted else []
        low, high = {"?": (0, 1), "*": (0, 3), "+": (1, 3)}.get(str(action.nargs), (1, 1))
        if action.option_strings:
            low = 1 if action.required else 0
            high = 3 if isinstance(action, argparse._AppendAction) else 1
            if mode == "plausible" and not low:  # an option a user would give, mostly
                low = int(given or draw(st.integers(0, 3)) > 0)
        if mode == "hostile" or given:
            low = max(low, 1)
        items = draw(st.lists(self.values.pick(mode), min_size=low, max_size=max(low, high)))
        if not action.option_strings:
            return items
        return [word for item in items for word in (draw(name), item)]


def command_plans(command: tuple[str, ...]) -> st.SearchStrategy[Plan]:
    """Command lines for ``command``, built from its parser.

    Half are hostile anywhere; the other half are what a user would type (one of each group of
    options that exclude each other, most options given) except in one place (an argument,
    the workspace or the global options), so that commands get past their first check and
    show what a refusal deep inside leaves behind.

    Raises:
        NoStrategyError: an argument has no strategy.
    """
    parser = COMMANDS[command]
    actions = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    slots = [Slot.of(command, a) for a in actions]
    groups = parser._mutually_exclusive_groups
    workspace = COMMAND_WORKSPACES.get(command, WORKSPACE)
    places = len([s for s in slots if s.values is not None]) + 2

    @st.composite
    def plans(draw: st.DrawFn) -> Plan:
        # None: hostile anywhere; n: plausible everywhere but in place n
        focus = draw(st.one_of(st.none(), st.integers(0, places - 1)))

        def mode(place: int) -> str:
            if focus is None:
                return "any"
            return "hostile" if place == focus else "plausible"

        given: dict[int, bool | None] = {}  # True: given, False: left out, None: either
        for group in groups if focus is not None else ():
            members = group._group_actions
            if group.required:
                one = draw(st.sampled_from(members))
                given |= {id(a): a is one for a in members}
            else:
                maybe = draw(st.one_of(st.none(), st.sampled_from(members)))
                given |= {id(a): None if a is maybe else False for a in members}
        options = draw(GLOBAL_OPTIONS.pick(mode(0)))
        where = draw(workspace.pick(mode(1)))
        positionals: list[list[Token]] = []
        optionals: list[list[Token]] = []
        place = 2
        for slot in slots:
            here = mode(place) if slot.values is not None else "any"
            words = slot.draw(draw, here, given.get(id(slot.action)))
            place += slot.values is not None
            (optionals if slot.action.option_strings else positionals).append(words)
        flat = [t for words in draw(st.permutations(optionals)) for t in words]
        args = [t for words in positionals for t in words]
        args = args + flat if draw(st.booleans()) else flat + args
        return Plan(command, where, options, tuple(args))

    return plans()
