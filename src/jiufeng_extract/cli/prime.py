"""``python -m jiufeng_extract.cli.prime``: every pattern the package declares compiled and
kept for the next processes (``patternstore.py``), whatever ``PYTHONDONTWRITEBYTECODE`` says;
``make dev`` runs it, as it runs ``compileall``. Every module is imported so that each
declares its patterns (a module whose extra is not installed is left out)."""

from __future__ import annotations

import contextlib
import importlib
import pkgutil

from .. import patternstore


def main() -> None:
    package = importlib.import_module("jiufeng_extract")
    for module in pkgutil.walk_packages(package.__path__, "jiufeng_extract."):
        if not module.name.endswith("__main__"):
            with contextlib.suppress(ImportError):
                importlib.import_module(module.name)
    count = patternstore.prime()
    kept = len(patternstore._load())
    print(f"{count} patterns compiled, {kept} kept in {patternstore.store_path()}")


if __name__ == "__main__":
    main()
