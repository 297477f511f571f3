"""The message catalogue: complete, used, consistent; messages follow the language, codes do not.

The catalogue checks read the code the way ``tools/messages.py`` does, so a message added
without its Indonesian text, or an entry left behind when a message changes, fails here.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import logging
import os
import string
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tnde import messages
from tnde.errors import SigningError, WorkflowRefused
from tnde.messages import PoSyntaxError, _, parse_po, set_language
from tnde.signing import Pkcs12Device
from tnde.workflow.events import Event, EventType
from tnde.workflow.rules import check

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "tnde"
CATALOGUE = ROOT / "resources" / "messages" / "id.po"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fields(template: str) -> list[tuple[str, str, str]]:
    """The ``{name!conversion:spec}`` fields of a ``str.format`` template."""
    return sorted(
        {
            (name, conversion or "", spec or "")
            for _text, name, spec, conversion in string.Formatter().parse(template)
            if name is not None
        }
    )


# -- the catalogue is complete and used ---------------------------------------------------------


def test_every_message_of_the_code_has_an_indonesian_text() -> None:
    used = _tool().code_messages()
    entries = {e.msgid: e for e in parse_po(CATALOGUE.read_text("utf-8")) if e.msgid}
    missing = [m for m in used if m not in entries]
    untranslated = [m for m in used if m in entries and not entries[m].msgstr.strip()]
    fuzzy = [m for m in used if m in entries and entries[m].fuzzy]
    assert not missing, f"not in id.po (run tools/messages.py): {missing}"
    assert not untranslated, f"no Indonesian text in id.po: {untranslated}"
    assert not fuzzy, f"marked fuzzy in id.po (review, then drop the flag): {fuzzy}"
    assert len(used) > 600


def test_no_entry_of_the_catalogue_is_unused() -> None:
    used = _tool().code_messages()
    unused = [e.msgid for e in parse_po(CATALOGUE.read_text("utf-8")) if e.msgid not in used]
    assert unused == [""], f"no longer used (run tools/messages.py): {unused[1:]}"


def test_each_translation_keeps_the_placeholders_of_its_message() -> None:
    for entry in parse_po(CATALOGUE.read_text("utf-8")):
        if entry.msgid:
            assert _fields(entry.msgstr) == _fields(entry.msgid), entry.msgid


def test_every_message_is_a_literal() -> None:
    """``_(f"…")`` or ``_(text)`` could never be found in the catalogue."""
    tool = _tool()
    for path in sorted(CORE.rglob("*.py")):
        tool.messages_in(path)  # raises naming the file and line


# -- no raw text where an error is made ---------------------------------------------------------

# (callee, keyword) pairs whose text is not for the user
_NOT_USER_TEXT = {
    ("_store_unavailable", "reason"): "names the keyring backend for the log; the user "
    "sees SecretStoreUnavailable.detail",
}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text("utf-8")) for path in sorted(CORE.rglob("*.py"))}


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """``TndeError`` and every class below it in the core, plus the CLI's ``UsageError``."""
    found = {"TndeError", "UsageError"}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in found
                    and any(_name(base) in found for base in node.bases)
                ):
                    found.add(node.name)
                    grew = True
    return found


def _error_factories(trees: dict[Path, ast.Module], errors: set[str]) -> set[str]:
    """Functions that return an error to raise (``refuse``, ``Table.fail``…)."""
    return {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.returns is not None
        and any(_name(n) in errors for n in ast.walk(node.returns) if isinstance(n, ast.expr))
    }


def _error_parameters(
    function: ast.FunctionDef | ast.AsyncFunctionDef, errors: set[str]
) -> set[str]:
    """Parameters annotated ``type[SomeError]``: calling them makes an error."""
    names = set()
    for arg in [*function.args.args, *function.args.kwonlyargs]:
        note = arg.annotation
        if (
            isinstance(note, ast.Subscript)
            and _name(note.value) == "type"
            and _name(note.slice) in errors
        ):
            names.add(arg.arg)
    return names


def _raw_text(node: ast.expr) -> bool:
    """A sentence written in place: a literal or f-string with a space, or one glued on."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and " " in str(part.value) for part in node.values
        )
    if isinstance(node, ast.BinOp):
        return _raw_text(node.left) or _raw_text(node.right)
    if isinstance(node, ast.IfExp):
        return _raw_text(node.body) or _raw_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _raw_text(node.func.value)
    return False


def test_errors_are_worded_through_the_catalogue() -> None:
    trees = _trees()
    errors = _error_classes(trees)
    makers = errors | _error_factories(trees, errors)
    found = []
    for path, tree in trees.items():
        for function in [tree, *ast.walk(tree)]:
            if not isinstance(function, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            local = (
                _error_parameters(function, errors)
                if not isinstance(function, ast.Module)
                else set()
            )
            for node in ast.walk(function):
                if not isinstance(node, ast.Call) or _name(node.func) not in makers | local:
                    continue
                callee = _name(node.func)
                arguments = [(None, a) for a in node.args]
                arguments += [(k.arg, k.value) for k in node.keywords]
                for keyword, value in arguments:
                    if (callee, keyword) in _NOT_USER_TEXT or not _raw_text(value):
                        continue
                    found.append(f"{path.relative_to(ROOT)}:{value.lineno} {callee}()")
    assert not found, "write these messages as _('…', name=value): " + ", ".join(sorted(set(found)))


# -- the language changes the words, never the codes --------------------------------------------


class _NoAuthority:
    def acts_as(self, nip: str, jabatan_id: str, on: dt.date) -> str | None:
        return None

    def is_registry(self, nip: str, on: dt.date) -> bool:
        return False

    def jabatan_exists(self, jabatan_id: str) -> bool:
        return False

    def unit_exists(self, unit_id: str) -> bool:
        return False


def _refusal() -> WorkflowRefused:
    event = Event(
        event_id="e1",
        letter_id="SRT-1",
        letter_seq=2,
        type=EventType.SUBMITTED,
        actor_nip="199001012015011001",
        device_id="d1",
        base_seq=1,
        revision_hash="",
    )
    with pytest.raises(WorkflowRefused) as caught:
        check(None, event, _NoAuthority(), dt.date(2026, 1, 5))
    return caught.value


def _signing_error(path: Path) -> SigningError:
    path.write_bytes(b"not a certificate file")
    with pytest.raises(SigningError) as caught:
        Pkcs12Device(path).open(bytearray(b"secret"))
    return caught.value


def test_a_workflow_refusal_changes_words_not_rule() -> None:
    indonesian = _refusal()
    set_language("en")
    english = _refusal()
    assert indonesian.rule == english.rule == "WF-UNKNOWN"
    assert indonesian.detail == "surat SRT-1 tidak dikenal"
    assert english.detail == "letter SRT-1 is unknown"
    assert str(indonesian).startswith("WF-UNKNOWN: ")
    assert str(english).startswith("WF-UNKNOWN: ")


def test_a_signing_error_changes_words_not_kind(tmp_path: Path) -> None:
    indonesian = _signing_error(tmp_path / "a.p12")
    set_language("en")
    english = _signing_error(tmp_path / "a.p12")
    assert indonesian.kind == english.kind == SigningError.DEVICE
    assert indonesian.detail == "berkas ini bukan berkas sertifikat PKCS#12 (.p12/.pfx)"
    assert english.detail == "this file is not a PKCS#12 certificate file (.p12/.pfx)"


def test_the_language_comes_from_tnde_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "_active", None)
    monkeypatch.setenv("TNDE_LANG", "en")
    assert messages.language() == "en"
    monkeypatch.setattr(messages, "_active", None)
    monkeypatch.setenv("TNDE_LANG", "fr")
    assert messages.language() == "id"


def test_an_unknown_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        set_language("fr")


def test_a_message_missing_from_the_catalogue_falls_back_to_english_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="tnde.messages")
    text = "a message {what} nobody has translated"
    assert _(text, what="X") == "a message X nobody has translated"
    assert _(text, what="Y") == "a message Y nobody has translated"
    assert len([r for r in caplog.records if text in r.getMessage()]) == 1


# -- the command line ---------------------------------------------------------------------------


def _tnde(*args: str, language: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TNDE_LANG"}
    if language is not None:
        env["TNDE_LANG"] = language
    return subprocess.run(
        [sys.executable, "-m", "tnde", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )


def test_help_is_indonesian_by_default() -> None:
    proc = _tnde("--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("penggunaan: tnde ")
    for words in ("argumen posisi:", "opsi:", "tampilkan bantuan ini lalu keluar"):
        assert words in proc.stdout
    assert "naskah dinas elektronik" in proc.stdout
    assert "usage:" not in proc.stdout
    assert "options:" not in proc.stdout
    assert proc.stderr == ""  # no message fell back to English


def test_help_is_english_with_lang_en() -> None:
    proc = _tnde("--lang", "en", "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: tnde ")
    for words in ("positional arguments:", "options:", "show this help message and exit"):
        assert words in proc.stdout
    assert "tampilkan" not in proc.stdout


def test_tnde_lang_chooses_english_too() -> None:
    proc = _tnde("sign", "--help", language="en")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: tnde sign ")
    assert "PKCS#12 certificate file" in proc.stdout


def test_argparse_errors_follow_the_language() -> None:
    indonesian = _tnde("--lang", "id", "frobnicate")
    english = _tnde("--lang", "en", "frobnicate")
    assert indonesian.returncode == english.returncode == 2
    assert "tnde: galat: argumen command: pilihan tidak sah: 'frobnicate'" in indonesian.stderr
    assert "tnde: error: argument command: invalid choice: 'frobnicate'" in english.stderr


# -- the PO parser ------------------------------------------------------------------------------

_SAMPLE = r"""# a translator's comment
msgid ""
msgstr ""
"Language: id\n"

#: tnde/example.py
msgid ""
"a message that goes on "
"over two lines"
msgstr ""
"pesan yang berlanjut "
"ke baris berikutnya"

msgid "quotes \"here\", a backslash \\ and\na new line"
msgstr "kutip \"di sini\", garis miring \\ dan\nbaris baru"

#, fuzzy
msgid "not reviewed"
msgstr "belum ditinjau"

msgid "not translated"
msgstr ""

#~ msgid "obsolete"
#~ msgstr "usang"
"""


def test_the_po_parser_reads_multi_line_entries_and_escapes() -> None:
    entries = {e.msgid: e for e in parse_po(_SAMPLE)}
    assert entries[""].msgstr == "Language: id\n"
    assert entries["a message that goes on over two lines"].msgstr == (
        "pesan yang berlanjut ke baris berikutnya"
    )
    escaped = entries['quotes "here", a backslash \\ and\na new line']
    assert escaped.msgstr == 'kutip "di sini", garis miring \\ dan\nbaris baru'
    assert entries["not reviewed"].fuzzy
    assert entries["not translated"].msgstr == ""
    assert "obsolete" not in entries


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', 3),
        ('msgid "a"\nmsgctxt "x"\nmsgstr "b"\n', 2),
        ('msgid "a\\q"\nmsgstr "b"\n', 1),
        ('msgid "a"\n', 1),
        ('"stray"\n', 1),
        ('msgid "a" b"\nmsgstr ""\n', 1),
    ],
    ids=["duplicate", "msgctxt", "bad-escape", "no-msgstr", "stray-string", "inner-quote"],
)
def test_the_po_parser_names_the_line_of_a_mistake(text: str, line: int) -> None:
    with pytest.raises(PoSyntaxError) as caught:
        parse_po(text)
    assert caught.value.line == line
