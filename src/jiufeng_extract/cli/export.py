"""``jiufeng export``: outputs already written (batch folders, extracted JSON/YAML) into one
SQLite database across circulars; ``jiufeng batch --db`` does the same after a batch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import AliasesOpt, DebugOpt, app, run, stderr

if TYPE_CHECKING:
    from ..model import Circular
    from ..options import ExtractOptions

DbOpt = Annotated[
    Path,
    typer.Option(
        "--db",
        help="SQLite database to create or update (one row per circular, keyed by sha256).",
        metavar="FILE",
        show_default=False,
    ),
]


@app.command()
def export(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Batch output folders (their index.json) or JSON/YAML files from extract.",
            metavar="OUTDIR|FILE...",
            show_default=False,
        ),
    ],
    db: DbOpt,
    aliases: AliasesOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Put extracted circulars into one SQLite database, for SQL across many circulars.

    A rerun adds what is new and replaces what changed; the rest is left alone. Several
    folders (the shards of a CI matrix) merge into one database.

    Examples:

    $ jiufeng batch samples -o out && jiufeng export out --db circulars.sqlite

    $ sqlite3 circulars.sqlite "SELECT unit, title, due FROM unit_duties WHERE role = 'lead'"
    """
    from ..options import ExtractOptions

    def body() -> None:
        options = ExtractOptions.build(aliases=tuple(aliases or ()))
        write_database(db, extracted(sources, options), options)

    run(body, debug)


def write_database(db: Path, circulars: Iterator[Circular], options: ExtractOptions) -> None:
    from ..store import update_database

    stats = update_database(db, circulars, options.unit_names())
    stderr(f"{db}: {stats}")


def extracted(sources: list[Path], options: ExtractOptions) -> Iterator[Circular]:
    """The circulars of batch folders (in their index's order) and of extracted files."""
    from ..batch.index import INDEX_NAME, read_index
    from ..errors import InputError
    from ..reuse import read_circular

    for source in sources:
        if not source.is_dir():
            yield read_circular(source, options)
            continue
        index = read_index(source)
        if index is None:
            raise InputError(f"no readable {INDEX_NAME}: not a jiufeng batch folder", source)
        for result in index.files:
            if result.output and result.status in ("ok", "warnings"):
                yield read_circular(source / result.output, options)
