"""The Indonesian catalogue is complete, keeps every placeholder, matches the code, and the
compiled .qm files are current."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"%(?:n|L?\d)")


def _messages(name: str) -> list[ET.Element]:
    return list(ET.parse(FOLDER / name).getroot().iter("message"))


@pytest.mark.parametrize("name", ["tnde_id.ts", "qtbase_id.ts"])
def test_every_message_is_translated(name: str) -> None:
    unfinished = []
    for message in _messages(name):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        texts = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not all(
            t.strip() for t in texts
        ):
            unfinished.append(source)
    assert unfinished == []


@pytest.mark.parametrize("name", ["tnde_id.ts", "qtbase_id.ts"])
def test_translations_keep_the_placeholders(name: str) -> None:
    wrong = []
    for message in _messages(name):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        texts = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        for text in texts:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append((source, text))
    assert wrong == []


def test_catalogue_matches_the_code() -> None:
    tool = ROOT / "tools" / "translations.py"
    result = subprocess.run(
        [sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_compiled_catalogues_are_current(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in sorted(FOLDER.glob("*.ts")):
        out = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(out)], check=True)
        assert out.read_bytes() == ts.with_suffix(".qm").read_bytes(), ts.name


def test_indonesian_is_the_default_and_english_selectable(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import install_translators
    from ui.settings import UiSettings

    assert UiSettings().language == "id"
    install_translators("en")
    assert QCoreApplication.translate("Labels", "Draft") == "Draft"
    install_translators("id")
    assert QCoreApplication.translate("Labels", "Draft") == "Konsep"
    assert QCoreApplication.translate("QLineEdit", "Select All") == "Pilih Semua"
