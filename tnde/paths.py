"""Where TNDE Desktop keeps its files. Every path the core uses comes from here.

``TNDE_HOME`` overrides the platform folders, for development and tests.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "TNDE Desktop"
"""The application name platformdirs files our folders under."""


def default_workspace_path() -> Path:
    """The workspace folder used when none is given.

    ``$TNDE_HOME`` when set (and not empty), else ``<user data dir>/TNDE Desktop/workspace``.
    """
    home = os.environ.get("TNDE_HOME", "")
    if home:
        return Path(home)
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workspace"


def demo_workspace_path() -> Path:
    """The demo workspace's folder: ``$TNDE_HOME`` when set, else
    ``<user data dir>/TNDE Desktop/demo`` (apart from a real workspace, so trying the demo
    never takes the place of the office's)."""
    home = os.environ.get("TNDE_HOME", "")
    if home:
        return Path(home)
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "demo"


def demo_office_path() -> Path:
    """Where the desktop app keeps its demo office (an archive and a desk per official)."""
    home = os.environ.get("TNDE_HOME", "")
    base = Path(home).parent / f"{Path(home).name}-kantor" if home else None
    return base or Path(user_data_dir(APP_NAME, appauthor=False)) / "kantor-demo"
