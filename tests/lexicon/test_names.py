"""Name rules: cleaning, the title split, surnames, THE same-person rule."""
import pytest

from quotes.lexicon.names import (clean_name, first_name_gender, given_names_agree, is_honorific, is_org_name,
                                  is_place, same_person, same_surname, split_title, surname_keys, without_honorifics)


def test_clean_name_strips_party_tags_and_possessives():
    assert clean_name("Harry Reid (D-Nev.)") == "Harry Reid"
    assert clean_name("Mitch McConnell, R-Ky.") == "Mitch McConnell"
    assert clean_name("Trump’s") == "Trump"


@pytest.mark.parametrize("run, title, name", [
    ("US Defense Secretary Lloyd Austin", "US Defense Secretary", "Lloyd Austin"),
    ("Secretary of Defense Lloyd Austin", "Secretary of Defense", "Lloyd Austin"),
    ("Colorado’s Kendal Unruh", "Colorado’s", "Kendal Unruh"),
    ("Sen. Marco Rubio", "Sen.", "Marco Rubio"),
    ("Lloyd Austin", "", "Lloyd Austin"),
])
def test_split_title(run, title, name):
    t, n = split_title(run.split())
    assert (" ".join(t), " ".join(n)) == (title, name)


def test_honorifics():
    assert is_honorific("Sen.") and is_honorific("mr") and not is_honorific("Austin")
    assert without_honorifics(["Sen.", "Majority", "Leader"]) == "Majority Leader"


def test_surnames_with_hyphens():
    assert surname_keys("Sue Seedorff-Keninger") == ["seedorff-keninger", "keninger"]
    assert same_surname("Keninger", "Sue Seedorff-Keninger")
    assert not same_surname("Seedorff", "Sue Seedorff-Keninger")


@pytest.mark.parametrize("a, b, same", [
    ("Austin", "Lloyd Austin", True),
    ("Lloyd Austin", "Lloyd J. Austin", True),
    ("L. Austin", "Lloyd Austin", True),
    ("Park", "Park Sun-won", True),  # a Korean family name comes first
    ("Keninger", "Sue Seedorff-Keninger", True),
    ("Eric Trump", "Donald Trump", False),
    ("Eric Garner", "Erica Garner", False),  # one letter apart: two people in one article
    ("Obama", "Biden", False),
])
def test_same_person(a, b, same):
    assert same_person(a.split(), b.split()) is same
    assert same_person(b.split(), a.split()) is same


def test_same_person_across_outlets_forgives_a_typo_in_a_given_name():
    assert same_person(["rence", "priebus"], ["reince", "priebus"], typos=True)
    assert not same_person(["rence", "priebus"], ["reince", "priebus"])
    assert not given_names_agree("eric", "erica")
    assert given_names_agree("eric", "erica", typos=True)


def test_same_person_on_surnames_only_for_forms_with_a_title_left_in():
    assert same_person(["gen.", "wesley", "clark"], ["wesley", "clark"], given_names=False)
    assert not same_person(["gen.", "wesley", "clark"], ["wesley", "clark"])
    assert not same_person(["wesley", "clark"], ["wesley", "snipes"], given_names=False)


def test_gender_places_and_organisations():
    assert first_name_gender("Hillary Clinton") == "f" and first_name_gender("Lloyd Austin") == "m"
    assert first_name_gender("Park Sun-won") is None
    assert is_place("New York") and is_place("the United States") and not is_place("Austin")
    assert is_org_name("the Pentagon") and is_org_name("Fox News") and not is_org_name("Lloyd Austin")
