"""Render packaging/icons/tnde.svg to the icons the packages use.

    .venv/bin/python packaging/make_icons.py [--out FOLDER]

writes ``tnde.png`` (256 by 256 pixels, the Linux desktop entry) and ``tnde.ico`` (16, 32,
48 and 256 pixels, the Windows executables and installer) beside the SVG, or into FOLDER.
Each size is rendered from the SVG on its own, so the small ones stay sharp. The ICO holds
PNG-compressed images (readable by Windows Vista and later).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "icons"
SVG = ICONS / "tnde.svg"
PNG_SIZE = 256
ICO_SIZES = (16, 32, 48, 256)
_KEEP_ALIVE: list[object] = []  # the Qt application, made once for every rendering


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _KEEP_ALIVE.append(QGuiApplication([sys.argv[0]]))
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"png")
    if not writer.write(image):
        raise SystemExit(f"{svg}: could not encode a {size}px PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding the given square PNG images, keyed by their size in pixels.

    The layout is an ICONDIR (reserved 0, type 1 for icons, the image count), one 16-byte
    ICONDIRENTRY per image (width and height, 0 meaning 256; no palette; one plane; 32 bits
    per pixel; the image's length and offset), then the images themselves.
    """
    header = struct.pack("<HHH", 0, 1, len(images))
    entries = b""
    blobs = b""
    offset = len(header) + 16 * len(images)
    for size, png in sorted(images.items()):
        if not 1 <= size <= 256:
            raise ValueError(f"an icon is 1 to 256 pixels wide, not {size}")
        side = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def make_icons(out: Path, svg: Path = SVG) -> list[Path]:
    """Write ``tnde.png`` and ``tnde.ico`` into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    rendered = {size: render_png(svg, size) for size in sorted({PNG_SIZE, *ICO_SIZES})}
    png = out / "tnde.png"
    png.write_bytes(rendered[PNG_SIZE])
    ico = out / "tnde.ico"
    ico.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    return [png, ico]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for tnde.png, tnde.ico")
    args = parser.parse_args(argv)
    for path in make_icons(args.out):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
