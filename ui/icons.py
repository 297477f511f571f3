"""Every icon of the app, through one helper.

The icons are simple line drawings on a 24-unit grid in the style of the Lucide set (ISC
licence), kept here as SVG bodies so they need no files and take the palette's colours: the
normal pixmap uses the text colour, the selected one the highlighted-text colour, the
disabled one a grey. They are drawn at each size asked for, so they stay sharp on high-DPI
screens.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

__all__ = ["ICONS", "icon"]

ICONS: dict[str, str] = {
    "dashboard": '<rect width="7" height="9" x="3" y="3" rx="1"/><rect width="7" height="5" '
    'x="14" y="3" rx="1"/><rect width="7" height="9" x="14" y="12" rx="1"/><rect width="7" '
    'height="5" x="3" y="16" rx="1"/>',
    "draft": '<path d="M12.5 22H18a2 2 0 0 0 2-2V7l-5-5H6a2 2 0 0 0-2 2v9.5"/><path d="M14 2v4a2 '
    '2 0 0 0 2 2h4"/><path d="M13.4 15.6a1 1 0 1 0-3-3l-5 5a2 2 0 0 0-.5.9l-.8 2.8a.5.5 0 0 0 '
    '.6.6l2.8-.8a2 2 0 0 0 .9-.5z"/>',
    "review": '<path d="M15 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7Z"/><path '
    'd="M14 2v4a2 2 0 0 0 2 2h4"/><path d="m9 15 2 2 4-4"/>',
    "sign": '<path d="M12 20h9"/><path d="M16.4 3.6a1 1 0 0 1 3 3L7.4 18.6a2 2 0 0 1-.9.5l-2.8.8'
    'a.5.5 0 0 1-.6-.6l.8-2.8a2 2 0 0 1 .5-.9z"/>',
    "stamp": '<path d="M5 22h14"/><path d="M19.3 13.7A2.5 2.5 0 0 0 17.5 13h-11A2.5 2.5 0 0 0 4 '
    '15.5V17a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-1.5c0-.7-.3-1.3-.7-1.8Z"/><path d="M14 13V8.5C14 7 '
    '15 7 15 5a3 3 0 0 0-3-3c-1.7 0-3 1-3 3s1 2 1 3.5V13"/>',
    "send": '<path d="m22 2-7 20-4-9-9-4Z"/><path d="M22 2 11 13"/>',
    "inbox": '<polyline points="22 12 16 12 14 15 10 15 8 12 2 12"/><path d="M5.5 5.1 2 12v6a2 2 '
    '0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z"/>',
    "disposition": '<line x1="6" x2="6" y1="3" y2="15"/><circle cx="18" cy="6" r="3"/><circle '
    'cx="6" cy="18" r="3"/><path d="M18 9a9 9 0 0 1-9 9"/>',
    "copy": '<rect width="14" height="14" x="8" y="8" rx="2"/><path d="M4 16c-1.1 0-2-.9-2-2V4c0'
    '-1.1.9-2 2-2h10c1.1 0 2 .9 2 2"/>',
    "verify": '<path d="M20 13c0 5-3.5 7.5-7.7 9a1 1 0 0 1-.7 0C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-'
    '1c2 0 4.5-1.2 6.2-2.7a1.2 1.2 0 0 1 1.5 0C14.5 3.8 17 5 19 5a1 1 0 0 1 1 1z"/><path '
    'd="m9 12 2 2 4-4"/>',
    "archive": '<rect width="20" height="5" x="2" y="3" rx="1"/><path d="M4 8v11a2 2 0 0 0 2 2h12'
    'a2 2 0 0 0 2-2V8"/><path d="M10 12h4"/>',
    "cloud": '<path d="M17.5 19H9a7 7 0 1 1 6.7-9h1.8a4.5 4.5 0 1 1 0 9Z"/>',
    "cloud-off": '<path d="m2 2 20 20"/><path d="M5.8 5.8A7 7 0 0 0 9 19h8.5a4.5 4.5 0 0 0 '
    '1.3-.2"/><path d="M21.5 14.8A4.5 4.5 0 0 0 17.5 10h-1.8A7 7 0 0 0 9.7 5.1"/>',
    "upload": '<path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4"/><polyline points="17 8 12 3 '
    '7 8"/><line x1="12" x2="12" y1="3" y2="15"/>',
    "templates": '<path d="M2 3h6a4 4 0 0 1 4 4v14a3 3 0 0 0-3-3H2z"/><path d="M22 3h-6a4 4 0 0 '
    '0-4 4v14a3 3 0 0 1 3-3h7z"/>',
    "new": '<path d="M15 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7Z"/><path d="M14 '
    '2v4a2 2 0 0 0 2 2h4"/><path d="M9 15h6"/><path d="M12 18v-6"/>',
    "refresh": '<path d="M3 12a9 9 0 0 1 9-9 9.75 9.75 0 0 1 6.7 2.7L21 8"/><path d="M21 3v5h-5"/>'
    '<path d="M21 12a9 9 0 0 1-9 9 9.75 9.75 0 0 1-6.7-2.7L3 16"/><path d="M8 16H3v5"/>',
    "settings": '<path d="M20 7h-9"/><path d="M14 17H5"/><circle cx="17" cy="17" r="3"/><circle '
    'cx="7" cy="7" r="3"/>',
    "user": '<circle cx="12" cy="8" r="5"/><path d="M20 21a8 8 0 0 0-16 0"/>',
    "approve": '<path d="M20 6 9 17l-5-5"/>',
    "return": '<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>',
    "reject": '<circle cx="12" cy="12" r="10"/><path d="m15 9-6 6"/><path d="m9 9 6 6"/>',
    "number": '<line x1="4" x2="20" y1="9" y2="9"/><line x1="4" x2="20" y1="15" y2="15"/><line '
    'x1="10" x2="8" y1="3" y2="21"/><line x1="16" x2="14" y1="3" y2="21"/>',
    "search": '<circle cx="11" cy="11" r="8"/><path d="m21 21-4.3-4.3"/>',
    "filter": '<polygon points="22 3 2 3 10 12.5 10 19 14 21 14 12.5 22 3"/>',
    "export": '<path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4"/><polyline points="7 10 12 15 '
    '17 10"/><line x1="12" x2="12" y1="15" y2="3"/>',
    "clock": '<circle cx="12" cy="12" r="10"/><polyline points="12 6 12 12 16 14"/>',
    "register": '<path d="M4 22h14a2 2 0 0 0 2-2V7l-5-5H6a2 2 0 0 0-2 2v4"/><path d="M14 2v4a2 2 '
    '0 0 0 2 2h4"/><path d="M2 15h10"/><path d="m9 18 3-3-3-3"/>',
    "complete": '<path d="M22 11.1V12a10 10 0 1 1-5.9-9.1"/><path d="m9 11 3 3L22 4"/>',
    "progress": '<path d="M22 12h-4l-3 9L9 3l-3 9H2"/>',
    "cancel": '<circle cx="12" cy="12" r="10"/><path d="m4.9 4.9 14.2 14.2"/>',
    "read": '<path d="M2 12s3-7 10-7 10 7 10 7-3 7-10 7-10-7-10-7Z"/><circle cx="12" cy="12" '
    'r="3"/>',
    "forward": '<polyline points="15 14 20 9 15 4"/><path d="M4 20v-7a4 4 0 0 1 4-4h12"/>',
    "zoom-in": '<circle cx="11" cy="11" r="8"/><line x1="21" x2="16.7" y1="21" y2="16.7"/><line '
    'x1="11" x2="11" y1="8" y2="14"/><line x1="8" x2="14" y1="11" y2="11"/>',
    "zoom-out": '<circle cx="11" cy="11" r="8"/><line x1="21" x2="16.7" y1="21" y2="16.7"/><line '
    'x1="8" x2="14" y1="11" y2="11"/>',
    "document": '<path d="M15 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7Z"/><path '
    'd="M14 2v4a2 2 0 0 0 2 2h4"/><path d="M10 9H8"/><path d="M16 13H8"/><path d="M16 17H8"/>',
    "folder": '<path d="M20 20a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-7.9a2 2 0 0 1-1.7-.9L9.6 3.9A2 2 0 '
    '0 0 7.9 3H4a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2Z"/>',
    "alert": '<path d="m21.7 18-8-14a2 2 0 0 0-3.5 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.7-3"/>'
    '<path d="M12 9v4"/><path d="M12 17h.01"/>',
}
"""Icon name → the SVG body (stroke drawing on a 24 by 24 grid)."""

_NORMAL = "#3d4a5c"
_ACCENT = "#1f5fa8"
_DISABLED = "#a3acb9"
_SELECTED = "#ffffff"


def _svg(name: str, color: str) -> QByteArray:
    body = ICONS[name]
    return QByteArray(
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" '
            f'fill="none" stroke="{color}" stroke-width="1.8" stroke-linecap="round" '
            f'stroke-linejoin="round">{body}</svg>'
        ).encode()
    )


class _SvgIconEngine(QIconEngine):
    """Draws the icon at whatever size and device pixel ratio is asked for."""

    def __init__(self, name: str, color: str) -> None:
        super().__init__()
        self._name = name
        self._color = color

    def _color_for(self, mode: QIcon.Mode) -> str:
        if mode is QIcon.Mode.Disabled:
            return _DISABLED
        if mode is QIcon.Mode.Selected:
            return _SELECTED
        return self._color

    def paint(self, painter: QPainter, rect: object, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = QSvgRenderer(_svg(self._name, self._color_for(mode)))
        renderer.render(painter, QRectF(rect))  # type: ignore[call-overload]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pix = QPixmap(size)
        pix.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer = QSvgRenderer(_svg(self._name, self._color_for(mode)))
        renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return pix

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._name, self._color)


@cache
def icon(name: str, *, accent: bool = False, light: bool = False) -> QIcon:
    """The icon called ``name`` (a key of :data:`ICONS`); ``accent`` draws it in the accent
    colour, ``light`` in white (on the accent-coloured primary buttons). Unknown names give
    an empty icon and a log line."""
    if name not in ICONS:
        log.warning("no icon called %r", name)
        return QIcon()
    color = _SELECTED if light else _ACCENT if accent else _NORMAL
    return QIcon(_SvgIconEngine(name, color))
