"""Running a command body the same way under typer and on ``jiufeng extract``'s quick path
(``quick.py``), without importing typer: our errors become one red line on stderr and their
exit code, anything else an internal error (exit 70).

The exit is ``SystemExit``, which click lets through unchanged, so a command ends with the
same code whichever way it was started. Rich is imported only when a line is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

from ..errors import EXIT_INTERNAL, JiufengError

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
    raise SystemExit(error.exit_code)


def run(action: Callable[[], T], debug: bool) -> T:
    """Run a command body: our errors become one red line, anything else an internal error."""
    try:
        return action()
    except JiufengError as error:
        fail(error)
    except Exception as exc:  # a bug: say so, and how to report it
        if debug:
            import traceback  # only a bug shown with --debug needs it

            traceback.print_exc()
        else:
            stderr(
                f"jiufeng: internal error: {type(exc).__name__}: {exc}. Please report it with "
                "the input file; --debug shows the traceback.",
                style="bold red",
            )
        raise SystemExit(EXIT_INTERNAL) from None
