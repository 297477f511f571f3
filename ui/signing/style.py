"""The signing screens' few extra looks, over :mod:`ui.theme` (keyed on object names)."""

from __future__ import annotations

__all__ = ["SIGNING_QSS"]

SIGNING_QSS = """
QLabel#sign_banner { border-radius: 6px; padding: 8px 12px; font-weight: 600;
                     background: #e3f3e8; color: #1e7d3c; border: 1px solid #bfe3ca; }
QLabel#sign_banner[tone="bad"] { background: #fdecea; color: #b3261e; border-color: #f3c4bf; }
QPushButton#sign_button { background: #1f5fa8; color: #ffffff; border: 1px solid #1a508f;
                          border-radius: 4px; padding: 5px 16px; font-weight: 600; }
QPushButton#sign_button:hover { background: #1a508f; }
QPushButton#sign_button:disabled { background: #a9bfd9; border-color: #a9bfd9; }
QGroupBox { font-weight: 600; color: #3d4a5c; border: 1px solid #dde3ea; border-radius: 6px;
            margin-top: 10px; padding: 10px 8px 6px 8px; background: #ffffff; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QGroupBox QLabel, QGroupBox QComboBox, QGroupBox QLineEdit { font-weight: normal; }
"""
