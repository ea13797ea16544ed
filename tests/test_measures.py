from collections import Counter

import pytest

from factcheck.checking.measures import MeasureNames, normalise
from factcheck.model import Measure


def resolver(*names, declared=(), exact=False):
    decl = {normalise(m.label): m for m in declared}
    return MeasureNames(decl, Counter(names), exact)


def test_normalise_case_punctuation_spacing_plurals():
    assert normalise("Air-Strikes ") == normalise("air strike") == "air strike"
    assert normalise("Civilian  Casualties") == "civilian casualty"
    assert normalise("bombs dropped") == "bomb dropped"


def test_aliases_map_to_the_declared_measure():
    m = Measure("civilian death", "civilian deaths", aliases=(normalise("civilians killed"),))
    r = resolver("civilians killed", "civilian deaths", declared=[m])
    assert r("Civilians killed") == r("civilian deaths") == "civilian death"
    assert not r.merged


@pytest.mark.parametrize("a, b", [
    ("airstrikes", "air strikes"),
    ("civillian deaths", "civilian deaths"),
    ("airstrikes in syria", "air strikes in syria"),
    ("civilian fatalites", "civilian fatalities"),
])
def test_similarity_merges_spelling_variants(a, b):
    r = resolver(a, b, b)
    assert r(a) == r(b)
    merge = r.merged[normalise(a)]
    assert merge.into == b and 80 <= merge.score < 100


@pytest.mark.parametrize("a, b", [
    ("air strikes in iraq", "air strikes in syria"),
    ("air strikes in iraq", "air strikes in iran"),
    ("civilian deaths", "militant deaths"),
    ("missiles launched", "missiles intercepted"),
    ("air strikes", "air strikes in syria"),
    ("air strikes 2015", "air strikes 2016"),
    ("people killed", "people injured"),
])
def test_similarity_never_merges_a_meaningful_word(a, b):
    r = resolver(a, b)
    assert r(a) != r(b)
    assert not r.merged


def test_exact_measures_turns_similarity_off():
    r = resolver("airstrikes", "air strikes", exact=True)
    assert r("airstrikes") != r("air strikes")


def test_similarity_prefers_the_declared_name():
    m = Measure("air strike", "air strikes")
    r = resolver("airstrikes", declared=[m])
    assert r("airstrikes") == "air strike"
    assert r.merged["airstrike"].into == "air strikes"


def test_comparable_measures_form_one_group():
    m = Measure("air strike", "air strikes", comparable=("target",))
    r = resolver("air strikes", "targets", "bombs", declared=[m])
    assert r.group_of(r("targets")) == r.group_of(r("air strikes"))
    assert r.group_of(r("bombs")) != r.group_of(r("air strikes"))


def test_names_kept_by_the_cache_group_as_they_did():
    m = Measure("civilian death", "civilian deaths", aliases=(normalise("civilians killed"),), comparable=("deaths",))
    r = resolver("civilians killed", "airstrikes", "air strikes", "Air Strikes", "deaths", declared=[m])
    again = MeasureNames.from_fingerprint(r.fingerprint())
    assert again.merges() == r.merges() and again.merges()
    for name in ("civilians killed", "airstrikes", "AIR STRIKES", "deaths", "never seen"):
        assert again(name) == r(name) and again.group_of(again(name)) == r.group_of(r(name))
        assert again.label.get(again(name)) == r.label.get(r(name))
