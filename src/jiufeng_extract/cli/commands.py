"""The whole ``jiufeng`` application: importing this registers every command on ``app``."""

# Each module registers its commands on import; --help lists them in this order.
# isort: off
from . import extract, text, units, diff, batch, export, schema  # noqa: F401

# isort: on
from .app import app

__all__ = ["app"]
