"""A PDF preview: the pages as images, one under the other, with zoom.

PySide6-Essentials 6.12 carries no QtPdf bindings (``PySide6.QtPdf`` and ``QtPdfWidgets``
ship in PySide6-Addons only, with some 500 MB we do not use), so the pages are rendered with
pypdfium2 (already a dependency, imported only when a preview is first shown) into
``QImage``s on a worker thread. PDFium is not thread-safe: one lock serialises renders.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tnde.pdfium import PDFIUM_LOCK
from ui.icons import icon
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)

__all__ = ["PdfPreview", "render_pages"]

MAX_PAGES = 20
"""Pages rendered in the preview; longer documents say how many more there are."""


def render_pages(pdf: bytes, width_px: int, max_pages: int = MAX_PAGES) -> tuple[list[QImage], int]:
    """The first ``max_pages`` pages of ``pdf`` as images ``width_px`` wide, and the page count.

    Safe to call on a worker thread.
    """
    import pypdfium2

    images = []
    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            count = len(document)
            for n in range(min(count, max_pages)):
                page = document[n]
                scale = width_px / page.get_width()
                bitmap = page.render(scale=scale)
                pil = bitmap.to_pil().convert("RGBA")
                bitmap.close()  # under the lock, not by a finaliser on some other thread
                data = pil.tobytes()
                image = QImage(
                    data, pil.width, pil.height, pil.width * 4, QImage.Format.Format_RGBA8888
                )
                images.append(image.copy())  # own the pixels: ``data`` goes away
                page.close()
        finally:
            document.close()
    return images, count


class PdfPreview(QWidget):
    """Shows a PDF (bytes, or a callable returning them on a worker thread)."""

    sig_rendered = Signal(int)
    """The pages are on screen (the document's page count: int)."""

    _ZOOMS = (0.0, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
    """Zoom steps; 0 fits the page to the pane's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: Callable[[], bytes | None] | None = None
        self._zoom_index = 0
        self.empty_text = self.tr("This letter has no PDF yet.")
        """Shown when the source returns no PDF."""
        self._generation = 0
        self.page_count = 0

        self._pages = QWidget()
        self._pages.setObjectName("pdf_pages")
        self._pages_layout = QVBoxLayout(self._pages)
        self._pages_layout.setContentsMargins(16, 16, 16, 16)
        self._pages_layout.setSpacing(12)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.scroller = QScrollArea()
        self.scroller.setWidget(self._pages)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setObjectName("pdf_scroll")
        self.scroller.setAccessibleName(self.tr("Document preview"))

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("empty_state")
        self.message.setWordWrap(True)

        self.zoom_out = QToolButton()
        self.zoom_out.setIcon(icon("zoom-out"))
        self.zoom_out.setToolTip(self.tr("Zoom out"))
        self.zoom_out.setAccessibleName(self.tr("Zoom out"))
        self.zoom_in = QToolButton()
        self.zoom_in.setIcon(icon("zoom-in"))
        self.zoom_in.setToolTip(self.tr("Zoom in"))
        self.zoom_in.setAccessibleName(self.tr("Zoom in"))
        self.zoom_label = QLabel(self.tr("Fit"))
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label = QLabel()
        self.page_label.setObjectName("muted")
        self.zoom_out.clicked.connect(lambda: self._on_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self._on_zoom(1))

        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(250)
        self._resize_timer.timeout.connect(self._render)

        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.message, 1)
        self.show_message(self.tr("No document to show."))

    # -- public API ---------------------------------------------------------------------------

    def show_pdf(self, source: Callable[[], bytes | None]) -> None:
        """Render the PDF that ``source()`` returns (called on a worker thread)."""
        self._source = source
        self._render()

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of pages."""
        self._generation += 1
        self._source = None
        self.page_count = 0
        self._clear()
        self.scroller.hide()
        self.message.setText(text)
        self.message.show()
        self.page_label.clear()

    # -- slots --------------------------------------------------------------------------------

    def _on_zoom(self, step: int) -> None:
        self._zoom_index = max(0, min(len(self._ZOOMS) - 1, self._zoom_index + step))
        zoom = self._ZOOMS[self._zoom_index]
        self.zoom_label.setText(f"{round(zoom * 100)}%" if zoom else self.tr("Fit"))
        if self._source is not None:
            self._render()

    def _on_rendered(self, generation: int, result: tuple[list[QImage], int] | None) -> None:
        if generation != self._generation:
            return
        if result is None:
            self.show_message(self.empty_text)
            return
        images, count = result
        self._clear()
        for image in images:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setObjectName("pdf_page")
            self._pages_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        if count > len(images):
            more = QLabel(self.tr("%n more page(s) not shown.", "", count - len(images)))
            more.setObjectName("muted")
            self._pages_layout.addWidget(more, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page_count = count
        self.page_label.setText(self.tr("%n page(s)", "", count))
        self.message.hide()
        self.scroller.show()
        self.sig_rendered.emit(count)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("preview failed: %s", type(exc).__name__)
        self.show_message(self.tr("The document cannot be shown."))

    # -- helpers ------------------------------------------------------------------------------

    def _render(self) -> None:
        source = self._source
        if source is None:
            return
        self._generation += 1
        generation = self._generation
        zoom = self._ZOOMS[self._zoom_index]
        fit = max(300, self.scroller.viewport().width() - 40)
        width = int((595 * zoom if zoom else fit) * self.devicePixelRatioF())
        ratio = self.devicePixelRatioF()

        def work() -> tuple[list[QImage], int] | None:
            pdf = source()
            if not pdf:
                return None
            images, count = render_pages(pdf, width)
            for image in images:
                image.setDevicePixelRatio(ratio)
            return images, count

        self.message.setText(self.tr("Loading preview…"))
        QueryOp(self, work).success(lambda r: self._on_rendered(generation, r)).failure(
            lambda e: self._on_failed(generation, e)
        ).run()

    def _clear(self) -> None:
        while self._pages_layout.count():
            item = self._pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._ZOOMS[self._zoom_index] == 0 and self._source is not None:
            self._resize_timer.start()

    def sizeHint(self) -> Any:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(640)
        return hint
