"""The occasion an article names for a quote (corpus/occasions.py) and how the alignment uses it."""
import datetime as dt

from quotes.corpus.occasions import attribution_words, kind_of, kind_of_title, occasion_of
from quotes.corpus.sources import QuoteToCheck, Segment, align_sources

DEBATE = "Republican Candidates Debate in Detroit, Michigan"
RALLY = "Remarks at the KI Convention Center in Green Bay, Wisconsin"
ANSWER = ("He should have beaten President Obama very easy. He failed miserably. I guarantee you there is no "
          "problem. I guarantee. We have some protesters who are bad dudes, they have done bad things.")


def at(context: str, quote: str) -> tuple[str, int, int]:
    start = context.index(quote)
    return context, start, start + len(quote)


def day(ordinal):
    return dt.date.fromordinal(ordinal).isoformat()


def test_kinds_named_by_an_article_and_by_a_title():
    assert kind_of("he said at the debate last night") == "debate"
    assert kind_of("Trump told reporters in Scotland") == "interview"
    assert kind_of("he said in a statement on Friday") == "statement"
    assert kind_of("Trump told the crowd at a rally in Maine") == "speech"
    assert kind_of("the debate's crowd cheered") == "debate"  # a debate has an audience
    assert kind_of("he told Chris Cuomo of CNN after the debate") is None  # two occasions: none
    assert kind_of("his past statements about neutrality; he will address the issue") is None  # topics, verbs
    assert (kind_of_title(DEBATE), kind_of_title(RALLY), kind_of_title(None)) == ("debate", "speech", None)


def test_the_attribution_is_the_paragraph_to_the_end_of_the_quotes_sentence_without_quoted_words():
    text = ('An earlier paragraph on Monday.\nAt a rally in Portland on Thursday, he spoke. "We said it on Friday," '
            'he said. "No way of vetting." Then on Saturday he flew home.')
    words = attribution_words(*at(text, "No way of vetting."))
    assert "Thursday" in words and "Monday" not in words and "Saturday" not in words and "Friday" not in words
    occasion = occasion_of(*at(text, "No way of vetting."), "2016-08-10")
    assert occasion.kind == "speech" and day(occasion.first) == day(occasion.last) == "2016-08-04"
    assert not occasion_of(None, 0, 0, "2016-08-10").named


def src(text, day, title, source):
    return Segment(source, 0, frozenset({"trump"}), day, text, 0, title)


def quote(qid, text, context, published, article="art"):
    context = context.replace("QUOTE", f'"{text}"')
    start = context.index(text)
    return QuoteToCheck(qid, "u-" + qid, "trump", text, published, None, None, article, context, start,
                        start + len(text))


def found(segments, quotes):
    return {m.quote_id: (m.source_id, m.how) for m in align_sources(segments, quotes).matches}


def test_a_source_of_another_kind_is_refused():
    line = "He should have beaten President Obama very easy"
    debate = src(ANSWER, "2016-03-03", DEBATE, "debate")
    assert found([debate], [quote("a", line, "Trump said QUOTE at the debate.", "2016-03-04")]) == {
        "a": ("debate", "aligned")}
    assert found([debate], [quote("a", line, "Trump said QUOTE in an interview with CNN.", "2016-03-04")]) == {}
    assert found([debate], [quote("a", line, "Trump wrote QUOTE in a statement.", "2016-03-04")]) == {}
    # an article's "rally" may be another event's: a debate and a speech do not contradict each other
    assert found([debate], [quote("a", line, "After a fight at a Trump rally, he said QUOTE", "2016-03-04")]) == {
        "a": ("debate", "aligned")}


def test_a_day_the_article_names_in_its_week_is_the_day():
    line = "This could be the great Trojan horse of all time for our country"
    friday = src(line + ". Believe me.", "2016-08-05", RALLY, "friday")
    context = "At a rally in Portland, Maine, on Thursday afternoon, he spoke. QUOTE he said."
    assert found([friday], [quote("a", line, context, "2016-08-10")]) == {}  # Thursday was the 4th
    assert found([friday], [quote("a", line, "He spoke. QUOTE he said.", "2016-08-10")]) == {"a": ("friday", "aligned")}


def test_an_earlier_occasion_the_article_names_widens_the_window():
    line = "Very, very pro-Israel, nobody more pro-Israel than me"
    september = src("I said it. " + line + ". Thank you.", "2015-09-16", DEBATE, "sept")
    context = "At the September debate in California, Trump said QUOTE"
    assert found([september], [quote("a", line, context, "2016-01-20")]) == {"a": ("sept", "aligned")}
    # not named: four months is too far for an undated quote of a few words
    assert found([september], [quote("a", line[:33], "Trump said QUOTE", "2016-01-20")]) == {}


def test_a_re_quote_is_refused_when_the_article_names_a_current_occasion():
    line = "You knew damn well that I was a snake before you took me in"
    august = src("A poem. " + line + ". The end.", "2016-08-12", RALLY, "aug")
    assert found([august], [quote("a", line, "He spoke. QUOTE he said.", "2016-09-12")]) == {"a": ("aug", "re-quote")}
    assert found([august], [quote("a", line, "QUOTE Trump told the crowd, reciting the poem.", "2016-09-12")]) == {}


def test_a_word_or_two_in_the_one_source_the_article_names():
    debate = src(ANSWER, "2016-03-03", DEBATE, "debate")
    rally = src("I guarantee you, we are going to win. Bad dudes.", "2016-03-01", RALLY, "rally")
    context = "At the debate, he said he can QUOTE other body parts are not small."
    assert found([debate, rally], [quote("a", "guarantee", context, "2016-03-04")]) == {
        "a": ("debate", "in the occasion the article names")}  # twice in one breath: one place
    assert found([debate, rally], [quote("a", "guarantee", context.replace("At the debate", "Later"),
                                         "2016-03-04")]) == {}  # no occasion named: one word is not looked for
    assert found([debate, rally], [quote("b", "bad dudes", "At the debate he called them QUOTE", "2016-03-04")]) == {
        "b": ("debate", "in the occasion the article names")}
    two = src(ANSWER, "2016-02-28", DEBATE, "debate2")  # two debates in the window: which one is not known
    assert found([debate, two], [quote("a", "guarantee", context, "2016-03-04")]) == {}
