"""The ``jiufeng`` command: one module per command over the library; no parsing logic here.
May import anything below it; nothing imports it."""

from .app import app, main

__all__ = ["app", "main"]
