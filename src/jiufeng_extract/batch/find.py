"""The input files of a batch: files, folders (searched recursively) and glob patterns.

Symlinks are followed, each folder at most once (a link back up the tree, or two links into
each other, is a loop and is not walked again), and every file is read once however many paths
lead to it (its real path decides). A glob with ``**`` is matched while walking so, not by
``glob.glob``, which follows loops without end. Folders and globs yield only regular files; a
FIFO or device named on the command line is kept and fails alone in its job.
"""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path

import regex

from .plan import Source

SOURCE_SUFFIXES = frozenset(
    {".pdf", ".ofd", ".docx", ".doc", ".wps", ".html", ".htm", ".shtml", ".xhtml", ".txt", ".text"}
    | {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
)
_GLOB = regex.compile(r"[*?\[]")


def collect(inputs: list[str]) -> tuple[list[Source], list[str]]:
    """Every input file, once, in a stable order; and the inputs that matched nothing."""
    found: dict[str, Source] = {}
    unmatched: list[str] = []
    for item in inputs:
        sources = _expand(item)
        if not sources:
            unmatched.append(item)
        for source in sources:
            found.setdefault(os.path.realpath(source.path), source)
    return sorted(found.values(), key=lambda s: str(s.path)), unmatched


def _expand(item: str) -> list[Source]:
    path = Path(item)
    if path.is_dir():
        return [
            Source(p, path)
            for p in walk(path)
            if p.suffix.lower() in SOURCE_SUFFIXES and os.path.isfile(p)
        ]
    if path.exists() or path.is_symlink() or not _GLOB.search(item):
        return [Source(path, path.parent)]  # a missing or odd file is reported by its job
    static = Path(*itertools.takewhile(lambda p: not _GLOB.search(p), path.parts))
    pattern = path.parts[len(static.parts) :]
    if "**" not in pattern:  # as deep as the pattern: no loop can make it endless
        matches = (Path(p) for p in glob.glob(item))
    else:
        matches = (p for p in walk(static) if _matches(p.relative_to(static).parts, pattern))
    return [Source(p, static) for p in sorted(matches) if os.path.isfile(p)]


def walk(root: Path) -> Iterator[Path]:
    """The files below ``root`` (not folders), symlinks followed, each folder walked once."""
    seen: set[tuple[int, int]] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            subfolders.clear()
            continue
        if (info.st_dev, info.st_ino) in seen:
            subfolders.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders.sort()
        for name in sorted(files):
            yield Path(folder, name)


def _matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """``glob``'s rules on path parts: ``**`` is any number of folders, ``*`` does not match a
    hidden name (``.x``) unless the pattern part starts with a dot."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(
            _matches(parts[skip:], rest)
            for skip in range(len(parts) + 1)
            if not any(p.startswith(".") for p in parts[:skip])
        )
    if not parts or (parts[0].startswith(".") and not head.startswith(".")):
        return False
    return fnmatchcase(parts[0], head) and _matches(parts[1:], rest)
