"""The fork server ``jiufeng batch`` takes its workers from, apart from the rest of the batch
so that starting it imports nothing but ``multiprocessing``: ``jiufeng batch`` starts it
first thing (``cli.main``), and it imports ``PRELOAD`` while the batch itself still imports
the CLI, reads its arguments, and finds and hashes its inputs. Started a second time (by
``run_batch``, for a library caller), it is the one already running.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

# What the fork server imports once for every worker: the pipeline, the reader of each format
# (the pipeline imports them when a file of that format comes) and the writers.
PRELOAD = [
    "jiufeng_extract.pipeline",
    "jiufeng_extract.load.plain_text",
    "jiufeng_extract.load.web_page",
    "jiufeng_extract.load.word",
    "jiufeng_extract.load.pdf",
    "jiufeng_extract.load.ofd",
    "jiufeng_extract.emit.serialize",
    "jiufeng_extract.emit.data",
    "yaml",
]


def worker_context() -> Any:
    """The fork server with ``PRELOAD`` (spawn on Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(PRELOAD)
    return forkserver


def start_early() -> None:
    """Start the fork server now, so that it imports ``PRELOAD`` while the batch does other
    things, instead of after."""
    context = worker_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
