"""Where a build's time goes: wall-clock totals per phase, measured with ``time.perf_counter``.

The phases are the pipeline's: ``load`` (read, parse and check the files), ``anchor`` (place
clause maps and quotes on the texts), ``link`` (resolve references, build the link graph),
``render`` (generated pages, placeholders) and ``export`` (files written after the pages).

Phases nest: the loader opens ``anchor`` while ``load`` is open, and the time is charged to the
innermost phase only, so the phases add up to the total without counting anything twice.
The engine marks its phases with :func:`measure` or :func:`measured`, which does nothing unless a clock is running:
measuring costs two ``perf_counter`` calls per phase, so it is always on; only writing the
numbers out (the plugin's ``ANNOTATED_EDITION_TIMINGS`` file) is optional.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import wraps
from time import perf_counter
from types import TracebackType
from typing import Callable, ParamSpec, TypeVar

__all__ = ["PHASES", "PhaseClock", "measure", "measured", "measure_detail"]

P = ParamSpec("P")
R = TypeVar("R")

PHASES: tuple[str, ...] = ("load", "anchor", "link", "render", "export")

_running: ContextVar["PhaseClock | None"] = ContextVar("annotated_edition_clock", default=None)


class _Phase:
    """One open phase: a context manager (a class, not a generator: it is entered per note)."""

    __slots__ = ("clock", "name", "started", "token")

    def __init__(self, clock: "PhaseClock", name: str) -> None:
        self.clock = clock
        self.name = name
        self.started = 0.0
        self.token = None

    def __enter__(self) -> "_Phase":
        now = perf_counter()
        stack = self.clock._stack
        if stack:
            parent = stack[-1]
            self.clock.totals[parent.name] = self.clock.totals.get(parent.name, 0.0) + now - parent.started
        else:
            self.token = _running.set(self.clock)
        self.started = now
        stack.append(self)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        now = perf_counter()
        stack = self.clock._stack
        stack.pop()
        self.clock.totals[self.name] = self.clock.totals.get(self.name, 0.0) + now - self.started
        if stack:
            stack[-1].started = now  # the parent resumes: its clock restarts now
        elif self.token is not None:
            _running.reset(self.token)
            self.token = None


class _Detail:
    """Time spent in one named part of a phase (``render.note_markdown``): counted inside its
    phase as usual, and also on its own, to say what dominates a phase."""

    __slots__ = ("clock", "name", "started")

    def __init__(self, clock: "PhaseClock", name: str) -> None:
        self.clock = clock
        self.name = name
        self.started = 0.0

    def __enter__(self) -> "_Detail":
        self.started = perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.clock.details[self.name] = self.clock.details.get(self.name, 0.0) + perf_counter() - self.started


class PhaseClock:
    """Accumulates exclusive time per phase over one build."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {name: 0.0 for name in PHASES}
        self.details: dict[str, float] = {}
        self._stack: list[_Phase] = []

    def phase(self, name: str) -> _Phase:
        """``with clock.phase("render"): ...``; engine code inside reports to this clock."""
        return _Phase(self, name)

    @property
    def total(self) -> float:
        return sum(self.totals.values())

    def as_dict(self) -> dict[str, object]:
        return {"total_s": round(self.total, 6), "phases": {k: round(v, 6) for k, v in self.totals.items()},
                "details": {k: round(v, 6) for k, v in sorted(self.details.items())}}


class _NotMeasured:
    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NOT_MEASURED = _NotMeasured()


def measure(name: str) -> _Phase | _NotMeasured:
    """Charge the enclosed time to phase ``name`` of the running clock, if there is one."""
    clock = _running.get()
    return clock.phase(name) if clock is not None else _NOT_MEASURED


def measure_detail(name: str) -> _Detail | _NotMeasured:
    """Also charge the enclosed time to the detail ``name`` (already inside some phase)."""
    clock = _running.get()
    return _Detail(clock, name) if clock is not None else _NOT_MEASURED


def measured(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate an engine function so every call is charged to phase ``name``."""
    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            clock = _running.get()
            if clock is None:
                return function(*args, **kwargs)
            with clock.phase(name):
                return function(*args, **kwargs)
        return timed
    return decorate
