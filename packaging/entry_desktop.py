"""The desktop app's entry point in the bundle (``tnde-desktop``)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
