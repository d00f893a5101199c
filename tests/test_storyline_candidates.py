"""The content-word candidate pairs miss no pair that reaches the threshold (prefix filtering)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.assess.storylines import MIN_WORDS, content_candidates, jaccard

WORDS = [f"w{i}" for i in range(14)]
sets_ = st.lists(st.frozensets(st.sampled_from(WORDS), max_size=10), max_size=25)


@settings(max_examples=300, deadline=None)
@given(sets_, st.sampled_from([0.3, 0.35, 0.5]))
def test_candidates_hold_every_pair_at_threshold(sets: list[frozenset[str]], t: float) -> None:
    got = set(content_candidates(sets, t))
    assert len(got) == len(list(content_candidates(sets, t)))  # each pair once
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            if min(len(sets[i]), len(sets[j])) >= MIN_WORDS and jaccard(sets[i], sets[j]) >= t:
                assert (i, j) in got
    assert all(i < j for i, j in got)
