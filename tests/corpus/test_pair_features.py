"""quotes.corpus.pair_features: the named features of a candidate pair, on real seed quotes."""
import math
from datetime import date

from quotes.corpus.pair_features import FEATURES, PairSide, PhraseStats, fold_possessive, match_keys, pair_features
from quotes.corpus.textnorm import keys

DAY = date(2024, 10, 23).toordinal()


def side(text, day=DAY, said=(None, None), outlet="o1", speaker="austin"):
    return PairSide(match_keys(keys(text)), speaker, day, day, said, frozenset([outlet]), said[0] is not None)


def feats(a, b, stats=None, family="austin", rel=0):
    return dict(zip(FEATURES, pair_features(a, b, stats, family, rel)))


def test_possessives_fold_to_one_word():
    # NATO's / NATO’ / NATO' (the apostrophe forms are already straight in textnorm keys)
    assert match_keys(keys("NATO’s plan")) == match_keys(keys("NATO' plan")) == match_keys(keys("NATO's plan"))
    assert fold_possessive("it's") == "it's"  # a contraction, not a possessive


def test_a_cut_is_contained_and_fully_covered():
    long_ = "If their intention is to participate in this war on Russia’s behalf that is a very, very serious issue"
    f = feats(side(long_), side("a very, very serious issue", outlet="o2"))
    assert f["contained"] == 1.0 and f["cover_short"] == 1.0
    assert f["longest_run"] == math.log1p(5)
    assert f["gap_days"] == 0.0 and f["same_outlet"] == 0.0


def test_reordered_words_keep_their_bag():
    f = feats(side("we will stand with the farmers and ranchers of this state every day"),
              side("we will stand with the ranchers and farmers of this state every day", outlet="o2"))
    assert f["bag_short"] == 1.0
    assert f["contained"] == 0.0 and f["similarity"] < 1.0


def test_cuts_of_one_statement_at_different_places_overlap_at_their_edges():
    a = "We assess that these soldiers traveled by ship from the Wonsan area to Vladivostok"
    b = "traveled by ship from the Wonsan area to Vladivostok, and then onward to training sites"
    assert feats(side(a), side(b, outlet="o2"))["edge_overlap"] == 1.0
    assert feats(side(a), side("the Wonsan area", outlet="o2"))["edge_overlap"] == 0.0  # contained


def test_phrase_days_count_the_other_days_the_speaker_says_it():
    line = "we are going to bring our jobs back"
    stats = PhraseStats()
    for d in (0, 30, 60, 90):
        stats.add("trump", match_keys(keys(line)), DAY + d)
    f = feats(side(line, speaker="trump"), side(line, DAY + 30, speaker="trump", outlet="o2"), stats, "trump")
    assert f["phrase_days"] == math.log1p(2)  # said on two days besides the pair's own
    once = PhraseStats()
    once.add("trump", match_keys(keys(line)), DAY)
    assert feats(side(line), side(line, outlet="o2"), once, "trump")["phrase_days"] == 0.0


def test_attribution_days_that_exclude_each_other_conflict():
    monday = (DAY - 2, DAY - 2)
    thursday_before = (None, DAY - 6)  # printed on the Thursday before: said by then
    f = feats(side("a line", DAY, monday), side("a line", DAY - 6, thursday_before, outlet="o2"))
    assert f["said_conflict"] == 1.0 and f["named_days"] == 1.0
    f = feats(side("a line", DAY, (DAY - 9, DAY - 3)), side("a line", DAY - 7, outlet="o2"))
    assert f["said_conflict"] == 0.0 and f["said_points"] == 1.0  # "last week" reaches its date
