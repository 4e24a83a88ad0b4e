"""The library of known approaches: complete, well-formed and safe to look up."""

from __future__ import annotations

import re

import pytest

from experiments.approaches import APPROACHES, MEASURE_KINDS, Approach, SuggestedMeasure, get

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def msgid(text) -> str:
    """The English message id of a lazy string (outside a request it is the text itself)."""
    return str(text)


def sentences(text) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", msgid(text)))


def test_at_least_the_eight_agreed_approaches():
    keys = {a.key for a in APPROACHES}
    assert len(APPROACHES) >= 8
    assert {
        "support-group",
        "restorative-conversation",
        "class-agreements-with-parents",
        "start-of-year-conversation",
        "parents-evening-class-climate",
        "kitchen-table-tips",
        "pupils-think-tank",
        "playground-buddies",
    } <= keys


def test_keys_are_unique_slugs():
    keys = [a.key for a in APPROACHES]
    assert len(keys) == len(set(keys))
    assert all(SLUG.match(k) for k in keys), keys


@pytest.mark.parametrize("approach", APPROACHES, ids=lambda a: a.key)
def test_each_approach_is_complete(approach: Approach):
    assert msgid(approach.title).strip()
    assert 2 <= sentences(approach.summary) <= 4, msgid(approach.summary)
    assert msgid(approach.aim).strip()
    assert msgid(approach.prediction).startswith("We expect ")
    steps = msgid(approach.activities).split("\n")
    assert 3 <= len(steps) <= 4
    assert all(step.startswith("- ") and len(step) > 10 for step in steps), steps
    assert approach.suggested_measures
    for measure in approach.suggested_measures:
        assert isinstance(measure, SuggestedMeasure)
        assert measure.kind in MEASURE_KINDS
        assert msgid(measure.name).strip()
    assert approach.size in ("small", "large")
    assert approach.term in ("short", "long")


def test_the_library_has_every_size_and_term():
    assert {a.size for a in APPROACHES} == {"small", "large"}
    assert {a.term for a in APPROACHES} == {"short", "long"}


def test_get():
    assert get("support-group") is APPROACHES[0]
    assert get("no-such-approach") is None
    assert get("") is None


def test_invalid_kinds_sizes_and_terms_are_refused():
    with pytest.raises(ValueError):
        SuggestedMeasure("Something", "ratio")
    good = APPROACHES[0]
    fields = {f: getattr(good, f) for f in good.__dataclass_fields__}
    with pytest.raises(ValueError):
        Approach(**{**fields, "size": "medium"})
    with pytest.raises(ValueError):
        Approach(**{**fields, "term": "forever"})
