"""UI language: Indonesian by default whatever the OS says, English on request.

Source strings are English in the code (``self.tr()``, ``QCoreApplication.translate()``).
``resources/translations/tnde_id.ts`` holds their Indonesian translations and is kept
complete by ``tools/translations.py`` (``pyside6-lupdate`` over ``ui/``); the same tool runs
``pyside6-lrelease`` to make the ``.qm`` files the app loads, which are committed so the app
needs no Qt tools at run time. ``qtbase_id.ts`` translates the few strings of Qt's own
widgets we show (line-edit context menus, standard buttons), because the PySide6 wheels carry
no Indonesian translation of Qt.

If a ``.qm`` is missing (a checkout without the build step) and ``pyside6-lrelease`` is
installed, :func:`install_translators` compiles it into a temporary folder first.

The core words its own messages (errors the window shows as they are) through
:mod:`tnde.messages`; :func:`install_translators` sets that language too, so the window and
the core always speak the same one.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from tnde import messages
from tnde.resources import resource_path

log = logging.getLogger(__name__)

__all__ = ["CATALOGUES", "install_translators", "translations_dir"]

CATALOGUES = ("tnde_id", "qtbase_id")
"""The Indonesian catalogues, loaded in this order."""

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """``resources/translations`` (in a checkout, or the installed package data)."""

    return Path(str(resource_path("translations")))


def _qm_for(name: str) -> Path | None:
    folder = translations_dir()
    qm = folder / f"{name}.qm"
    ts = folder / f"{name}.ts"
    if qm.exists():
        return qm
    lrelease = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if not ts.exists() or lrelease is None:
        log.warning("no compiled translation %s and no lrelease to make it", name)
        return None
    out = Path(tempfile.mkdtemp(prefix="tnde-qm-")) / f"{name}.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out)], check=True)
    return out


def install_translators(language: str) -> bool:
    """Load the catalogues for ``language`` (``id`` or ``en``) into the application.

    Replaces what an earlier call installed. English needs no catalogue. Returns whether the
    Indonesian catalogue was loaded (always True for English).
    """
    messages.set_language("id" if language == "id" else "en")
    app = QCoreApplication.instance()
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if language != "id":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    loaded = True
    for name in CATALOGUES:
        qm = _qm_for(name)
        translator = QTranslator(app)
        if qm is None or not translator.load(str(qm)):
            log.warning("cannot load translation %s", name)
            loaded = loaded and name != "tnde_id"
            continue
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    return loaded
