"""The ``jiufeng`` command: one module per command, a thin layer over the library (no parsing
logic here). May import any room below it; nothing in the package imports it.

``jiufeng --version`` is answered here, before typer and the commands are imported (they are
most of a new process's start-up), and a plain ``jiufeng extract`` command line by the quick
path (``quick.py``); everything else goes to the typer application,
``jiufeng_extract.cli.commands.app`` (importing that module registers every command).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        print(f"jiufeng-extract {__version__}")
        return
    if sys.argv[1:2] == ["batch"] and not {"-h", "--help"} & set(sys.argv):
        from ..batch.forkserver import start_early  # it imports while the CLI does

        start_early()
    if sys.argv[1:2] == ["extract"]:
        from .quick import quick_extract

        if quick_extract(sys.argv[2:]):
            return
    from .commands import app

    app()


__all__ = ["main"]
