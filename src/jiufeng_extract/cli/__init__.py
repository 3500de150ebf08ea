"""The ``jiufeng`` command: one module per command, a thin layer over the library (no parsing
logic here). May import any room below it; nothing in the package imports it."""

# Each module registers its commands on import; --help lists them in this order.
# isort: off
from . import extract, text, units, diff, batch, export, schema  # noqa: F401

# isort: on
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
