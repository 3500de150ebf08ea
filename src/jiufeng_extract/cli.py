"""The ``jiufeng`` command: a thin layer over the library. No parsing logic lives here.

Exit codes (see ``errors.py``): 0 ok, 1 warnings under --strict, 2 usage, 3 unreadable input,
4 unsupported format, 5 no circular found, 70 internal error.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from . import __version__
from .emit import OutputFormat
from .errors import EXIT_INTERNAL, JiufengError, UsageError

app = typer.Typer(
    name="jiufeng",
    help="Turn 纠风 circulars into validated structured data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
T = TypeVar("T")


def _stderr(message: str, style: str = "") -> None:
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(
        message, style=style or None, markup=False
    )


def _fail(error: JiufengError) -> NoReturn:
    _stderr(f"jiufeng: error: {error}", style="bold red")
    raise typer.Exit(error.exit_code)


def _run(action: Callable[[], T], debug: bool) -> T:
    """Run a command body: our errors become one red line, anything else an internal error."""
    try:
        return action()
    except JiufengError as error:
        _fail(error)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug: say so, and how to report it
        if debug:
            traceback.print_exc()
        else:
            _stderr(
                f"jiufeng: internal error: {type(exc).__name__}: {exc}. Please report it with "
                "the input file; --debug shows the traceback.",
                style="bold red",
            )
        raise typer.Exit(EXIT_INTERNAL) from None


def _version(value: bool) -> None:
    if value:
        print(f"jiufeng-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn 纠风 circulars into validated structured data."""


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="Circular: PDF, DOCX, HTML or plain text.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="json or yaml; default from the -o suffix, else json."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Force the text encoding (text and HTML).")
    ] = None,
    password: Annotated[
        str | None, typer.Option(help="Password of an encrypted PDF.", show_default=False)
    ] = None,
    max_pages: Annotated[
        int, typer.Option("--max-pages", help="Refuse PDFs with more pages.")
    ] = 2000,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if the document has warnings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Traceback on internal errors.")] = False,
) -> None:
    """Extract one circular to JSON or YAML."""
    from .emit import dumps, format_for, write_atomic
    from .options import ExtractOptions
    from .pipeline import extract_path
    from .summary import summary_line

    def body() -> None:
        if output is not None and output.resolve() == file.resolve():
            raise UsageError("-o is the input file; refusing to overwrite it", output)
        out_format = format_for(output, fmt)
        options = ExtractOptions.build(
            encoding=encoding, strict=strict, password=password, max_pages=max_pages
        )
        circular = extract_path(file, options)
        text = dumps(circular, out_format)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
        if not quiet:
            _stderr(summary_line(circular) + (f" → wrote {output}" if output else ""))

    _run(body, debug)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Directory to write the schema files into; stdout if omitted."
        ),
    ] = None,
) -> None:
    """Write the JSON Schema of the output (the committed copy lives in schemas/)."""
    from .schema import schema_files, write_schemas

    def body() -> None:
        if output is None:
            for text in schema_files().values():
                sys.stdout.write(text)
            return
        for path in write_schemas(output):
            _stderr(f"wrote {path}")

    _run(body, debug=False)


def main() -> None:
    app()
