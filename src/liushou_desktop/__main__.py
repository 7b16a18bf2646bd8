"""Entry points: ``liushou-desktop`` (the GUI) and ``liushou`` (the command line).

``python -m liushou_desktop`` starts the GUI, or the command line when a command is given.
"""

from __future__ import annotations

import sys


def cli_main(argv: list[str] | None = None) -> int:
    from .cli.main import main

    return main(argv)


def gui_main(argv: list[str] | None = None) -> int:
    from .app import main

    return main(argv)


def _dispatch() -> int:
    from .cli.main import COMMANDS

    args = sys.argv[1:]
    if args and args[0] in COMMANDS:
        return cli_main(args)
    return gui_main(args)


if __name__ == "__main__":
    sys.exit(_dispatch())
