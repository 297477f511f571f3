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
