"""What a batch will do: the input files, their output names, and which can be skipped.

Inputs are files, folders (searched recursively for the formats we read) and glob patterns.
Output names come from the input's path relative to the folder it was found in (the folder
given, the folder part of a glob, or a file's own folder), with every character outside
letters, digits, Han, ``.``, ``-`` and ``_`` replaced and folders joined with ``__``
(``incoming/gd/2024/通知.pdf`` given as ``incoming`` → ``gd__2024__通知.pdf.json``), so nothing
is written outside the output folder and two inputs never share an output (a clash gets ``-2``,
``-3``…). A name depends only on how its input was given, so reruns find their outputs again.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import regex

from ..load.source import is_regular
from .index import BatchIndex, FileResult

SOURCE_SUFFIXES = frozenset(
    {".pdf", ".ofd", ".docx", ".doc", ".wps", ".html", ".htm", ".shtml", ".xhtml", ".txt", ".text"}
    | {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
)
_GLOB = regex.compile(r"[*?\[]")
_UNSAFE = regex.compile(r"[^\p{L}\p{N}\p{Han}._-]+")
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


def collect(inputs: list[str]) -> tuple[list[Source], list[str]]:
    """Every input file, once, in a stable order; and the inputs that matched nothing."""
    found: dict[str, Source] = {}
    unmatched: list[str] = []
    for item in inputs:
        sources = _expand(item)
        if not sources:
            unmatched.append(item)
        for source in sources:
            found.setdefault(os.path.abspath(source.path), source)
    return sorted(found.values(), key=lambda s: str(s.path)), unmatched


def shard(sources: list[Source], part: int, parts: int) -> list[Source]:
    """Share ``part`` (1..parts) of the inputs, chosen by a hash of each input's path below its
    folder: stable across machines and runs, so a CI matrix of ``parts`` jobs covers every
    input exactly once."""

    def share(source: Source) -> int:
        name = os.path.relpath(os.path.abspath(source.path), os.path.abspath(source.root))
        digest = hashlib.sha256(Path(name).as_posix().encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % parts + 1

    return [source for source in sources if share(source) == part]


def _expand(item: str) -> list[Source]:
    path = Path(item)
    if path.is_dir():
        return [
            Source(p, path)
            for p in sorted(path.rglob("*"))
            if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
        ]
    if path.exists() or not _GLOB.search(item):
        return [Source(path, path.parent)]  # a missing file is reported by its job
    static = Path(*[p for p in itertools.takewhile(lambda p: not _GLOB.search(p), path.parts)])
    return [
        Source(Path(p), static)
        for p in sorted(glob.glob(item, recursive=True))
        if Path(p).is_file()
    ]


def output_names(sources: list[Source], suffix: str) -> list[str]:
    """Safe, distinct file names for the outputs (see the module docstring)."""
    names: list[str] = []
    taken: set[str] = set()
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


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    if not is_regular(path):
        return None  # a FIFO or a device is never read to an end: its extraction refuses it
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def plan(
    sources: list[Source], outdir: Path, suffix: str, previous: BatchIndex | None, version: str
) -> tuple[list[Job], list[FileResult]]:
    """Jobs to run, and the results carried over from ``previous`` for inputs that did not
    change (same sha256, same tool version, output still there)."""
    done = {r.input: r for r in previous.files} if previous else {}
    jobs: list[Job] = []
    kept: list[FileResult] = []
    names = output_names(sources, suffix)
    for index, (item, name) in enumerate(zip(sources, names, strict=True)):
        source = item.path
        sha = file_sha256(source)
        old = done.get(str(source))
        if (
            old is not None
            and previous is not None
            and sha is not None
            and old.sha256 == sha
            and previous.tool_version == version
            and old.status != "failed"
            and old.output is not None
            and (outdir / old.output).exists()
        ):
            kept.append(old.model_copy(update={"skipped": True, "seconds": 0.0}))
            continue
        jobs.append(Job(index, source, outdir / name, sha))
    return jobs, kept
