import json

from hypothesis import given, strategies as st

from quotes.corpus.textnorm import keys
from quotes.corpus.worddiff import align_window, apply_side, flipped_like, word_diff

# seeds: Fox / Epoch / NY Post say "issue", AP says "problem"
ISSUE = "that is a very, very serious issue"
PROBLEM = "that is a very, very serious problem"
BLOOMBERG = ("If their intention is to participate in this war on Russia’s behalf that is a "
             "very, very serious issue, and it will have impacts, not only in Europe,")


def test_substitution_is_a_delete_and_an_insert():
    assert word_diff(ISSUE, PROBLEM) == [
        ["equal", "that is a very, very serious"], ["delete", "issue"], ["insert", "problem"]]


def test_identical_is_one_equal_run():
    assert word_diff("significant escalation", "significant escalation") == [
        ["equal", "significant escalation"]]


def test_truncation_shows_the_cut_words_as_deleted():
    d = word_diff(BLOOMBERG, "a very, very serious issue")  # Fox's partial
    assert d == [
        ["delete", "If their intention is to participate in this war on Russia’s behalf that is"],
        ["equal", "a very, very serious issue,"],
        ["delete", "and it will have impacts, not only in Europe,"],
    ]


def test_a_cut_is_aligned_where_its_words_are_not_at_the_first_match():
    # Epoch's "very serious issue" is the second "very" of Bloomberg's, not the first
    d = word_diff(BLOOMBERG, "very serious issue")
    assert ["equal", "very serious issue,"] in d
    assert ["insert", "very"] not in d


def test_punctuation_inside_is_shown_but_quote_edges_are_not():
    # AP drops Fox's comma after "Russia"; the final comma before the closing mark is noise
    d = word_diff("in eastern Russia, where they are", "in eastern Russia where they are,")
    assert d == [["equal", "in eastern"], ["delete", "Russia,"], ["insert", "Russia"],
                 ["equal", "where they are"]]


def test_contractions_align_but_show_their_spelling():
    d = word_diff("What exactly they are doing", "What exactly they’re doing")
    assert d == [["equal", "What exactly"], ["delete", "they are"], ["insert", "they’re"],
                 ["equal", "doing"]]


def test_brackets_show_as_inserted_words():
    d = word_diff("there are North Korean troops that have gone to Russia,",
                  "there are North Korean troops [in Russia].")
    assert d[0] == ["equal", "there are North Korean troops"]
    assert ["insert", "[in Russia]."] in d or ["insert", "[in"] in d
    assert json.loads(json.dumps(d)) == d


def test_align_window_widens_over_a_replaced_first_word():
    ref = list(keys("What exactly they are doing is left to be seen. These are things"))
    var = list(keys("remains to be seen,"))
    s, e = align_window(ref, var)
    assert ref[s:e] == ["left", "to", "be", "seen"]


WORDS = st.sampled_from(["a", "very,", "Very", "serious", "issue", "problem", "[in", "Russia]",
                         "they’re", "they", "are", "not", "3,000", "Europe.", "“If", "it"])


@given(st.lists(WORDS, min_size=1, max_size=25), st.lists(WORDS, min_size=1, max_size=25))
def test_diff_rebuilds_both_sides(a, b):
    ref, var = " ".join(a), " ".join(b)
    d = word_diff(ref, var)
    assert apply_side(d, "reference") == " ".join(ref.split())
    assert keys(apply_side(d, "variant")) == keys(var)
    assert all(op in ("equal", "delete", "insert") and text for op, text in d)


def test_a_coordinated_pair_is_turned_round_only_where_the_other_quote_flips_it():
    a, b = tuple(keys("we will protect farmers and ranchers")), tuple(keys("ranchers and farmers need us"))
    assert flipped_like(a, b) == tuple(keys("we will protect ranchers and farmers"))
    # a changed word, function words, a pair the other quote also prints this way: unchanged
    for other in ("farmers and families need us", "ranchers and farmers and farmers and ranchers"):
        assert flipped_like(a, tuple(keys(other))) == a
    c = tuple(keys("you and me and them"))
    assert flipped_like(c, tuple(keys("me and you"))) == c
    # sides of a few words
    d = tuple(keys("put a lot of coal companies and coal miners out of business"))
    assert flipped_like(d, tuple(keys("a lot of coal miners and coal companies out"))) == tuple(
        keys("put a lot of coal miners and coal companies out of business"))
