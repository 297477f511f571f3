"""The live preview: the draft rendered by the core, shown as page images.

Edits are debounced (:attr:`PreviewPane.debounce_ms`), then one render runs at a time off the
GUI thread through a query op (:class:`ui.workers.QueryOp`): the core's renderer and the rasteriser
(pypdfium2, which is not thread-safe, so it is locked) are not run concurrently. A result that
is older than the newest request is dropped; only the newest text is ever shown.

The pages are raster images from pypdfium2 rather than a ``QPdfView``: PySide6-Essentials
has no QtPdf module, and the core already depends on pypdfium2. The rasteriser renders at
the pane's width times the screen's pixel ratio, so pages stay sharp and cheap.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tnde import render
from tnde.lint import lint
from tnde.pdfium import PDFIUM_LOCK
from ui.workers import QueryOp

if TYPE_CHECKING:
    import datetime as dt

    from tnde.lint import Finding
    from tnde.profiles import Profile
    from tnde.templates import Template

log = logging.getLogger(__name__)

RENDER_SCALE = 1.6
"""Default pixels per PDF point of the page images (A4 is 595 points wide)."""
_A4_POINTS = 595


@dataclass(frozen=True)
class PreviewResult:
    """One render of the draft: page images, the PDF, and the linter's findings."""

    pdf: bytes
    images: tuple[QImage, ...]
    findings: tuple[Finding, ...] = ()
    render_ms: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)


def render_preview(
    template: Template,
    profile: Profile,
    values: dict[str, Any],
    today: dt.date,
    scale: float = RENDER_SCALE,
) -> PreviewResult:
    """Render, rasterise and lint a draft (runs in a worker; touches no widget).

    Args:
        scale: pixels per PDF point of the page images.
    """
    import pypdfium2

    started = time.perf_counter()
    result = render.render_letter(template, profile, values, mode="draft")
    images = []
    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(result.pdf)
        try:
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=scale, prefer_bgrx=True)
                images.append(_to_qimage(bitmap))
                bitmap.close()
                page.close()
        finally:
            document.close()
    findings = tuple(lint(template, profile, values, today=today))
    ms = (time.perf_counter() - started) * 1000
    return PreviewResult(result.pdf, tuple(images), findings, ms)


def _to_qimage(bitmap: Any) -> QImage:
    """Copy a pdfium BGRx bitmap into a QImage that owns its pixels.

    The QImage is allocated by Qt and filled through ``bits()``; it never wraps the Python
    buffer, whose lifetime PySide cannot track across threads (wrapping it crashed at random).
    """
    image = QImage(bitmap.width, bitmap.height, QImage.Format.Format_RGB32)
    target = memoryview(image.bits())  # writable: Qt's own pixel memory
    source = memoryview(bitmap.buffer).cast("B")
    line = image.bytesPerLine()
    if bitmap.stride == line:
        target[: image.sizeInBytes()] = source[: image.sizeInBytes()]
    else:  # row by row when pdfium pads the lines differently
        width = min(line, bitmap.stride)
        for y in range(bitmap.height):
            row = source[y * bitmap.stride : y * bitmap.stride + width]
            target[y * line : y * line + width] = row
    return image


class PreviewPane(QWidget):
    """Page images of the newest render, fitted to the pane's width."""

    sig_preview_rendered = Signal(object)
    """A newer render is on screen (the :class:`PreviewResult`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.debounce_ms = 300
        """How long typing must pause before a render starts."""
        self.generation = 0
        """Number of the newest request; results of older ones are dropped."""
        self.shown_generation = 0
        """Number of the request whose render is on screen."""
        self.dropped = 0
        """Renders thrown away because a newer request came in meanwhile."""
        self.result: PreviewResult | None = None
        self._pending: tuple[int, tuple[Any, ...]] | None = None
        self._op: QueryOp | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

        self.title = QLabel(self.tr("Preview"))
        self.title.setObjectName("panelTitle")
        self.status = QLabel()
        self.status.setObjectName("panelSummary")
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self._page_column = QVBoxLayout(self.pages)
        self._page_column.setContentsMargins(24, 20, 24, 24)
        self._page_column.setSpacing(18)
        self._page_column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("previewScroll")
        self.scroll_area.setWidgetResizable(True)
        # pages are fitted to the width, so a horizontal bar would only flicker in and out
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setAccessibleName(self.tr("Letter preview"))
        self._page_labels: list[QLabel] = []

        head = QHBoxLayout()
        head.setContentsMargins(12, 8, 12, 6)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.scroll_area, 1)

    # -- public API ---------------------------------------------------------------------------

    def request(
        self, template: Template, profile: Profile, values: dict[str, Any], today: dt.date
    ) -> int:
        """Ask for a render of these values after the debounce pause; the request number."""
        self.generation += 1
        # just enough pixels for the pane's width on this screen (HiDPI included)
        pixels = self._page_width() * self.devicePixelRatioF()
        scale = min(3.0, max(1.0, pixels / _A4_POINTS))
        self._pending = (self.generation, (template, profile, dict(values), today, scale))
        self._timer.start(self.debounce_ms)
        self.status.setText(self.tr("Updating…"))
        return self.generation

    @property
    def busy(self) -> bool:
        """Whether a render is waiting or running."""
        return self._pending is not None or self._op is not None

    def page_count(self) -> int:
        """Pages of the letter on screen."""
        return len(self.result.images) if self.result else 0

    # -- slots --------------------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        if self._op is None:  # else the running render starts the newest request when done
            self._start_pending()

    def _on_render_succeeded(self, generation: int, result: PreviewResult) -> None:
        self._op = None
        if generation == self.generation:
            self.result = result
            self.shown_generation = generation
            self._show(result)
            self.sig_preview_rendered.emit(result)
        else:
            self.dropped += 1
            log.debug("dropped stale render %d (newest %d)", generation, self.generation)
        if self._pending is not None and not self._timer.isActive():
            self._start_pending()

    def _on_render_failed(self, generation: int, exc: BaseException) -> None:
        self._op = None
        log.warning("preview render failed: %s", type(exc).__name__, exc_info=exc)
        if generation == self.generation:
            self.status.setText(
                self.tr("The preview could not be made: %1").replace("%1", str(exc))
            )
        if self._pending is not None and not self._timer.isActive():
            self._start_pending()

    # -- Qt overrides -------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.result is not None:
            self._fit_pages()

    # -- helpers ------------------------------------------------------------------------------

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        generation, args = self._pending
        self._pending = None
        self._op = (
            QueryOp(self, lambda: render_preview(*args))
            .success(lambda r: self._on_render_succeeded(generation, r))
            .failure(lambda e: self._on_render_failed(generation, e))
            .run()
        )

    def _show(self, result: PreviewResult) -> None:
        while len(self._page_labels) < len(result.images):
            label = QLabel()
            label.setObjectName("previewPage")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            shadow = QGraphicsDropShadowEffect(label)
            shadow.setBlurRadius(18)
            shadow.setOffset(0, 2)
            shadow.setColor(Qt.GlobalColor.darkGray)
            label.setGraphicsEffect(shadow)
            self._page_column.insertWidget(
                len(self._page_labels), label, 0, Qt.AlignmentFlag.AlignHCenter
            )
            self._page_labels.append(label)
        for i, label in enumerate(self._page_labels):
            label.setVisible(i < len(result.images))
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(i + 1)))
        self._fit_pages()
        pages = self.tr("%n page(s)", "", len(result.images))
        self.status.setText(f"{pages} · {result.render_ms:.0f} ms")

    def _page_width(self) -> int:
        """Width in device-independent pixels a page gets in the pane."""
        margins = self._page_column.contentsMargins()
        room = self.scroll_area.viewport().width() - margins.left() - margins.right() - 4
        return max(240, min(room, 900))

    def _fit_pages(self) -> None:
        if self.result is None:
            return
        width = self._page_width()
        ratio = self.devicePixelRatioF()
        for label, image in zip(self._page_labels, self.result.images, strict=False):
            pixmap = QPixmap.fromImage(image).scaledToWidth(
                int(width * ratio), Qt.TransformationMode.SmoothTransformation
            )
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
