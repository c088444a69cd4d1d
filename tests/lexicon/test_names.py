"""Name rules: cleaning, the title split, surnames, THE same-person rule."""
import pytest

from quotes.lexicon.names import (clean_name, describes, first_name_gender, given_names_agree, is_honorific,
                                  is_org_name, is_place, name_and_role, same_person, same_surname, split_title,
                                  surname_keys, without_honorifics)


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
    ("President of Ukraine Volodymyr Zelensky", "President of Ukraine", "Volodymyr Zelensky"),
    ("Secretary of Health and Human Services Alex Azar", "Secretary of Health and Human Services", "Alex Azar"),
    ("Alderman William D. Burns", "Alderman", "William D. Burns"),
    ("Workers Secretary-Treasurer Gary Casteel", "Workers Secretary-Treasurer", "Gary Casteel"),
    # a word that is also a title opening an organisation's name is no title
    ("Justice Department", "", "Justice Department"),
    ("General Motors", "", "General Motors"),
    ("Judge Business School", "", "Judge Business School"),
    ("Sen. Banks", "Sen.", "Banks"),  # (an honorific is a title whatever follows)
    # a person's title before one surname that is also an organisation word is a title
    ("President Fox", "President", "Fox"),
    ("Senator Banks", "Senator", "Banks"),
    ("Executive Committee", "", "Executive Committee"),
    ("Marine Corps", "", "Marine Corps"),
    ("Major General Pat Ryder", "Major General", "Pat Ryder"),
    # issue 18, class 4: office words and abbreviated titles glued to a name are titles
    ("Coach Dave Harmon", "Coach", "Dave Harmon"),
    ("Taoiseach Leo Varadkar", "Taoiseach", "Leo Varadkar"),
    ("Councillor Mary Byrne", "Councillor", "Mary Byrne"),
    ("Cllr Mary Byrne", "Cllr", "Mary Byrne"),
    ("Supt. Brian O’Neill", "Supt.", "Brian O’Neill"),
    ("Det. Sgt. Amy Collins", "Det. Sgt.", "Amy Collins"),
    ("Chief Constable Andy Marsh", "Chief Constable", "Andy Marsh"),
    ("Labour MP Jess Phillips", "Labour MP", "Jess Phillips"),
    ("Insp. Amy Collins", "Insp.", "Amy Collins"),
    # hyphenated surnames stay whole
    ("Sue Seedorff-Keninger", "", "Sue Seedorff-Keninger"),
    ("Rep. Alexandria Ocasio-Cortez", "Rep.", "Alexandria Ocasio-Cortez"),
])
def test_split_title(run, title, name):
    t, n = split_title(run.split())
    assert (" ".join(t), " ".join(n)) == (title, name)


def test_name_and_role_splits_a_stored_form_by_the_one_title_rule():
    assert name_and_role("US Defense Secretary Lloyd Austin") == ("Lloyd Austin", "Defense Secretary")
    assert name_and_role("U.S. Secretary of Defense Lloyd Austin") == ("Lloyd Austin", "Secretary of Defense")
    assert name_and_role("White House National Security Council spokesman John Kirby") == (
        "John Kirby", "White House National Security Council spokesman")
    assert name_and_role("Major General Pat Ryder") == ("Pat Ryder", "Major General")
    assert name_and_role("the defense secretary") == ("", "Defense secretary")
    assert name_and_role("Mr. Austin") == ("Austin", None)
    assert name_and_role("Donald Trump Jr.") == ("Donald Trump Jr.", None)


    assert name_and_role("Democrat Hillary Clinton") == ("Hillary Clinton", "Democrat")
    assert name_and_role("the senator from Vermont") == ("senator from Vermont", None)


@pytest.mark.parametrize("form, expected", [
    ("Gen. Wesley Clark", ("Wesley Clark", "Gen.")),  # a rank with its dot is a title
    ("Alderman William D. Burns", ("William D. Burns", "Alderman")),  # any title head before a name
    ("Minister Gen Nakatani", ("Gen Nakatani", "Minister")),  # without its dot, a given name
    ("Editor's Note", ("Editor's Note", None)),  # a possessive alone is no title
    ("Congressman Trey Gowdy’s office", ("Congressman Trey Gowdy’s office", None)),
    ("fellow physicians", ("fellow physicians", None)),  # a description, not an office
    ("the Secretary of Defense", ("", "Secretary of Defense")),  # an office alone
])
def test_name_and_role_on_stored_forms_that_are_not_all_names(form, expected):
    assert name_and_role(form) == expected


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


def test_role_gender_reads_gendered_role_words():
    from quotes.lexicon.names import role_gender
    assert role_gender(["The", "New", "York", "businessman"]) == "m"
    assert role_gender(["widow"]) == "f"
    assert role_gender(["the", "senator"]) is None
    assert role_gender(["husband", "and", "wife"]) is None  # words that disagree tell nothing


def test_describes_a_form_that_opens_with_of():
    # a lower-case "of" first and again later: the head is before the later one (no IndexError)
    assert describes("of the board of directors") == describes("the board of directors")


def test_a_rank_without_its_dot_may_still_be_a_given_name():
    assert name_and_role("Gen Nakatani") == ("Gen Nakatani", None)
    assert name_and_role("Coach Dave Harmon") == ("Dave Harmon", "Coach")


def test_no_title_abbreviation_dot_ends_a_sentence():
    import regex

    from quotes.lexicon.names import NOT_ABBR
    ends = regex.compile(NOT_ABBR + r"\.\s")
    assert not ends.search("said Supt. Brian O’Neill") and not ends.search("Det. Sgt. Amy Collins")
    assert ends.search("the end. Next")
