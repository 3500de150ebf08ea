"""How `make bench` times things on a shared machine: warm-up, then A and B in turn, and the
ratio A/B taken pair by pair, so a machine whose speed drifts during the run still gives a
meaningful ratio. Every figure is a median."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

RUNS = 5


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


@dataclass
class Paired:
    """Medians of A's and each B's seconds, and of A/B pair by pair."""

    a: float
    b: list[float]
    ratios: list[float]


def paired(
    a: Callable[[], object], bs: Sequence[Callable[[], object]], runs: int = RUNS, warm: int = 1
) -> Paired:
    """A, then each B, ``runs`` times after ``warm`` rounds that are not counted."""
    for _ in range(warm):
        a()
        for b in bs:
            b()
    rounds = []
    for _ in range(runs):
        rounds.append([seconds(a), *(seconds(b) for b in bs)])
    return Paired(
        a=statistics.median(r[0] for r in rounds),
        b=[statistics.median(r[i + 1] for r in rounds) for i in range(len(bs))],
        ratios=[statistics.median(r[0] / r[i + 1] for r in rounds) for i in range(len(bs))],
    )


def process(args: list[str], env: dict[str, str] | None = None) -> Callable[[], None]:
    """Run ``args`` as a new process, its output thrown away (it must succeed)."""

    def once() -> None:
        subprocess.run(
            args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )

    return once
