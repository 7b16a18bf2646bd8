"""The built program's entry point for ``liushou`` (the command line, a console program)."""

import sys

from liushou_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
