"""When a quote was said: time words of the attribution, resolved against the article's date."""
import datetime as dt
from pathlib import Path

import pytest

from quotes.extract.pipeline import extract_articles
from quotes.model import Article
from quotes.extract.dating import time_cues, when_said

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "occasion"
D = dt.date.fromisoformat


def said(context, published):
    got = when_said(context, D(published))
    return got and (got[0].isoformat(), got[1].isoformat())


def test_a_weekday_is_the_last_such_day_on_or_before_the_article():
    assert said("he told supporters in Nashua on Monday morning.", "2016-02-08") == ("2016-02-08", "2016-02-08")
    assert said("he told supporters on Monday.", "2016-02-10") == ("2016-02-08", "2016-02-08")
    assert said("at Thursday night's debate", "2016-08-23") == ("2016-08-18", "2016-08-18")


def test_relative_words():
    assert said("she said yesterday", "2016-08-23") == ("2016-08-22", "2016-08-22")
    assert said("he said two weeks ago", "2016-08-23") == ("2016-08-06", "2016-08-12")
    assert said("said earlier this month", "2016-08-23") == ("2016-08-01", "2016-08-23")
    assert said("said last month", "2016-01-23") == ("2015-12-01", "2015-12-31")
    # "last week": the Sunday-to-Saturday week before, a day more on each side
    assert said("he said during a debate in Miami last week.", "2016-03-18") == ("2016-03-05", "2016-03-13")
    assert said("Trump warned in Everett, Wash., recently.", "2016-09-12") == ("2016-08-13", "2016-09-12")


def test_months_and_dates():
    assert said("he told CNN's Chris Cuomo in October.", "2015-11-10") == ("2015-10-01", "2015-10-31")
    assert said("her March comment that", "2016-06-10") == ("2016-03-01", "2016-03-31")
    assert said("in a December interview", "2016-03-18") == ("2015-12-01", "2015-12-31")
    assert said("Clinton said on Jan. 24, 2013, that", "2016-02-10") == ("2013-01-24", "2013-01-24")
    assert said("she said in 2012", "2016-02-10") == ("2012-01-01", "2012-12-31")


def test_no_occasion_from_names_shows_habits_or_the_future():
    assert said("June Carter said", "2016-02-10") is None  # a name, not the month
    assert said("Trump, who will speak Monday, said", "2016-02-10") is None
    assert said("he said ahead of Tuesday's primary", "2016-02-10") is None
    assert said("he campaigns on Mondays", "2016-02-10") is None
    assert said("she told USA TODAY", "2016-02-10") is None
    assert said("he said on ABC's This Week", "2016-02-10") is None
    assert said("as recently as last year", "2016-02-10") == ("2015-01-01", "2015-12-31")  # not "recently"


def test_contradicting_time_words_date_nothing():
    assert said("she said Sunday, referring to what she said in March", "2016-08-23") is None


def test_explicit_dates_need_no_article_date():
    assert when_said("Clinton said on Jan. 24, 2013, that", None)[0] == D("2013-01-24")
    assert when_said("he said on Monday", None) is None
    assert [c[2] for c in time_cues("on Oct. 9, 2016, and in 2012", None)] == ["Oct. 9, 2016", "in 2012"]


@pytest.fixture(scope="module")
def extracted():
    arts = [Article(doc_id=p.stem, text=p.read_text(encoding="utf-8"), published=pub)
            for p, pub in ((FIXTURES / "stump_line.txt", "2016-02-08"), (FIXTURES / "other_verb.txt", "2016-04-12"))]
    return {a.doc_id: qs for a, qs in extract_articles(arts)}


def test_the_extractor_dates_a_quote_by_its_own_speech_verb(extracted):
    q = next(q for q in extracted["stump_line"] if q.text.startswith("We have come"))
    assert (q.said_from, q.said_to, q.said_when) == ("2016-02-08", "2016-02-08", "Monday")
    q = next(q for q in extracted["other_verb"] if q.text.startswith("I will campaign"))
    assert (q.said_from, q.said_to) == ("2016-04-12", "2016-04-12")


def test_time_words_of_another_verb_do_not_date_the_quote(extracted):
    # "on Monday" is when Sanders jabbed, not when Clinton said it (two weeks before)
    q = next(q for q in extracted["other_verb"] if q.text.startswith("I am so sick"))
    assert q.said_from is None and q.said_to is None
    # a continuation without speech verb of its own ("We are going to win.") takes its
    # split quote's verb: "said Tuesday"
    q = next(q for q in extracted["other_verb"] if q.text.startswith("We are going"))
    assert (q.said_from, q.said_to) == ("2016-04-12", "2016-04-12")


def test_names_and_hopes_are_no_dates():
    assert said("said Cynthia Pellegrini of the March of Dimes", "2016-06-29") is None
    assert said("a Republican who can win the general election in November", "2016-02-17") is None


def test_a_future_date_hides_its_month():
    assert said("the Republican nominee for the Nov. 8 election later said", "2016-07-31") is None


def test_time_words_describing_the_speaker_do_not_date_the_quote(extracted):
    q = next(q for q in extracted["other_verb"] if q.text.startswith("It is different"))
    assert q.speaker == "David Plouffe" and q.said_from is None


def test_the_time_words_of_an_outer_speech_verb_do_not_date_an_inner_quote(extracted):
    q = next(q for q in extracted["other_verb"] if q.text.startswith("a terrible situation"))
    assert q.speaker == "Sanders" and q.said_from is None


def test_a_participle_shares_the_time_of_its_clause(extracted):
    q = next(q for q in extracted["other_verb"] if q.text.startswith("dangerous nonsense"))
    assert q.speaker == "Cruz" and (q.said_from, q.said_when) == ("2016-04-09", "Saturday")
