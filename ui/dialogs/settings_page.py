"""The base of every page of the settings dialog.

It lives apart from the dialog because the pages live with their screens (``ui.signing``,
``ui.verification``) and the dialog imports them: the pages import only this base.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

__all__ = ["SettingsPage"]


class SettingsPage(QWidget):
    """One page of the settings dialog."""

    def title(self) -> str:
        """The tab's title."""
        raise NotImplementedError

    def has_content(self) -> bool:
        """Whether the page has anything to show (hidden otherwise)."""
        return True

    def validate(self) -> bool:
        """Check the page's input before any page saves (OK was pressed).

        Show what is wrong inline and return False to keep the dialog open on this page.
        """
        return True

    def apply(self) -> None:
        """Save what the page changed (OK was pressed and every page is valid)."""
