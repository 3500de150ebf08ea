"""``jiufeng validate`` and ``jiufeng schema``: extracted files against the output schema,
and the schema itself."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from ..errors import EXIT_STRICT
from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits, guarded
from .app import (
    MAX_BYTES,
    MaxBytesOpt,
    MaxMemoryOpt,
    TimeLimitOpt,
    app,
    run,
    stderr,
)


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="JSON or YAML files written by extract.", metavar="FILE..."),
    ],
    max_bytes: MaxBytesOpt = MAX_BYTES,
    time_limit: TimeLimitOpt = DEFAULT_SECONDS,
    max_memory: MaxMemoryOpt = DEFAULT_MEMORY_MB,
) -> None:
    """Check extracted files against the output schema; exit 1 if any is invalid.

    Examples:

    $ jiufeng validate tests/golden/shanghai-2023-jiufeng.txt.json

    $ jiufeng validate out/*.json
    """
    from ..emit.safe import one_line
    from ..validate import validate_file

    limits = Limits(time_limit, max_memory)

    def body() -> int:
        invalid = 0
        for path in files:
            problems = guarded(partial(validate_file, path, max_bytes), str(path), limits)
            if not problems:
                print(one_line(f"{path}: valid"))
                continue
            invalid += 1
            for problem in problems:
                print(one_line(f"{path}: {problem}"))
        if len(files) > 1:
            stderr(f"{len(files) - invalid} valid, {invalid} invalid")
        return EXIT_STRICT if invalid else 0

    raise typer.Exit(run(body, debug=False))


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="A .json file to write the schema to, or a folder to write it into; "
            "stdout if omitted.",
            metavar="FILE|DIR",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the JSON Schema of the output (the committed copy lives in schemas/).

    Examples:

    $ jiufeng schema -o circular.schema.json

    $ jiufeng schema -o schemas/
    """
    from ..emit.schema import schema_files, write_schemas
    from .output import emit

    def body() -> None:
        files = schema_files()
        if output is None:
            for text in files.values():
                sys.stdout.write(text)
            return
        if output.suffix.lower() == ".json" and not output.is_dir():
            emit("".join(files.values()), output)
            stderr(f"wrote {output}")
            return
        for path in write_schemas(output):
            stderr(f"wrote {path}")

    run(body, debug=False)
