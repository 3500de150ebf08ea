"""The resource guard: reading one untrusted input under a time limit and a memory limit.

The loaders bound what they build (spans, counters, nesting, decompressed sizes), but a stall
or a runaway allocation can be inside C code we do not control (PDFium drawing nested forms,
an image decoder). So every command that reads an input runs the reading under ``Limits``:

- in this process (text, HTML, DOCX, OFD, JSON, YAML): ``RLIMIT_AS`` turns a runaway
  allocation into ``MemoryError``, and a watchdog thread ends the process at the time limit
  (``os._exit`` works even while the main thread is inside C code);
- in a forked worker (PDF and images, read by PDFium, Pillow and ONNX Runtime, which abort
  rather than raise when memory runs out): the worker has ``RLIMIT_AS``, the parent waits at
  most the time limit and kills it, and a worker that dies of a signal is reported, not
  mistaken for a result.

Forking costs a few milliseconds, so text inputs, where a new ``jiufeng extract`` process is
most often started, stay in process. Over a limit is exit 3 with one line naming the limit
and the option that raises it. The reading runs before any output is opened, so nothing is
left behind.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .errors import EXIT_UNREADABLE, InputError, JiufengError

T = TypeVar("T")
MB = 1024 * 1024
# a real circular is read in seconds; an OCR of a long scan in minutes
DEFAULT_SECONDS = 900.0
# address space, not resident memory: ONNX Runtime and PDFium map more than they touch (the OCR
# of an 18-page scan peaks at about 0.5 GB resident, bench/ocr-results.md, and maps far more)
DEFAULT_MEMORY_MB = 4096
# how C++ libraries say an allocation failed, in the exception they raise through Python
_OUT_OF_MEMORY = ("bad_alloc", "Memory allocation failed", "Cannot allocate memory")


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    def time_message(self) -> str:
        return f"gave up at the time limit of {self.seconds:g} s (--time-limit raises it)"

    def memory_message(self) -> str:
        return f"needs more than the memory limit of {self.memory_mb} MB (--max-memory raises it)"


def guarded(action: Callable[[], T], name: str, limits: Limits, isolate: bool = False) -> T:
    """``action()`` within ``limits``; ``name`` is the input the messages are about."""
    if isolate and hasattr(os, "fork"):
        return _in_worker(action, name, limits)
    with _watchdog(name, limits), _address_space(limits.memory_mb):
        try:
            return action()
        except MemoryError:
            pass  # leave the except block first: its traceback holds what filled the memory
        except Exception as exc:
            if not out_of_memory(exc):
                raise
    raise InputError(limits.memory_message(), name)


def out_of_memory(exc: BaseException) -> bool:
    """A MemoryError, or a C++ library's failed allocation raised as another exception."""
    return isinstance(exc, MemoryError) or any(sign in str(exc) for sign in _OUT_OF_MEMORY)


@contextlib.contextmanager
def _address_space(memory_mb: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = memory_mb * MB
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already as strict (e.g. a ulimit -v of the user's own)
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _watchdog(name: str, limits: Limits) -> Iterator[None]:
    done = threading.Event()

    def watch() -> None:
        if not done.wait(limits.seconds):
            _die(f"jiufeng: error: {name}: {limits.time_message()}")

    thread = threading.Thread(target=watch, name="jiufeng-watchdog", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


def _die(line: str) -> None:
    with contextlib.suppress(OSError):
        os.write(2, (line + "\n").encode("utf-8", "replace"))
    os._exit(EXIT_UNREADABLE)


def _in_worker(action: Callable[[], T], name: str, limits: Limits) -> T:
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        os.close(read_end)
        _work(action, write_end, limits.memory_mb)
    os.close(write_end)
    try:
        payload = _collect(read_end, limits.seconds)
    except BaseException:
        _reap(pid, kill=True)
        raise
    finally:
        os.close(read_end)
    if payload is None:
        _reap(pid, kill=True)
        raise InputError(limits.time_message(), name)
    status = _reap(pid, kill=False)
    if not payload:
        raise InputError(_death(status, limits), name)
    kind, value = pickle.loads(payload)
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "memory":
        raise InputError(limits.memory_message(), name)
    if kind == "error":
        cls, message, path = value
        error: JiufengError = cls.__new__(cls)
        JiufengError.__init__(error, message, path)
        raise error
    raise value


def _work(action: Callable[[], object], fd: int, memory_mb: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = memory_mb * MB if hard == resource.RLIM_INFINITY else min(memory_mb * MB, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        try:
            result: tuple[str, object] = ("ok", action())
        except MemoryError:
            result = ("memory", None)
        except JiufengError as error:
            result = ("error", (type(error), error.message, error.path))
        except Exception as exc:  # a bug of ours: the parent reports it as one
            result = ("memory", None) if out_of_memory(exc) else ("bug", exc)
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        except Exception as exc:
            payload = pickle.dumps(("bug", RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _collect(fd: int, seconds: float) -> bytes | None:
    """Everything the worker writes until it closes the pipe; None at the time limit."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int, kill: bool) -> int:
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return status


def _death(status: int, limits: Limits) -> str:
    """Why a worker ended without a result."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        if number in (signal.SIGABRT, signal.SIGKILL, signal.SIGBUS):
            return f"the reader was stopped by {name}: most likely it {limits.memory_message()}"
        return f"the reader crashed ({name}) on this file"
    return f"the reader ended without a result (exit status {os.WEXITSTATUS(status)})"
