from hypothesis import given, strategies as st

from quotes.corpus.textnorm import collapse_space, fold_word, keys, normalize, typographic, units


def test_curly_and_straight_marks_fold_alike():
    assert keys("What exactly they’re doing") == keys("What exactly they're doing")
    assert typographic("“fair game” — ‘yes’") == '"fair game" - \'yes\''


def test_contractions_fold_to_one_form():
    # seeds: Bloomberg "they’re doing", Epoch "they are doing"
    assert normalize("What exactly they’re doing") == normalize("What exactly they are doing")
    # AP "We don’t yet know", Fox "We do not yet know"
    assert normalize("We don’t yet know") == normalize("We do not yet know")
    assert normalize("that’s to be seen") == normalize("that is to be seen")
    assert normalize("I cannot") == normalize("I can't") == normalize("I can not")
    # a possessive is not a contraction: it folds to its noun
    assert keys("Russia’s behalf") == ("russia", "behalf")
    assert keys("it’s that’s let’s") == ("it's", "that's", "let's")


def test_possessives_fold_to_the_noun():
    # issue 13: outlets print NATO's / NATO’s / NATO' / NATO; a cut may drop the ending
    assert normalize("ISIS's leaders") == normalize("ISIS’ leaders") == normalize("ISIS leaders")
    assert normalize("NATO’s allies") == normalize("NATO' allies")
    assert normalize("the Jones's house") == normalize("the Jones' house")
    assert normalize("It's done") == normalize("it is done") != normalize("It done")


def test_case_punctuation_numbers_and_hyphens():
    # NY Post headline vs body
    assert normalize("Very, very serious issue") == normalize("very, very serious issue,")
    assert keys("3,000 soldiers") == ("3000", "soldiers")
    assert keys("the Indo-Pacific") == ("the", "indopacific")
    # mixed marks left at the edges of a word (Epoch: ’very serious issue')
    assert keys("’very serious issue'") == ("very", "serious", "issue")


def test_brackets_are_flagged_as_editorial():
    us = units("We are seeing evidence that there are North Korean troops [in Russia].")
    assert [u.key for u in us if u.bracket] == ["in", "russia"]
    assert not any(u.bracket for u in us[:-2])
    first = units("[It’s] important not to overreact")[0]
    assert (first.key, first.surface, first.bracket) == ("it's", "[It’s]", True)


def test_punctuation_tokens_stay_with_a_word():
    us = units("But — but I’ll tell you")
    assert [u.key for u in us] == ["but", "but", "i'll", "tell", "you"]
    assert us[0].surface == "But —"
    assert keys("act—“My tax plan") == ("act", "my", "tax", "plan")
    assert keys("— …") == ()


def test_fold_word_and_collapse_space():
    assert fold_word("Zelenskyy’s") == "zelenskyy"
    assert fold_word("“") == ""
    assert fold_word("Café") == "cafe"
    assert collapse_space("  a \n b ") == "a b"


@given(st.text())
def test_units_never_crash_and_keys_are_words(text):
    for u in units(text):
        assert u.key and u.key == u.key.strip()
        assert " " not in u.key
        assert u.surface.strip()


@given(st.lists(st.sampled_from(["a", "very,", "Very", "serious", "[in", "Russia]", "they’re",
                                 "they", "are", "—", "3,000", "issue.", "“If"]), max_size=30))
def test_surfaces_cover_every_printed_word(words):
    text = " ".join(words + ["end"])  # a text with no word at all has no units
    assert " ".join(u.surface for u in units(text)) == " ".join(text.split())


def test_pairs_a_source_may_fold_across_a_quotes_edge():
    from quotes.corpus.textnorm import edge_fold, folds

    assert {"that's", "it's", "she's"} <= folds("is", True) and "we're" in folds("we", False)
    assert edge_fold("is", "that's", True) and edge_fold("not", "don't", True) and edge_fold("do", "don't", False)
    assert not edge_fold("is", "that's", False) and not edge_fold("is", "you're", True) and not folds("problem", True)
