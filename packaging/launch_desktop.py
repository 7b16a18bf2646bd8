"""The built program's entry point for ``liushou-desktop`` (the window; ``--self-test OUTDIR``)."""

import sys

from liushou_desktop.__main__ import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
