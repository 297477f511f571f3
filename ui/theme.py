"""The look: Fusion with a restrained light palette, one accent colour and a short style
sheet for the parts Fusion leaves plain (side bar, cards, chips, empty states)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

__all__ = ["ACCENT", "apply_theme"]

ACCENT = "#1f5fa8"

_QSS = """
QMainWindow, QDialog { background: #f7f9fc; }
QToolBar { background: #ffffff; border: none; border-bottom: 1px solid #dde3ea; spacing: 6px;
           padding: 4px 8px; }
QToolBar QToolButton { padding: 4px 8px; border-radius: 4px; }
QToolBar QToolButton:hover { background: #eef3fa; }
QStatusBar { background: #ffffff; border-top: 1px solid #dde3ea; }
QListView#sidebar { background: #eef2f7; border: none; border-right: 1px solid #dde3ea;
                    padding: 8px 6px; outline: 0; }
QListView#sidebar::item { padding: 6px 8px; border-radius: 6px; margin: 1px 2px; }
QListView#sidebar::item:selected { background: #1f5fa8; color: #ffffff; }
QListView#sidebar::item:hover:!selected { background: #e2e9f3; }
QTableView { background: #ffffff; alternate-background-color: #f7f9fc; border: 1px solid #dde3ea;
             border-radius: 4px; selection-background-color: #d6e4f5; selection-color: #14243a;
             gridline-color: #edf0f4; }
QTreeView { background: #ffffff; alternate-background-color: #f7f9fc; border: 1px solid #dde3ea; }
QHeaderView::section { background: #f1f4f8; border: none; border-bottom: 1px solid #dde3ea;
                       padding: 5px 6px; font-weight: 600; color: #3d4a5c; }
QTabWidget::pane { border: none; }
QTabBar::tab { padding: 6px 14px; }
QLabel#page_title { font-size: 20pt; font-weight: 600; color: #14243a; }
QLabel#detail_title { font-size: 14pt; font-weight: 600; color: #14243a; }
QLabel#muted { color: #6b7686; }
QLabel#empty_state { color: #7a8597; font-size: 11pt; padding: 40px; }
QLabel#field_error { color: #b3261e; }
QLabel[prefilled="true"] { color: #8a5a00; font-style: italic; }
QLabel[unsure="true"] { color: #b3261e; font-weight: 600; text-decoration: underline; }
QLabel#chip { border-radius: 10px; padding: 2px 10px; font-weight: 600; background: #e3ecf8;
              color: #1f5fa8; }
QLabel#chip[tone="done"] { background: #e3f3e8; color: #1e7d3c; }
QLabel#chip[tone="bad"] { background: #fdecea; color: #b3261e; }
QLabel#counters { color: #3d4a5c; padding: 4px 0; }
QToolButton#primary_action { background: #1f5fa8; color: #ffffff; border: none; border-radius: 4px;
                             padding: 5px 12px; font-weight: 600; }
QToolButton#primary_action:hover { background: #1a508f; }
QToolButton#action { background: #ffffff; border: 1px solid #c9d2de; border-radius: 4px;
                     padding: 4px 10px; }
QToolButton#action:hover { background: #eef3fa; }
QPushButton#card { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px;
                   text-align: left; }
QPushButton#card:hover { border-color: #1f5fa8; }
QPushButton#card[alert="true"] { border-color: #e5a3a0; background: #fff6f5; }
QLabel#card_number { font-size: 24pt; font-weight: 600; color: #14243a; background: transparent; }
QPushButton#card[idle="true"] QLabel#card_number { color: #9aa5b4; }
QPushButton#card[alert="true"] QLabel#card_number { color: #b3261e; }
QLabel#card_label { color: #3d4a5c; background: transparent; }
QFrame#drop_zone { border: 2px dashed #a9b8cc; border-radius: 8px; background: #f3f7fc; }
QWidget#pdf_pages { background: #e6e9ee; }
QLabel#pdf_page { border: 1px solid #c9ced6; background: #ffffff; }
QLabel#demo_badge { background: #fff4d6; color: #8a5a00; border-radius: 8px; padding: 1px 8px;
                    font-weight: 600; }
*[invalid="true"] { border: 1px solid #b3261e; }
"""


def apply_theme(app: QApplication) -> None:
    """Fusion, the palette and the style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f7f9fc",
        QPalette.ColorRole.WindowText: "#14243a",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f9fc",
        QPalette.ColorRole.Text: "#14243a",
        QPalette.ColorRole.Button: "#f1f4f8",
        QPalette.ColorRole.ButtonText: "#14243a",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#14243a",
        QPalette.ColorRole.PlaceholderText: "#8a94a3",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a3acb9"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a3acb9"))
    app.setPalette(palette)
    app.setStyleSheet(_QSS)
