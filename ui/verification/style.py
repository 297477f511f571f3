"""The verification screens' few extra looks, over :mod:`ui.theme` (keyed on object names)."""

from __future__ import annotations

__all__ = ["VERIFICATION_QSS"]

VERIFICATION_QSS = """
QFrame#drop_zone[active="true"] { border-color: #1f5fa8; background: #e8f0fa; }
QLabel#drop_title { font-size: 13pt; font-weight: 600; color: #14243a; }
QLabel#verify_summary { color: #3d4a5c; padding: 2px 0 4px 0; }
QScrollArea#verify_details { background: #f7f9fc; border: 1px solid #dde3ea; border-radius: 4px; }
QWidget#verify_details_content { background: #f7f9fc; }
QFrame#verify_card { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; }
QFrame#verify_card[tone="bad"] { background: #fff6f5; border-color: #efc2bd; }
QFrame#verify_card QLabel { background: transparent; }
QLabel#card_title { font-weight: 600; color: #14243a; }
QLabel#fact_label { color: #6b7686; }
QPushButton#primary_button { background: #1f5fa8; color: #ffffff; border: 1px solid #1a508f;
                             border-radius: 4px; padding: 5px 14px; font-weight: 600; }
QPushButton#primary_button:hover { background: #1a508f; }
QLabel#demo_badge { background: #fff4d6; color: #8a5a00; border-radius: 8px; padding: 1px 8px;
                    font-weight: 600; }
"""
