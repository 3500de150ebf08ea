"""``jiufeng extract`` without typer: a command line of the plain forms its --help shows
(``FILE``, ``-o OUT``, ``--format yaml``, ``-q``, …) is read here, so the most common call
starts without importing typer, click and Pydantic's TypeAdapters (most of a new process's
start-up). Anything else (``--help``, ``--opt=value``, ``-qo``, ``--``, a repeated option, a
value typer would refuse or convert) returns ``None`` and goes to typer, which reads it, or
says what is wrong, as it always did. What is accepted gets the values typer gives it.

A text or HTML file written as JSON or YAML (what ``emit/data.py`` writes from the models as
they are) has its models declared on the light base (``modelbase.use_light``): the process
then imports no Pydantic at all.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..formats import Lang, OcrMode, OutputFormat
from .extract_run import SUFFIXES, ExtractArgs

_FLAGS = {"--strict": "strict", "--quiet": "quiet", "-q": "quiet", "--debug": "debug"}
_MIN_SECONDS = 0.01  # --time-limit's min
_MIN_MEMORY_MB = 64  # --max-memory's min


def _path(text: str) -> Path | None:
    return Path(text) if text and not text.startswith("-") and _utf8(text) else None


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a name that is not UTF-8 (surrogate escapes): typer's say
        return False
    return True


def _digits(text: str) -> bool:
    """Plain decimal digits, no sign, no leading zero, no '_' (the forms everyone reads alike)."""
    return 0 < len(text) < 16 and text.isascii() and text.isdigit() and text[0] != "0"


def _count(text: str, low: int) -> int | None:
    """A whole number of at least ``low`` (ExtractOptions wants more than 0)."""
    return int(text) if _digits(text) and int(text) >= low else None


def _seconds(text: str) -> float | None:
    whole, dot, fraction = text.partition(".")
    plain = (_digits(whole) or whole == "0") and (not dot or fraction.isdigit())
    if not plain or not fraction.isascii() or len(fraction) > 6:
        return None
    value = float(text)
    return value if value >= _MIN_SECONDS else None


def _encoding(text: str) -> str | None:
    try:
        codecs.lookup(text)
    except LookupError:
        return None
    return text if _utf8(text) else None


def _choice(kind: type[Any]) -> Callable[[str], Any]:
    return lambda text: kind(text) if text in {m.value for m in kind} else None


# option → (field of ExtractArgs, reader of its value: None when typer should judge it)
_VALUED: dict[str, tuple[str, Callable[[str], Any]]] = {
    "-o": ("output", _path),
    "--output": ("output", _path),
    "-f": ("fmt", _choice(OutputFormat)),
    "--format": ("fmt", _choice(OutputFormat)),
    "--lang": ("lang", _choice(Lang)),
    "--encoding": ("encoding", _encoding),
    "--password": ("password", lambda text: text if _utf8(text) else None),
    "--ocr": ("ocr", _choice(OcrMode)),
    "--max-pages": ("max_pages", lambda text: _count(text, 1)),
    "--max-bytes": ("max_bytes", lambda text: _count(text, 1)),
    "--aliases": ("aliases", _path),
    "--time-limit": ("time_limit", _seconds),
    "--max-memory": ("max_memory", lambda text: _count(text, _MIN_MEMORY_MB)),
}


def read_extract(args: Sequence[str]) -> ExtractArgs | None:
    """The arguments after ``extract``, or None when typer should read them."""
    if any(name.endswith("_COMPLETE") for name in os.environ):  # shell completion: typer's
        return None
    values: dict[str, Any] = {"aliases": []}
    files: list[Path] = []
    tokens = iter(args)
    for token in tokens:
        if token in _FLAGS:
            values[_FLAGS[token]] = True
        elif token in _VALUED:
            name, read = _VALUED[token]
            given = next(tokens, None)
            value = None if given is None else read(given)
            if value is None or (name in values and name != "aliases"):
                return None
            if name == "aliases":
                values["aliases"].append(value)
            else:
                values[name] = value
        elif token == "-" or (token and not token.startswith("-") and _utf8(token)):
            files.append(Path(token))
        else:
            return None
    if len(files) != 1:
        return None
    return ExtractArgs(file=files[0], **values)


def _writes_data(args: ExtractArgs) -> bool:
    """JSON or YAML, which ``emit/data.py`` writes from the models as they are (CSV and XLSX
    read them through more of the library)."""
    by_suffix = SUFFIXES.get(args.output.suffix.lower()) if args.output else None
    return (args.fmt or by_suffix) in (None, OutputFormat.JSON, OutputFormat.YAML)


def quick_extract(args: Sequence[str]) -> bool:
    """Run ``jiufeng extract ARGS`` here when the quick path reads them; False when it does
    not (typer runs it then). Ends as typer does: ^C is exit 130, a broken pipe exit 1."""
    import errno

    read = read_extract(args)
    if read is None:
        return False
    if _writes_data(read):
        from ..load.magic import file_is_text

        if file_is_text(read.file):
            from ..modelbase import use_light

            use_light()
    from .extract_run import run_extract

    try:
        run_extract(read)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        raise SystemExit(1) from None
    return True
