"""The ``jiufeng`` application, its global options and what every command shares: the
option types, one-line errors, and writing to stdout or a file.

Exit codes (see ``errors.py``): 0 ok, 1 warnings under --strict (and any for ``check``),
2 usage, 3 unreadable input, 4 unsupported format, 5 no circular found, 6 encrypted, 7 no text
layer, 8 garbled text, 70 internal error.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from .. import __version__
from ..errors import EXIT_INTERNAL, JiufengError
from ..formats import Lang, OcrMode

app = typer.Typer(
    name="jiufeng",
    help="Turn 纠风 circulars into validated structured data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
T = TypeVar("T")


def stderr(message: str, style: str = "") -> None:
    """One line on stderr: control characters in it (a file name's newline) shown escaped."""
    from rich.console import Console

    from ..emit.safe import one_line

    Console(stderr=True, highlight=False, soft_wrap=True).print(
        one_line(message), style=style or None, markup=False
    )


def fail(error: JiufengError) -> NoReturn:
    stderr(f"jiufeng: error: {error}", style="bold red")
    raise typer.Exit(error.exit_code)


def run(action: Callable[[], T], debug: bool) -> T:
    """Run a command body: our errors become one red line, anything else an internal error."""
    try:
        return action()
    except JiufengError as error:
        fail(error)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug: say so, and how to report it
        if debug:
            traceback.print_exc()
        else:
            stderr(
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
    Path,
    typer.Argument(
        help="A circular (PDF, OFD, DOCX, HTML, text) or JSON/YAML from extract; - reads stdin.",
        metavar="FILE",
        show_default=False,
        readable=False,  # the loader says 'permission denied' (exit 3), not a usage error
    ),
]
AliasesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--aliases",
        help="Unit-alias TOML file added to the shipped table (repeatable).",
        metavar="TOML",
        show_default=False,
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        help="Force the text encoding of text and HTML input, e.g. gb18030.",
        metavar="NAME",
        show_default=False,
    ),
]
PasswordOpt = Annotated[
    str | None,
    typer.Option(help="Password of an encrypted PDF.", metavar="TEXT", show_default=False),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Write here instead of stdout; the suffix sets the format unless --format does.",
        metavar="FILE",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang", help="Language of headers and labels for people (JSON keys stay English)."
    ),
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Traceback on internal errors.", metavar="")
]
MaxPagesOpt = Annotated[
    int, typer.Option("--max-pages", help="Refuse PDFs with more pages.", metavar="N")
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes", help="Refuse larger input files (bytes).", metavar="N", show_default="200 MB"
    ),
]
OcrOpt = Annotated[
    OcrMode,
    typer.Option(
        "--ocr",
        help="Read PDF and OFD pages by OCR: auto (pages without a text layer or with garbled "
        "fonts), always, never. Needs the ocr extra.",
    ),
]
MAX_BYTES = 200 * 1024 * 1024
TimeLimitOpt = Annotated[
    float,
    typer.Option(
        "--time-limit",
        help="Give up reading an input after this many seconds (exit 3).",
        metavar="SECONDS",
        min=0.01,
    ),
]
MaxMemoryOpt = Annotated[
    int,
    typer.Option(
        "--max-memory",
        help="Give up reading an input that needs more memory, in MB of address space (exit 3).",
        metavar="MB",
        min=64,
    ),
]


def flag(name: str, help: str, *short: str) -> Any:
    """A yes/no option, shown without a type in --help."""
    return typer.Option(name, *short, help=help, metavar="")
