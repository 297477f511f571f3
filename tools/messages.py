"""Keep ``resources/messages/id.po`` in step with the ``_("…")`` messages of the code.

    python tools/messages.py            # add new messages (empty msgstr), drop unused ones
    python tools/messages.py --check    # list what is missing, untranslated or unused

A message is the string literal passed first to ``_()`` or ``tr()`` (from
:mod:`tnde.messages`) anywhere under ``tnde/``. The catalogue keeps the order of first use and
notes, for each entry, the files that use it (``#:`` lines), so a translator sees where a
sentence appears. Existing translations are never changed by this tool; ``tests/test_messages.py``
fails while an entry has no Indonesian text. ``docs/messages.md`` explains the whole routine.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tnde"
CATALOGUE = ROOT / "resources" / "messages" / "id.po"
MESSAGE_FUNCTIONS = ("_", "tr")

sys.path.insert(0, str(ROOT))
from tnde.messages import PoEntry, parse_po  # noqa: E402 - after the path is set

HEADER = """\
# Indonesian texts of the messages of TNDE Desktop's core and of the tnde command.
#
# msgid is the English source text as written in the code; msgstr is its Indonesian text.
# Keep every {placeholder} of the msgid in the msgstr (the order may change); write {{ and }}
# for a literal brace. docs/messages.md explains how to add or change a message.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: id\\n"
"""


def message_calls(tree: ast.AST) -> list[ast.Call]:
    """Every call of ``_()`` or ``tr()`` in ``tree``."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in MESSAGE_FUNCTIONS
    ]


def messages_in(path: Path) -> list[tuple[str, int]]:
    """The message ids used in one file with their line numbers, in file order.

    Raises:
        ValueError: a call whose first argument is not a string literal (an f-string, a
            variable): its text could not be found in the catalogue.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for call in message_calls(tree):
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            raise ValueError(
                f"{path}:{call.lineno}: the message must be a plain string literal, "
                "with its values passed as keyword parameters"
            )
        found.append((first.value, call.lineno))
    return sorted(found, key=lambda item: item[1])


def code_messages(root: Path = SOURCES) -> dict[str, list[str]]:
    """Every message id under ``root`` → the files using it, in order of first use."""
    used: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for msgid, _line in messages_in(path):
            files = used.setdefault(msgid, [])
            if where not in files:
                files.append(where)
    return used


def quote(text: str) -> str:
    """``text`` as one PO string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render(used: dict[str, list[str]], known: dict[str, PoEntry]) -> str:
    """The whole catalogue: header, then one entry per used message."""
    parts = [HEADER]
    for msgid, files in used.items():
        entry = known.get(msgid)
        lines = [f"#: {' '.join(files)}"]
        if entry is not None and entry.flags:
            lines.append(f"#, {', '.join(sorted(entry.flags))}")
        lines.append(f"msgid {quote(msgid)}")
        lines.append(f"msgstr {quote(entry.msgstr if entry else '')}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report only; change nothing")
    args = parser.parse_args(argv)

    used = code_messages()
    known = {e.msgid: e for e in parse_po(CATALOGUE.read_text(encoding="utf-8")) if e.msgid}
    missing = [m for m in used if m not in known]
    untranslated = [m for m in used if m in known and not known[m].msgstr]
    unused = [m for m in known if m not in used]
    if args.check:
        for title, items in (
            ("not in the catalogue", missing),
            ("without Indonesian text", untranslated),
            ("no longer used", unused),
        ):
            for msgid in items:
                print(f"{title}: {msgid!r}")  # noqa: T201 - a command-line tool
        return 1 if missing or untranslated or unused else 0
    CATALOGUE.write_text(render(used, known), encoding="utf-8")
    print(  # noqa: T201 - a command-line tool
        f"{CATALOGUE.relative_to(ROOT)}: {len(used)} messages, {len(missing)} added, "
        f"{len(unused)} dropped, {len(untranslated) + len(missing)} to translate"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
