"""The word lists: one list each, derived sets where a use needs a different one."""
from quotes.lexicon import words


def test_lists_are_lower_case_words():
    for name in dir(words):
        value = getattr(words, name)
        if name.isupper() and isinstance(value, frozenset):
            assert value, name
            assert all(w == w.lower() and w.strip() == w and w for w in value), name


def test_derived_sets_are_built_from_the_one_list():
    assert words.PRONOUNS > words.PERSONAL_PRONOUNS and {"who", "whom"} <= words.PRONOUNS
    assert words.NOT_NAMES == words.PRONOUNS | {"one"}
    assert words.COURTESY_HONORIFICS < words.HONORIFICS
    assert set(words.PERSON_PRONOUNS) <= words.PRONOUNS and words.GROUP_PRONOUNS <= words.PRONOUNS
    assert words.ANTECEDENT_PRONOUNS < words.PERSONAL_PRONOUNS
    assert words.WORKS < words.WORK_WORDS and words.WORKS < words.TITLE_OR_LABEL_WORDS
    assert words.TITLE_OR_LABEL_WORDS - words.WORKS - words.LABEL_WORDS - words.SCARE_WORDS == {"headline", "nickname"}
    assert "so-called" in words.TITLE_OR_LABEL_WORDS and "self-styled" not in words.TITLE_OR_LABEL_WORDS


def test_title_heads_are_every_role_noun_plus_offices_met_only_in_titles():
    assert words.ROLE_NOUNS < words.TITLE_HEADS
    assert {"envoy", "sheikh"} <= words.TITLE_HEADS - words.ROLE_NOUNS


def test_organisation_heads_hold_both_former_lists():
    # the extractor's "Department of Defense" heads and the corpus step's "... Service" heads
    assert {"department", "association", "church", "school"} <= words.ORG_HEADS
    assert {"agency", "service", "army", "parliament", "intelligence"} <= words.ORG_HEADS


def test_speech_lemmas_cover_the_usual_news_verbs():
    assert {"say", "tell", "add", "claim", "tweet"} <= words.SPEECH_LEMMAS
    assert words.IRREGULAR["said"] == "say"
    assert "shoot" in words.PHRASAL["back"]
