"""DUP002's candidate index finds exactly the pairs that comparing every pair finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sysatlas.lint.duplicates import SIMILAR, _words, similar_pairs
from sysatlas.paths import Layout
from sysatlas.pipeline import check

from .conftest import ROOT


def all_pairs(sets: list[frozenset[str]], threshold: float = SIMILAR) -> list[tuple[int, int]]:
    """The quadratic reference: compare every pair."""
    return [
        (i, j)
        for i, j in itertools.combinations(range(len(sets)), 2)
        if len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold
    ]


WORD_SETS = st.lists(st.frozensets(st.sampled_from([f"w{i}" for i in range(24)]), min_size=1, max_size=20), max_size=40)


@settings(max_examples=300, deadline=None)
@given(sets=WORD_SETS, threshold=st.sampled_from([SIMILAR, 0.5, 0.7, 0.75, 0.9, 1.0]))
def test_index_finds_the_same_pairs_as_all_pairs(sets: list[frozenset[str]], threshold: float) -> None:
    assert similar_pairs(sets, threshold) == all_pairs(sets, threshold)


def test_near_copies_at_the_threshold_are_found() -> None:
    base = frozenset(f"w{i}" for i in range(15))  # 0.8 * 15 is 12.000000000000002 in floating point
    near = (base - {"w0", "w1"}) | {"x0"}  # 13 shared of 16: 0.81
    far = (base - {"w0", "w1", "w2"}) | {"x0", "x1"}  # 12 shared of 17: 0.71
    assert similar_pairs([base, near, far]) == all_pairs([base, near, far]) == [(0, 1), (1, 2)]


def test_bundled_content_gives_the_same_pairs() -> None:
    outcome = check(Layout(ROOT))
    by_kind: dict[str, list[frozenset[str]]] = {}
    for d in outcome.atlas.diagrams():
        words = _words(d)
        if len(words) >= 8:
            by_kind.setdefault(d.kind.name, []).append(words)
    assert sum(len(g) for g in by_kind.values()) > 100
    found = 0
    for threshold in (SIMILAR, 0.5, 0.3):  # lower thresholds too, so that there are pairs to agree on
        for group in by_kind.values():
            pairs = similar_pairs(group, threshold)
            assert pairs == all_pairs(group, threshold)
            found += len(pairs)
    assert found > 0
