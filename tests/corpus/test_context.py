"""A few printed words placed by the article's words around them (``corpus.context``)."""
from quotes.corpus.context import ContextScore, article_words
from quotes.corpus.sources import BY_ARTICLE, QuoteToCheck, Segment, align_sources

FILLER = "we are going to win so much and it is going to be great folks believe me " * 12  # in every source
IRAN = "the Iran deal with Tehran gave billions to the ayatollah and sanctions relief and nuclear centrifuges, a disaster. "
TRADE = "and look at our trade with Mexico, the factories, NAFTA, a disaster. "
SPEECH = FILLER + IRAN + FILLER + TRADE + FILLER
TRUMP = frozenset({"trump"})


def sources(text=SPEECH) -> list[Segment]:
    """The speech of the quote's days and nine others (the words' weights: said in every
    source, a word weighs nothing)."""
    others = [Segment(f"s{n}", 0, TRUMP, f"2016-0{n}-01", FILLER + "Thank you.", 0) for n in range(1, 10)]
    return [Segment("speech", 0, TRUMP, "2016-10-20", text, 0)] + others


def quote(qid: str, text: str, context: str, article: str = "art") -> QuoteToCheck:
    context = context.replace("QUOTE", f'"{text}"')
    start = context.index(text)
    return QuoteToCheck(qid, "u-" + qid, "trump", text, "2016-10-21", None, None, article, context, start,
                        start + len(text))


IRAN_CONTEXT = ("Trump again attacked the nuclear agreement with Iran, saying the sanctions relief sent billions "
                "to Tehran and the ayatollah. He called the deal QUOTE and promised to tear it up.")


def test_weights_and_pick():
    w = ContextScore()
    for words in ({"great", "iran"}, {"great"}, {"great"}, {"great"}):
        w.add(words)
    assert w.weight("great") == 0 and w.weight("iran") > 1 and w.weight("unheard") == 0
    assert w.pick([20.0, 5.0]) == 0 and w.pick([20.0, 19.0]) is None and w.pick([3.0]) is None and w.pick([]) is None
    text = 'He called the deals "a disaster" today.'
    at = text.index("a disaster")
    assert article_words(text, at, at + len("a disaster")) == {"called", "deal", "today"}


def test_a_word_said_in_two_places_takes_the_one_the_article_points_to():
    matches = align_sources(sources(), [quote("a", "disaster", IRAN_CONTEXT)]).matches
    assert [(m.how, m.start) for m in matches] == [(BY_ARTICLE, SPEECH.index("disaster"))]


def test_beside_the_articles_other_quotes_too():
    article = [quote("long", "we are going to win so much and it is going to be great folks believe me",
                     "He said QUOTE at the end."),
               quote("a", "disaster", IRAN_CONTEXT)]
    m = {x.quote_id: x for x in align_sources(sources(), article).matches}
    assert m["a"].how == "with the article's other quotes" and m["a"].start == SPEECH.index("disaster")


def test_no_place_when_the_article_points_nowhere():
    context = "Trump spoke for an hour in Ohio. He called his opponent's campaign QUOTE."
    assert align_sources(sources(), [quote("a", "disaster", context)]).matches == []
    # the article names the day: that source, and the first of the word's two places in it
    (m,) = align_sources(sources(), [quote("a", "disaster", context.replace("QUOTE.", "QUOTE on Thursday."))]).matches
    assert (m.start, m.places) == (SPEECH.index("disaster"), 2)
    # the article's words near both places alike: neither
    iran_words = "Iran, Tehran, the ayatollah, sanctions, nuclear, a disaster"
    both = SPEECH.replace(TRADE, TRADE.replace("a disaster", iran_words))
    assert align_sources(sources(both), [quote("a", "disaster", IRAN_CONTEXT)]).matches == []
