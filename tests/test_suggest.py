""""Did you mean": the name meant, whatever its case, and in bounded time for many names."""

from factcheck.suggest import Suggestions, closest


def test_a_name_in_another_case_or_shortened_is_suggested():
    assert closest("NYT", ["nyt", "ap"]) == "nyt"
    assert closest("Baghuz", ["baghuz-strike-2019", "raqqa-raid"]) == "baghuz-strike-2019"
    assert closest("agnecy", ["agency", "ministry"]) == "agency"
    assert closest("b", ["a"]) is None  # one letter says nothing of which was meant


def test_many_unknown_names_get_their_typos_found_and_the_first_their_wider_match():
    choices = [f"source-{i}" for i in range(1000)] + ["ministry-of-defence"]
    suggest = Suggestions(choices)
    unknown = [f"sourse-{i}" for i in range(Suggestions.FUZZY_WORDS + 50)]
    assert [suggest.closest(w) for w in unknown] == [f"source-{i}" for i in range(len(unknown))]  # a typo away: all
    assert suggest.closest("SOURCE-7") == "source-7"  # another case: always
    assert suggest.closest("ministry of defense") is None  # the wider match only for the first words
    assert Suggestions(choices).closest("ministry of defense") == "ministry-of-defence"
