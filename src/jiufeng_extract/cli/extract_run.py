"""What ``jiufeng extract`` does once its arguments are read, by typer (``extract.py``) or by
the quick path (``quick.py``): typer-free, so the quick path starts without it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..formats import Lang, OcrMode, OutputFormat
from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits
from .runner import run, stderr

MAX_BYTES = 200 * 1024 * 1024
SUFFIXES = {
    ".json": OutputFormat.JSON,
    ".yaml": OutputFormat.YAML,
    ".yml": OutputFormat.YAML,
    ".csv": OutputFormat.CSV,
    ".xlsx": OutputFormat.XLSX,
}


@dataclass
class ExtractArgs:
    """``jiufeng extract``'s arguments, as typer would pass them (defaults as in --help)."""

    file: Path
    output: Path | None = None
    fmt: OutputFormat | None = None
    lang: Lang = Lang.ZH
    encoding: str | None = None
    password: str | None = None
    ocr: OcrMode = OcrMode.AUTO
    max_pages: int = 2000
    max_bytes: int = MAX_BYTES
    aliases: list[Path] = field(default_factory=list)
    strict: bool = False
    quiet: bool = False
    time_limit: float = DEFAULT_SECONDS
    max_memory: int = DEFAULT_MEMORY_MB
    debug: bool = False


def run_extract(args: ExtractArgs) -> None:
    from ..emit.serialize import render_circular
    from ..emit.summary import summary_line
    from ..options import ExtractOptions
    from .output import choose_format, emit, extract_source, refuse_input_as_output

    def body() -> None:
        refuse_input_as_output(args.file, args.output)
        out_format = choose_format(args.output, args.fmt, SUFFIXES, OutputFormat.JSON)
        if out_format is OutputFormat.XLSX and args.output is None:
            raise UsageError("xlsx is a binary format: give -o FILE.xlsx")
        options = ExtractOptions.build(
            encoding=args.encoding,
            strict=args.strict,
            password=args.password,
            ocr=args.ocr,
            max_pages=args.max_pages,
            max_bytes=args.max_bytes,
            aliases=tuple(args.aliases),
        )
        limits = Limits(args.time_limit, args.max_memory)
        circular = extract_source(args.file, options, limits, progress=not args.quiet)
        emit(render_circular(circular, out_format, args.lang), args.output)
        if not args.quiet:
            stderr(summary_line(circular) + (f" → wrote {args.output}" if args.output else ""))

    run(body, args.debug)
