"""Two or more runs started at the same moment, for the tests that hold a store or a folder
safe when several processes fill it at once. Spawned (nothing shared but the files), each run
waits at one barrier, given as its last argument, so that none finishes before the others start."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


def exit_codes_at_once(target: Callable[..., Any], arguments: Sequence[tuple[Any, ...]],
                       timeout: float = 120) -> list[int | None]:
    """``target(*each, ready)`` for each of ``arguments``, one process each, released together;
    their exit codes (0: it returned without an error)."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(arguments))
    processes = [context.Process(target=target, args=(*each, ready)) for each in arguments]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout)
    return [process.exitcode for process in processes]
