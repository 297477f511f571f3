"""Words the Indonesian interface uses the same way everywhere.

A key file's secret is a *frasa sandi* in Indonesian (the English "passphrase" showed through in
the signing dialogs and the command line); *kata sandi* stays for the archive sign-in password.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_ENGLISH = re.compile(r"pass\s*phrase", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b[A-Z_]*PASSPHRASE[A-Z_]*\b|\{passphrase[^}]*\}")


def _po_messages(path: Path) -> dict[str, str]:
    found = {}
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.MULTILINE)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', entry, re.MULTILINE)
        if msgid and msgstr:

            def text(block: str) -> str:
                return "".join(json.loads(p) for p in re.findall(r'"(?:[^"\\]|\\.)*"', block))

            found[text(msgid.group(1))] = text(msgstr.group(1))
    return found


def _english_left(text: str) -> bool:
    return bool(_ENGLISH.search(_IDENTIFIER.sub("", text)))


def test_the_core_messages_say_frasa_sandi() -> None:
    messages = _po_messages(ROOT / "resources" / "messages" / "id.po")
    assert len(messages) > 100
    assert [k for k, v in messages.items() if _english_left(v)] == []
    about_keys = [v for k, v in messages.items() if re.search(r"\bpassphrase\b", k, re.I)]
    assert about_keys
    assert all("frasa sandi" in v.lower() for v in about_keys if not _IDENTIFIER.search(v)), (
        about_keys
    )


def test_the_window_says_frasa_sandi() -> None:
    root = ET.parse(ROOT / "resources" / "translations" / "tnde_id.ts").getroot()
    left = []
    for message in root.iter("message"):
        translation = message.find("translation")
        texts = [] if translation is None else [translation.text or ""]
        texts += [f.text or "" for f in message.iter("numerusform")]
        if any(_english_left(t) for t in texts):
            left.append(message.findtext("source"))
    assert left == []
