"""The ``jiufeng`` command: a thin layer over the library. No parsing logic lives here.

Exit codes (see ``errors.py``): 0 ok, 1 warnings under --strict (and any for ``check``),
2 usage, 3 unreadable input, 4 unsupported format, 5 no circular found, 6 encrypted, 7 no text
layer, 8 garbled text, 70 internal error.
"""

from __future__ import annotations

import io
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from .. import __version__
from ..errors import EXIT_INTERNAL, EXIT_STRICT, JiufengError, UsageError
from ..formats import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

    from ..diff import DiffReport

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


SourceArg = Annotated[
    Path, typer.Argument(help="A circular (PDF, DOCX, HTML, text) or JSON/YAML from extract.")
]
AliasesOpt = Annotated[
    list[Path] | None,
    typer.Option("--aliases", help="Unit-alias TOML file added to the shipped table."),
]
PasswordOpt = Annotated[
    str | None, typer.Option(help="Password of an encrypted PDF.", show_default=False)
]
OutputOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Traceback on internal errors.")]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", help="Refuse PDFs with more pages.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Refuse larger input files (bytes).")]
MAX_BYTES = 200 * 1024 * 1024


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="Circular: PDF, DOCX, HTML or plain text.")],
    output: OutputOpt = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json or yaml (the whole circular), csv or xlsx (its responsibility table); "
            "default from the -o suffix, else json.",
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Force the text encoding (text and HTML).")
    ] = None,
    password: PasswordOpt = None,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    aliases: AliasesOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if the document has warnings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract one circular to JSON or YAML."""
    from ..emit.serialize import format_for, render_circular, write_atomic
    from ..emit.summary import summary_line
    from ..options import ExtractOptions
    from ..pipeline import extract_path

    def body() -> None:
        if output is not None and output.resolve() == file.resolve():
            raise UsageError("-o is the input file; refusing to overwrite it", output)
        out_format = format_for(output, fmt)
        if out_format is OutputFormat.XLSX and output is None:
            raise UsageError("xlsx is a binary format: give -o FILE.xlsx")
        options = ExtractOptions.build(
            encoding=encoding,
            strict=strict,
            password=password,
            max_pages=max_pages,
            max_bytes=max_bytes,
            aliases=tuple(aliases or ()),
        )
        circular = extract_path(file, options)
        content = render_circular(circular, out_format)
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            write_atomic(output, content)
        if not quiet:
            _stderr(summary_line(circular) + (f" → wrote {output}" if output else ""))

    _run(body, debug)


class UnitsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def units(
    file: SourceArg,
    fmt: Annotated[
        UnitsFormat, typer.Option("--format", "-f", help="table (terminal), json, csv or md.")
    ] = UnitsFormat.TABLE,
    output: OutputOpt = None,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    debug: DebugOpt = False,
) -> None:
    """For each unit: the tasks and special actions it leads, supports or shares, by when."""
    from ..emit.units import render_units
    from ..options import ExtractOptions
    from ..reuse import read_circular
    from ..units.index import index_units

    def body() -> None:
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        circular = read_circular(file, options)
        index = index_units(circular, options.unit_names())
        if fmt is UnitsFormat.TABLE:
            from ..emit.terminal import units_view

            view = units_view(index, title=circular.metadata.title or str(file))
            if output is None:
                _console().print(view)
                return
            buffer = io.StringIO()
            _console(buffer).print(view)
            _emit(buffer.getvalue(), output)
            return
        _emit(render_units(index, fmt.value), output)

    _run(body, debug)


@app.command()
def check(
    file: SourceArg,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text or json.")
    ] = CheckFormat.TEXT,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on any warning, not only discrepancies.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Where the responsibility table and the body disagree; exit 1 if they do."""
    from ..emit.serialize import dumps
    from ..link.check import check as check_circular
    from ..options import ExtractOptions
    from ..reuse import read_circular

    def body() -> int:
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        report = check_circular(read_circular(file, options))
        if fmt is CheckFormat.JSON:
            sys.stdout.write(dumps(report, OutputFormat.JSON))
        else:
            from ..emit.terminal import check_view

            console = _console()
            console.print(check_view(report, plain=not console.is_terminal or console.no_color))
        return EXIT_STRICT if report.failed(strict) else 0

    raise typer.Exit(_run(body, debug))


def _console(file: io.StringIO | None = None) -> Console:
    """stdout, or a wide colourless console writing into ``file``."""
    from rich.console import Console

    if file is None:
        return Console(highlight=False)
    return Console(file=file, highlight=False, width=160, no_color=True)


def _emit(text: str, output: Path | None) -> None:
    from ..emit.serialize import write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


class DiffFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    HTML = "html"


@app.command()
def diff(
    old: SourceArg,
    new: SourceArg,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json, md or html.")
    ] = DiffFormat.TEXT,
    output: OutputOpt = None,
    threshold: Annotated[
        float, typer.Option(help="Lowest similarity (0–1) that links two tasks.")
    ] = 0.2,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when anything differs (for CI).")
    ] = False,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    debug: DebugOpt = False,
) -> None:
    """What changed between two circulars: tasks added, removed, reworded, moved, split,
    merged; units, deadlines, terms and metadata."""
    from ..diff import compare
    from ..options import ExtractOptions
    from ..reuse import read_circular

    def body() -> int:
        if not 0.0 < threshold < 1.0:
            raise UsageError("option --threshold: between 0 and 1, e.g. 0.2")
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        report = compare(
            read_circular(old, options),
            read_circular(new, options),
            threshold,
            options.unit_names(),
        )
        _emit(_render_diff(report, fmt, output), output)
        return EXIT_STRICT if check and report.differs else 0

    raise typer.Exit(_run(body, debug))


def _render_diff(report: DiffReport, fmt: DiffFormat, output: Path | None) -> str:
    from ..diff.render import html_page, markdown, text_view
    from ..emit.serialize import dumps

    if fmt is DiffFormat.JSON:
        return dumps(report, OutputFormat.JSON)
    if fmt is DiffFormat.MD:
        return markdown(report)
    if fmt is DiffFormat.HTML:
        return html_page(report)
    if output is None:
        console = _console()
        console.print(text_view(report, plain=not console.is_terminal or console.no_color))
        return ""
    buffer = io.StringIO()
    _console(buffer).print(text_view(report, plain=True))
    return buffer.getvalue()


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (searched recursively) and glob patterns.")
    ],
    outdir: Annotated[Path, typer.Option("-o", "--output", help="Folder for the outputs.")],
    workers: Annotated[
        int | None, typer.Option("-j", "--jobs", help="Worker processes [default: CPU count].")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds one file may take before it is failed (0 = none).")
    ] = 300.0,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first failed input.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract inputs that did not change.")
    ] = False,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json or yaml.")
    ] = OutputFormat.JSON,
    junit: Annotated[
        Path | None, typer.Option("--junit", help="Also write a JUnit XML report here.")
    ] = None,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    aliases: AliasesOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if any input has warnings.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract many circulars in parallel into a folder, with OUTDIR/index.json."""
    import os

    from rich.console import Console

    from ..batch.report import BatchProgress, github_annotations, summary, write_junit
    from ..batch.run import BatchSettings, exit_code, run_batch
    from ..options import ExtractOptions

    def body() -> int:
        settings = BatchSettings(
            inputs=inputs,
            outdir=outdir,
            workers=workers or os.cpu_count() or 1,
            timeout=timeout or None,
            fail_fast=fail_fast,
            force=force,
            fmt=fmt,
            options=ExtractOptions.build(
                aliases=tuple(aliases or ()), max_pages=max_pages, max_bytes=max_bytes
            ),
        )
        console = Console(stderr=True, highlight=False)
        with BatchProgress(console) as progress:
            index = run_batch(settings, progress.start, progress.result)
        console.print(summary(index, outdir))
        for result in (r for r in index.files if r.status == "failed"):
            console.print(
                f"[bold red]failed[/] {result.input}: {result.error}",
                highlight=False,
                soft_wrap=True,
            )
        if junit is not None:
            write_junit(index, junit, strict)
        github_annotations(index, strict)
        return exit_code(index, strict)

    raise typer.Exit(_run(body, debug))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSON or YAML files written by extract.")],
) -> None:
    """Check extracted files against the output schema; exit 1 if any is invalid."""
    from ..emit.validate import validate_file

    def body() -> int:
        invalid = 0
        for path in files:
            problems = validate_file(path)
            if not problems:
                print(f"{path}: valid")
                continue
            invalid += 1
            for problem in problems:
                print(f"{path}: {problem}")
        if len(files) > 1:
            _stderr(f"{len(files) - invalid} valid, {invalid} invalid")
        return EXIT_STRICT if invalid else 0

    raise typer.Exit(_run(body, debug=False))


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
    from ..emit.schema import schema_files, write_schemas

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
