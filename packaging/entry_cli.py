"""The command line's entry point in the bundle (``tnde``)."""

import sys

from tnde.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
