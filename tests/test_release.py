"""release_gradually empties what it is given, in steps, and the objects are freed."""

from __future__ import annotations

import weakref

import pytest

from fieldreport import release


class Thing:
    pass


def test_lists_sets_and_dicts_are_emptied_and_freed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release, "STEP", 7)  # many steps
    things = [Thing() for _ in range(50)]
    watch = [weakref.ref(t) for t in things]
    as_set = set(things[:20])
    as_dict = {i: t for i, t in enumerate(things[20:])}
    as_list = things
    del things
    release.release_gradually(as_list, as_set, as_dict)
    assert as_list == [] and as_set == set() and as_dict == {}
    assert all(ref() is None for ref in watch)  # nothing kept alive


def test_other_values_are_left_alone() -> None:
    kept = (1, 2, 3)
    release.release_gradually(kept, "text", None)
    assert kept == (1, 2, 3)
