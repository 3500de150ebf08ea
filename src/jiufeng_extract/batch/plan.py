"""What a batch will do: the input files, their output names, and which can be skipped.

Inputs are files, folders (searched recursively for the formats we read) and glob patterns.
Output names come from the input's path relative to the folder it was found in (the folder
given, the folder part of a glob, or a file's own folder), with every character outside
letters, digits, Han, ``.``, ``-`` and ``_`` replaced and folders joined with ``__``
(``incoming/gd/2024/通知.pdf`` given as ``incoming`` → ``gd__2024__通知.pdf.json``), so nothing
is written outside the output folder and two inputs never share an output (a clash gets ``-2``,
``-3``…), nor one of the batch's own files (``index.json``, ``combined.csv``/``.xlsx``: an input
named ``index`` writes ``index-2.json``). A name depends only on how its input was given, so
reruns find their outputs again.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import regex

from .index import INDEX_NAME, FileResult

_UNSAFE = regex.compile(r"[^\p{L}\p{N}\p{Han}._-]+")
RESERVED = frozenset({INDEX_NAME, "combined.csv", "combined.xlsx"})  # the batch's own files
_MAX_NAME = 180  # bytes stay under the usual 255 even with the suffix and a clash number


@dataclass
class Job:
    index: int
    source: Path
    output: Path  # inside the output folder
    sha256: str | None  # None: the file cannot be read (the worker reports why)


@dataclass(frozen=True)
class Source:
    path: Path
    root: Path  # the folder its output name is relative to


def shard(sources: list[Source], part: int, parts: int) -> list[Source]:
    """Share ``part`` (1..parts) of the inputs, chosen by a hash of each input's path below its
    folder: stable across machines and runs, so a CI matrix of ``parts`` jobs covers every
    input exactly once."""

    def share(source: Source) -> int:
        name = os.path.relpath(os.path.abspath(source.path), os.path.abspath(source.root))
        digest = hashlib.sha256(Path(name).as_posix().encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % parts + 1

    return [source for source in sources if share(source) == part]


def output_names(sources: list[Source], suffix: str) -> list[str]:
    """Safe, distinct file names for the outputs (see the module docstring)."""
    names: list[str] = []
    taken: set[str] = set(RESERVED)
    for source in sources:
        relative = Path(os.path.relpath(os.path.abspath(source.path), os.path.abspath(source.root)))
        parts = [_UNSAFE.sub("_", part).strip("._") or "_" for part in relative.parts]
        stem = "__".join(parts)[:_MAX_NAME]
        name, n = f"{stem}{suffix}", 1
        while name.lower() in taken:  # case-insensitive file systems clash too
            n += 1
            name = f"{stem}-{n}{suffix}"
        taken.add(name.lower())
        names.append(name)
    return names


def input_name(path: Path) -> str:
    """The input as the index names it: its path, bytes that are not UTF-8 written ``\\xff``
    (a name from an old archive), so the index and the reports can always be written."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def file_sha256(path: Path) -> str | None:
    """None when it cannot be read, or is no regular file (a FIFO would block the batch)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def plan(
    sources: list[Source], outdir: Path, suffix: str, done: dict[str, FileResult]
) -> tuple[list[Job], list[FileResult]]:
    """Jobs to run, and the results carried over from ``done`` (the last runs' results of this
    tool version, by input) for inputs that did not change (same sha256, output still there)."""
    jobs: list[Job] = []
    kept: list[FileResult] = []
    names = output_names(sources, suffix)
    for index, (item, name) in enumerate(zip(sources, names, strict=True)):
        source = item.path
        sha = file_sha256(source)
        old = done.get(input_name(source))
        if (
            old is not None
            and sha is not None
            and old.sha256 == sha
            and old.status != "failed"
            and old.output is not None
            and (outdir / old.output).exists()
        ):
            kept.append(old.model_copy(update={"skipped": True, "seconds": 0.0}))
            continue
        jobs.append(Job(index, source, outdir / name, sha))
    return jobs, kept
