"""``python -m tnde`` runs the command line."""

from __future__ import annotations

import sys

from tnde.cli.main import main

sys.exit(main())
