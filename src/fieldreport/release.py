"""Letting go of very large collections without freezing the other threads.

When a list of 10^5 objects goes out of scope, CPython frees them all in one chain of C
calls that never lets another thread in: 100 ms or more with the GIL held, during which the
window (whose thread needs the GIL to paint) freezes. Emptied a slice at a time, the same
work is spread over many short steps between which the interpreter may switch threads.
"""

from __future__ import annotations

from typing import Any

STEP = 5000


def release_gradually(*collections: Any) -> None:
    """Empty each list, set or dict given, STEP items at a time (anything else is left).

    A caller passes the last references it holds (a tuple cannot be emptied: pass `list(t)`
    before dropping what holds the tuple)."""
    for items in collections:
        if isinstance(items, dict):
            keys, values = list(items), list(items.values())
            items.clear()  # the objects live on in the two lists: only references go
            _drain(keys)
            _drain(values)
        elif isinstance(items, set):
            members = list(items)
            items.clear()
            _drain(members)
        elif isinstance(items, list):
            _drain(items)


def _drain(items: list[Any]) -> None:
    while items:
        del items[-STEP:]
