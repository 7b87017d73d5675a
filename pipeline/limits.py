"""Limits on what one document may cost: pages, the size of a page's picture, time.

A 3,000-page PDF of blank pages would be OCR'd page after page; a 20,000 pt page asks for a
picture of gigabytes; a hostile file can keep a parser busy for hours. Each document is read
under limits (configurable on the command line, listed in the README); past one, the document
fails with a row that names the limit and how to raise it, and the run goes on with the others.

Time is enforced twice: readers look at the clock between pages, and where the document is read on
a process's main thread (a serial run, a process pool) an alarm also interrupts a single step
that never ends. The alarm's exception is a BaseException, so that no library's `except
Exception` can swallow it.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import FrameType


@dataclass(frozen=True)
class Limits:
    max_pages: int = 2000  # a programme with its annexes is tens of pages; a province's register a few hundred
    max_page_megapixels: float = 150.0  # an A1 sheet at 300 dpi is 70 megapixels
    max_seconds: float = 1800.0  # per document; a 40-page scan takes a few minutes


DEFAULT_LIMITS = Limits()


class LimitExceeded(BaseException):  # not Exception: no library's `except Exception` may swallow it
    """A document went past one of its limits; the message names the limit and its option."""


@dataclass
class _Budget:
    limits: Limits
    deadline: float


_budget: ContextVar[_Budget | None] = ContextVar("document_budget", default=None)


def current() -> Limits:
    budget = _budget.get()
    return budget.limits if budget else DEFAULT_LIMITS


@contextmanager
def enforced(limits: Limits) -> Iterator[None]:
    """Read one document under `limits` for the duration of the block."""
    token = _budget.set(_Budget(limits, time.monotonic() + limits.max_seconds))
    alarm = threading.current_thread() is threading.main_thread() and math.isfinite(limits.max_seconds)
    previous = signal.signal(signal.SIGALRM, _on_alarm) if alarm else None
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, limits.max_seconds)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _budget.reset(token)


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise LimitExceeded(_time_message(current()))


def _time_message(limits: Limits) -> str:
    return (f"reading took longer than the limit of {limits.max_seconds:g} s per document "
            "(--max-seconds); the rest of the run went on")  # fmt: skip


def check_time() -> None:
    """Between pages: stop when the document's time is up."""
    budget = _budget.get()
    if budget and time.monotonic() > budget.deadline:
        raise LimitExceeded(_time_message(budget.limits))


def check_pages(n_pages: int) -> None:
    limits = current()
    if n_pages > limits.max_pages:
        raise LimitExceeded(
            f"the document has {n_pages} pages, more than the limit of {limits.max_pages} (--max-pages); "
            "split it, or raise the limit"
        )


def check_picture(page_number: int, width_pt: float, height_pt: float, dpi: int) -> None:
    """Before a page is rendered for OCR: its picture must fit the pixel limit."""
    limits = current()
    megapixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi) / 1e6
    if megapixels > limits.max_page_megapixels:
        raise LimitExceeded(
            f"page {page_number} is {width_pt:.0f} x {height_pt:.0f} pt: its picture at {dpi} dpi would be "
            f"{megapixels:,.0f} megapixels, more than the limit of {limits.max_page_megapixels:g} "
            "(--max-page-megapixels)"
        )
