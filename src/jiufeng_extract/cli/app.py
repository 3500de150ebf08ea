"""The ``jiufeng`` application, its global options and what every command shares: the
option types, one-line errors, and writing to stdout or a file.

Exit codes (see ``errors.py``): 0 ok, 1 warnings under --strict (and any for ``check``),
2 usage, 3 unreadable input, 4 unsupported format, 5 no circular found, 6 encrypted, 7 no text
layer, 8 garbled text, 70 internal error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from ..formats import Lang, OcrMode
from .extract_run import MAX_BYTES
from .runner import fail, run, stderr

app = typer.Typer(
    name="jiufeng",
    help="Turn 纠风 circulars into validated structured data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
__all__ = ["MAX_BYTES", "app", "fail", "flag", "run", "stderr"]


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
