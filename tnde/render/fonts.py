"""The bundled typefaces, registered with reportlab once per process.

``sans`` is Liberation Sans (metric-compatible with Arial, the correspondence font) and
``serif`` is TeX Gyre Bonum (metric-compatible with Bookman Old Style, the font of
Keputusan and Peraturan). Both are embedded in every PDF: Liberation as a TrueType subset,
Bonum as a Type 1 font, because reportlab cannot embed CFF-flavoured OpenType.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from importlib.resources import as_file

from tnde.errors import RenderError
from tnde.messages import _
from tnde.resources import resource_path


@dataclass(frozen=True)
class FontSet:
    """Registered font names of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


_LOCK = threading.Lock()
_REGISTERED: dict[str, FontSet] = {}
_STACK = contextlib.ExitStack()  # keeps as_file() paths alive for the process lifetime

_SANS_FILES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bold_italic": "LiberationSans-BoldItalic.ttf",
}
_SERIF_FILES = {
    "regular": "texgyrebonum-regular",
    "bold": "texgyrebonum-bold",
    "italic": "texgyrebonum-italic",
    "bold_italic": "texgyrebonum-bolditalic",
}


def font_set(family: str) -> FontSet:
    """Register (once) and return the fonts of ``family`` (``"sans"`` or ``"serif"``)."""
    with _LOCK:
        if family not in _REGISTERED:
            if family == "sans":
                _REGISTERED[family] = _register_sans()
            elif family == "serif":
                _REGISTERED[family] = _register_serif()
            else:
                raise RenderError(_("unknown font family {family!r}", family=family))
        return _REGISTERED[family]


def _path(name: str) -> str:
    return str(_STACK.enter_context(as_file(resource_path("fonts", name))))


def _register_sans() -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {}
    for style, filename in _SANS_FILES.items():
        name = f"TndeSans-{style}"
        try:
            pdfmetrics.registerFont(TTFont(name, _path(filename)))
        except (OSError, ValueError) as exc:
            raise RenderError(
                _("cannot load bundled font {name}: {exc}", name=filename, exc=exc)
            ) from exc
        names[style] = name
    fonts = FontSet(**names)
    _map_family(addMapping, fonts)
    return fonts


def _register_serif() -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    names = {}
    for style, stem in _SERIF_FILES.items():
        try:
            face = pdfmetrics.EmbeddedType1Face(_path(stem + ".afm"), _path(stem + ".pfb"))
        except (OSError, ValueError) as exc:
            raise RenderError(
                _("cannot load bundled font {name}: {exc}", name=stem, exc=exc)
            ) from exc
        pdfmetrics.registerTypeFace(face)
        name = f"TndeSerif-{style}"
        pdfmetrics.registerFont(pdfmetrics.Font(name, face.name, "WinAnsiEncoding"))
        names[style] = name
    fonts = FontSet(**names)
    _map_family(addMapping, fonts)
    return fonts


def _map_family(add_mapping: object, fonts: FontSet) -> None:
    """Let ``<b>`` and ``<i>`` in paragraphs pick the right face of the family."""
    for bold, italic, name in (
        (0, 0, fonts.regular),
        (1, 0, fonts.bold),
        (0, 1, fonts.italic),
        (1, 1, fonts.bold_italic),
    ):
        add_mapping(fonts.regular, bold, italic, name)  # type: ignore[operator]
