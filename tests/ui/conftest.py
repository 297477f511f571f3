"""GUI tests run offscreen, in Indonesian, whatever the machine (STYLE.md 30, 35)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "id_ID.UTF-8"
