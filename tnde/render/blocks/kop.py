"""The letterhead (kop), drawn on page 1 only."""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from tnde.errors import RenderError
from tnde.messages import _
from tnde.render.blocks.common import Flowables, space
from tnde.render.fonts import FontSet, font_set

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.profiles.model import Kop
    from tnde.render.context import RenderContext

_GAP = 3 * mm
_IMAGE_LOCK = threading.Lock()


#: Print resolution the logo is resampled to: sharp on paper, small in the PDF.
LOGO_DPI = 300


@functools.lru_cache(maxsize=16)
def _image(path: Path, mtime_ns: int, width_mm: float) -> ImageReader:
    from PIL import Image, ImageChops

    try:
        with Image.open(path) as original:
            original.load()
            image = original.convert("RGBA")
        target = round(width_mm / 25.4 * LOGO_DPI)
        if image.width > target:
            height = round(image.height * target / image.width)
            image = image.resize((target, height), Image.Resampling.LANCZOS)
        # Letterheads are printed on white paper: flatten any transparency onto white, and
        # keep one grey channel when the logo has no colour. A large or transparent logo
        # would otherwise be re-compressed, with a soft mask, into every letter.
        flat = Image.new("RGBA", image.size, "white")
        flat.alpha_composite(image)
        rgb = flat.convert("RGB")
        red, green, blue = rgb.split()
        grey = (
            ImageChops.difference(red, green).getbbox() is None
            and ImageChops.difference(green, blue).getbbox() is None
        )
        return ImageReader(rgb.convert("L") if grey else rgb)
    except Exception as exc:
        raise RenderError(_("cannot read logo image {path}: {exc}", path=path, exc=exc)) from exc


def load_logo(path: Path, width_mm: float) -> ImageReader:
    """The logo at ``path`` resampled for ``width_mm`` (cached while the file is unchanged)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise RenderError(
            _("cannot read logo image {path}: {exc}", path=path, exc=exc.strerror)
        ) from exc
    with _IMAGE_LOCK:
        return _image(path, mtime, width_mm)


class KopFlowable(Flowable):  # type: ignore[misc]
    """Logo beside (or above) the centred name lines and address, closed by a rule."""

    def __init__(self, kop: Kop, fonts: FontSet) -> None:
        super().__init__()
        self.kop = kop
        self.fonts = fonts
        self.logo = load_logo(kop.logo, kop.logo_width_mm) if kop.logo else None
        self.logo_w = kop.logo_width_mm * mm
        if self.logo is not None:
            w, h = self.logo.getSize()
            self.logo_h = self.logo_w * h / w
        else:
            self.logo_w = self.logo_h = 0.0

    def _lines(self) -> list[tuple[str, str, float]]:
        """(text, font, size) for every text line, top to bottom."""
        sizes = self.kop.name_sizes or (14.0,)
        out = []
        for i, text in enumerate(self.kop.lines):
            size = sizes[min(i, len(sizes) - 1)]
            bold = i >= self.kop.bold_from
            out.append((text, self.fonts.bold if bold else self.fonts.regular, size))
        out.extend((t, self.fonts.regular, self.kop.address_size) for t in self.kop.address_lines)
        return out

    def _text_height(self) -> float:
        return sum(size * 1.2 for _, _, size in self._lines())

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        text_h = self._text_height()
        if self.kop.logo_position == "top":
            body = self.logo_h + (_GAP if self.logo else 0) + text_h
        else:
            body = max(self.logo_h, text_h)
        self.height = body + (4 * mm if self.kop.rule != "none" else 0)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        top = self.height
        if self.kop.logo_position == "top":
            if self.logo is not None:
                canvas.drawImage(
                    self.logo,
                    (self.width - self.logo_w) / 2,
                    top - self.logo_h,
                    self.logo_w,
                    self.logo_h,
                    mask="auto",
                )
                top -= self.logo_h + _GAP
            left, right = 0.0, self.width
            y = top
        else:
            if self.logo is not None:
                canvas.drawImage(
                    self.logo, 0, top - self.logo_h, self.logo_w, self.logo_h, mask="auto"
                )
            left = self.logo_w + _GAP if self.logo else 0.0
            right = self.width
            # centre the text block vertically against the logo
            y = top - max(0.0, (self.logo_h - self._text_height()) / 2)
        centre = (left + right) / 2
        room = right - left
        for text, font, size in self._lines():
            fitted = size
            while fitted > 6 and stringWidth(text, font, fitted) > room:
                fitted -= 0.25  # shrink an over-long line rather than overflow the margin
            y -= size * 1.2
            canvas.setFont(font, fitted)
            canvas.drawCentredString(centre, y + size * 0.25, text)
        self._draw_rule(canvas)

    def _draw_rule(self, canvas: Any) -> None:
        style = self.kop.rule
        if style == "none":
            return
        y = 2.5 * mm
        if style == "single":
            canvas.setLineWidth(1.5)
            canvas.line(0, y, self.width, y)
        elif style == "double":
            canvas.setLineWidth(0.75)
            canvas.line(0, y + 1.2, self.width, y + 1.2)
            canvas.line(0, y - 1.2, self.width, y - 1.2)
        else:  # thick-thin
            canvas.setLineWidth(2.25)
            canvas.line(0, y + 1.5, self.width, y + 1.5)
            canvas.setLineWidth(0.75)
            canvas.line(0, y - 1.5, self.width, y - 1.5)


def build_kop(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """The kop instansi (default) or kop jabatan (``variant = "jabatan"``)."""
    kop = ctx.profile.kop
    if params.get("variant") == "jabatan" and ctx.profile.kop_jabatan is not None:
        kop = ctx.profile.kop_jabatan
    # The kop is always set in the correspondence face, whatever the document group.
    fonts = font_set(ctx.profile.font_for("korespondensi"))
    return [KopFlowable(kop, fonts), space(ctx, 1)]
