"""Compiled regular expressions kept from one process to the next, as Python keeps bytecode.

The ``regex`` module parses and compiles a pattern in Python: the patterns a text circular
needs take a new process longer than reading the whole circular. A compiled pattern pickles
to what its C engine runs (``regex``'s own pickling: ``regex._regex.compile`` of the compiled
code, no parsing), so the patterns a process compiled are written, when it ends, to a file
beside this module's bytecode (in ``__pycache__``, or under ``sys.pycache_prefix``) and read by
the next process. The file is named by the ``regex`` version and holds each pattern under its
source and flags: a changed pattern, or another ``regex``, is compiled afresh. Reading it
calls nothing but ``regex._regex.compile``; a file that cannot be read or is damaged is
ignored, and a folder that cannot be written (or ``PYTHONDONTWRITEBYTECODE``) means no file.

``python -m jiufeng_extract.cli.prime`` (run by ``make dev``, as ``compileall`` would be)
compiles every pattern the package declares with ``patterns.on_first_use`` and writes them,
whatever ``PYTHONDONTWRITEBYTECODE`` says.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, AnyStr

import regex

_Key = tuple[str | bytes, int]
_store: dict[_Key, Any] | None = None  # (source, flags) → compiled pattern
_added = False  # compiled here, not read from the file
_declared: set[_Key] = set()  # what ``patterns.on_first_use`` was given


def compile(source: AnyStr, flags: int = 0) -> regex.Pattern[AnyStr]:
    """``regex.compile(source, flags)``, from the file when an earlier process compiled it."""
    global _added
    store = _load()
    key = (source, int(flags))
    found: regex.Pattern[AnyStr] | None = store.get(key)
    if found is None:
        found = regex.compile(source, flags)
        store[key] = found
        if not _added and not sys.dont_write_bytecode:
            _added = True
            atexit.register(_save)
    return found


def declare(source: str, flags: int = 0) -> None:
    """A pattern the package will compile when it is first used: ``prime`` compiles it."""
    _declared.add((source, int(flags)))


def prime() -> int:
    """Compile every declared pattern not kept yet and write the file; how many were new."""
    store = _load()
    new = [(source, flags) for source, flags in _declared if (source, flags) not in store]
    for source, flags in new:
        store[(source, flags)] = regex.compile(source, flags)
    _save()
    return len(new)


def store_path() -> Path | None:
    """Where the compiled patterns are kept, or None where Python keeps no bytecode."""
    from importlib.util import cache_from_source

    try:
        bytecode = Path(cache_from_source(__file__))
    except NotImplementedError:  # no cache tag: this Python writes no bytecode either
        return None
    return bytecode.with_name(f"patterns.regex-{regex.__version__}.pickle")


class _CompiledOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def _load() -> dict[_Key, Any]:
    global _store
    if _store is None:
        _store = _read()
    return _store


def _read() -> dict[_Key, Any]:
    path = store_path()
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            data = _CompiledOnly(handle).load()
    except FileNotFoundError:
        return {}
    except Exception:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: pattern
        for key, pattern in data.items()
        if isinstance(key, tuple)
        and len(key) == 2
        and isinstance(pattern, regex.Pattern)
        and pattern.pattern == key[0]
    }


def _save() -> None:
    path = store_path()
    if path is None or _store is None:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        known = _read()  # what another process wrote meanwhile is kept too
        temporary.write_bytes(pickle.dumps({**known, **_store}, pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
