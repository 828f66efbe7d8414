"""Phase timings: nested phases charge each moment to the innermost one, and nothing is measured
when no clock runs."""

from __future__ import annotations

import time

from annotated_edition.timing import PHASES, PhaseClock, measure, measured


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_nested_phases_add_up_without_double_counting() -> None:
    clock = PhaseClock()
    started = time.perf_counter()
    with clock.phase("load"):
        _busy(0.01)
        with measure("anchor"):  # engine code reports to the running clock
            _busy(0.02)
        _busy(0.01)
    elapsed = time.perf_counter() - started
    assert set(clock.totals) == set(PHASES)
    assert clock.totals["anchor"] >= 0.02
    assert clock.totals["load"] >= 0.02
    # Exclusive time: the parts never exceed the whole that contained them.
    assert clock.total <= elapsed
    # The anchor time was not also charged to load.
    assert clock.totals["load"] < elapsed - 0.02 + 1e-3


def test_measure_is_a_no_op_without_a_running_clock() -> None:
    clock = PhaseClock()
    with measure("render"):
        _busy(0.001)
    assert clock.total == 0
    with clock.phase("render"):
        pass
    with measure("load"):  # the clock stopped running when its outermost phase ended
        _busy(0.001)
    assert clock.totals["load"] == 0


def test_measured_decorator_charges_its_phase_and_returns_the_result() -> None:
    @measured("link")
    def work(value: int) -> int:
        _busy(0.005)
        return value * 2

    assert work(2) == 4  # no clock: plain call
    clock = PhaseClock()
    with clock.phase("load"):
        assert work(3) == 6
    assert clock.totals["link"] >= 0.005
    assert clock.as_dict()["phases"]["link"] == round(clock.totals["link"], 6)


def test_a_phase_left_by_an_exception_still_closes() -> None:
    clock = PhaseClock()
    try:
        with clock.phase("load"):
            with measure("anchor"):
                raise ValueError("bad input")
    except ValueError:
        pass
    with measure("render"):
        pass
    assert clock.totals["render"] == 0  # no clock left running
    assert clock.totals["anchor"] > 0


def test_details_say_what_dominates_a_phase_without_changing_the_phases() -> None:
    from annotated_edition.timing import measure_detail
    clock = PhaseClock()
    with clock.phase("render"):
        _busy(0.005)
        with measure_detail("render.note_markdown"):
            _busy(0.01)
    assert clock.details["render.note_markdown"] >= 0.01
    assert clock.totals["render"] >= 0.015  # the detail's time stays in its phase
    assert clock.as_dict()["details"] == {"render.note_markdown": round(clock.details["render.note_markdown"], 6)}
    with measure_detail("render.note_markdown"):  # no clock running: nothing recorded
        pass
