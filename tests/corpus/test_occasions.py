"""The occasion an article names for a quote (corpus/occasions.py) and how the alignment uses it."""
import datetime as dt

from quotes.corpus.occasions import (Occasion, attribution_words, called_words, event_names, kind_of, kind_of_title,
                                     names_title, occasion_of, places_of, title_words, titled_words)
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


ANNOUNCEMENT = "Remarks Announcing Candidacy for President in New York City"
GREENVILLE = "Republican Candidates Debate in Greenville, South Carolina"
MANCHESTER = "Republican Candidates Debate in Manchester, New Hampshire"


def test_places_and_event_names_name_a_title():
    def named(text, title):
        return names_title(Occasion(places=places_of(text), titled=titled_words(text)), title)

    assert places_of("At a rally in Green Bay, Wisconsin, on Friday, he said") == (("green", "bay", "wisconsin"),)
    assert named("the debate last Saturday in South Carolina", GREENVILLE)
    assert not named("the debate last Saturday in South Carolina", MANCHESTER)
    assert named("when Trump in his announcement speech called them", ANNOUNCEMENT)  # "Announcing"
    assert not named("in an interview with The New York Times", ANNOUNCEMENT)  # no place after "in"/"at"
    assert titled_words("at a Trump rally") == ()  # a person's name is no event's
    assert titled_words("the Republican debate") == ()  # nor a word of every debate's title
    assert not named("at a rally in Portland, Maine", RALLY)


def test_the_source_an_article_names_by_its_title_or_place():
    speech = src("They are bringing crime. They are rapists. And some are good people.", "2015-06-16",
                 ANNOUNCEMENT, "announce")
    later = src("We will build a great wall and they are rapists, some of them.", "2016-07-11", RALLY, "rally")
    context = "When Trump in his announcement speech called immigrants QUOTE and promised a wall."
    # a year before the article, and another speech of the article's week has the word: the title decides
    assert found([speech, later], [quote("a", "rapists", context, "2016-07-18")]) == {
        "a": ("announce", "in the occasion the article names")}
    assert found([speech, later], [quote("a", "rapists", "He called them QUOTE.", "2016-07-18")]) == {}
    # days named that the titled source does not fit: not that source
    dated = "In his announcement speech last Monday he called them QUOTE."
    assert found([speech, later], [quote("a", "rapists", dated, "2016-07-18")]) == {}
    # two debates in the article's week: the place tells which
    one = src(ANSWER + " They do wonderful things.", "2016-02-13", GREENVILLE, "sc")
    two = src(ANSWER + " They do wonderful things.", "2016-02-15", MANCHESTER, "nh")
    context = "At the debate in South Carolina, he said it did QUOTE for women."
    assert found([one, two], [quote("a", "wonderful things", context, "2016-02-18")]) == {
        "a": ("sc", "in the occasion the article names")}
    assert found([one, two], [quote("a", "wonderful things", context.replace("in South Carolina", ""),
                                    "2016-02-18")]) == {}


def test_a_phrase_said_in_several_places_of_the_named_source():
    text = ("We will be a country of law and order. " + "Many other words are said here today. " * 4
            + "There is no prosperity without law and order. " + "More words again and again. " * 4
            + "I am the law and order candidate. Believe me.")
    rally = src(text, "2016-07-21", RALLY, "rally")
    context = "At the rally on Thursday he offered himself as a QUOTE candidate and appealed to workers."
    m = {x.quote_id: x for x in align_sources([rally], [quote("a", "law and order", context, "2016-07-22")]).matches}
    assert m["a"].start == text.index("law and order candidate")  # the words the article prints next to it
    # none of its places has the article's words: the occasion is certain, the place is not: the
    # first, said three times there
    bare = "At the rally on Thursday he offered himself as QUOTE to workers."
    m = {x.quote_id: x for x in align_sources([rally], [quote("a", "law and order", bare, "2016-07-22")]).matches}
    assert (m["a"].start, m["a"].places, m["a"].how) == (text.index("law and order"), 3, "in the occasion the article names")
    # the article names no occasion, and an earlier speech has the words too: none
    earlier = src("Law and order, folks.", "2016-06-01", RALLY.replace("Green Bay", "Racine"), "racine")
    assert found([rally, earlier], [quote("a", "law and order", bare.replace(" on Thursday", ""), "2016-07-22")]) == {}
    # several hold them as much: the first of those
    tie = "At the rally on Thursday he promised a country of QUOTE and prosperity."
    m = {x.quote_id: x for x in align_sources([rally], [quote("a", "law and order", tie, "2016-07-22")]).matches}
    assert m["a"].start == text.index("law and order")


def test_the_articles_own_day_starts_the_day_before():
    line = "bring back our jobs"  # (a few words: never a re-quote)
    wednesday = src("Thank you. We will " + line + " from Mexico. Thank you.", "2016-08-10", RALLY, "wed")
    dated = QuoteToCheck("a", "u-a", "trump", line, "2016-08-11", "2016-08-11", "2016-08-11", "art")
    assert found([wednesday], [dated]) == {"a": ("wed", "aligned")}  # "earlier in the day", dated the next day
    two_days = QuoteToCheck("a", "u-a", "trump", line, "2016-08-12", "2016-08-12", "2016-08-12", "art")
    assert found([wednesday], [two_days]) == {}


def test_a_rewording_in_the_turns_of_the_occasion_the_article_reports():
    debate = src("Let me tell you. The reason they're not loving me is, I don't want their money. I'm self-funding. "
                 "We want a new relationship between our two countries, folks.", "2016-02-06", DEBATE, "debate")
    article = [quote("a", "We want a new relationship between our two countries", "Trump said QUOTE", "2016-02-07"),
               quote("b", "They're booing because I don't want their money", "QUOTE he said.", "2016-02-07"),
               quote("c", "joint operations between our two countries", "He praised QUOTE", "2016-02-07")]
    assert found([debate], article) == {"a": ("debate", "aligned"), "b": ("debate", "with the article's other quotes")}
    # alone in its article: no occasion tells where to look, and 5 of 8 words are too few
    assert found([debate], article[1:2]) == {}


def test_a_place_is_matched_by_whole_words():
    def named(text, title):
        return names_title(Occasion(places=places_of(text), titled=titled_words(text)), title)

    jackson = "Remarks at the Mississippi Coliseum in Jackson, Mississippi"
    assert named("at a rally in Jackson on Wednesday", jackson)
    assert not named("at a rally in Jacksonville on Wednesday", jackson)  # 6 letters shared, another city
    assert not named("at the debate in Columbus", "Republican Candidates Debate in Columbia, South Carolina")
    assert named("in his immigration speech", "Remarks on Immigration at the Phoenix Convention Center")  # a name: its stem
    assert places_of("In Green Bay, Wisconsin, on Friday he said") == (("green", "bay", "wisconsin"),)  # a sentence's start
    assert places_of("At Saint Anselm College he said") == (("saint", "anselm", "college"),)


RIGGED = "totally rigged system"


def rallies(*specs):
    """Rallies (day, title, source id) that all hold ``RIGGED``."""
    return [src(f"We will end this {RIGGED}, folks. Thank you.", d, t, sid) for d, t, sid in specs]


def test_a_place_alone_tells_only_among_the_sources_of_the_articles_days():
    segs = rallies(("2016-01-01", "Remarks at Seven Flags Event Center in Des Moines, Iowa", "iowa"),
                   ("2016-01-02", "Remarks at the Reno-Sparks Convention Center in Reno, Nevada", "nevada"))
    context = "At a rally in Iowa he promised to end the QUOTE and to build the wall."
    # two rallies of the article's week hold it: the place tells which
    assert found(segs, [quote("a", RIGGED, context, "2016-01-03")]) == {"a": ("iowa", "in the occasion the article names")}
    # months later: he spoke in Iowa again; the one transcript of an Iowa visit is not the one
    assert found(segs, [quote("a", RIGGED, context, "2016-06-01")]) == {}


def test_the_last_day_named_decides_between_two_days_only():
    # a month named: a rally of its first days as likely as one of its last
    segs = rallies(("2016-09-09", RALLY, "early"), ("2016-09-30", RALLY, "late"))
    month = "At a rally in September he promised to end the QUOTE and to build the wall."
    assert found(segs, [quote("a", RIGGED, month, "2016-10-05")]) == {}
    # the article's day, which starts the day before (a next-day edition): that day's rally
    segs = rallies(("2016-09-26", RALLY, "monday"), ("2016-09-27", RALLY, "tuesday"))
    today = "At a rally earlier today he promised to end the QUOTE and to build the wall."
    assert found(segs, [quote("a", RIGGED, today, "2016-09-27")]) == {"a": ("tuesday", "in the occasion the article names")}


CONVENTION = "Address Accepting the Presidential Nomination at the Republican National Convention in Cleveland, Ohio"
WATCHING = ("A reporter went to a living room to watch the Republican National Convention with a voter.\n"
            + "She talked about her life, her job and her doctor for a long time. " * 12 + "\n"
            + "As Trump went on about QUOTE and more, she said yes, over and over again.")


def test_the_events_an_article_names_by_their_proper_name():
    assert event_names("to watch the Republican National Convention with the woman") == (
        ("republican", "national", "convention"),)
    assert event_names("at the AIPAC Policy Conference. The Detroit Economic Club heard it") == (
        ("aipac", "policy", "conference"), ("detroit", "economic", "club"))
    assert event_names("the convention, a conference call, the Convention") == ()  # no proper name
    assert set(event_names("the Republican National Convention")[0]) <= title_words(CONVENTION)
    assert not set(event_names("the Democratic National Convention")[0]) <= title_words(CONVENTION)


def test_the_articles_event_counts_only_where_the_paragraph_names_none():
    names = event_names(WATCHING)
    context = WATCHING.replace("QUOTE", '"how the system is rigged,"')
    occasion = occasion_of(*at(context, "how the system is rigged,"), "2016-10-02", names)
    assert occasion.names == (("republican", "national", "convention"),)
    dated = context.replace("As Trump went on", "At a rally in Ohio on Friday, as Trump went on")
    assert occasion_of(*at(dated, "how the system is rigged,"), "2016-10-02", names).names == ()


def test_a_few_words_printed_weeks_later_in_the_event_the_article_names():
    speech = src("They know the system is rigged. I know how the system is rigged, believe me. Thank you.",
                 "2016-07-21", CONVENTION, "rnc")
    later = src("Crooked Hillary. The system is totally rigged, folks. Thank you.", "2016-09-30", RALLY, "rally")

    def article(text):
        qt = QuoteToCheck("a", "u-a", "trump", "how the system is rigged", "2016-10-02", None, None, "art",
                          *at(text.replace("QUOTE", '"how the system is rigged,"'), "how the system is rigged"),
                          event_names(text))
        return found([speech, later], [qt])

    assert article(WATCHING) == {"a": ("rnc", "in the occasion the article names")}
    # the article names no event, or another one: the words are looked for in the days of the article only
    assert article(WATCHING.replace("Republican National Convention", "debate")) == {}
    assert article(WATCHING.replace("Republican", "Democratic")) == {}
    # an event two sources are titled by names neither
    two = src(speech.text, "2016-07-20", CONVENTION.replace("Accepting", "Before"), "rnc2")
    qt = QuoteToCheck("a", "u-a", "trump", "how the system is rigged", "2016-10-02", None, None, "art",
                      *at(WATCHING.replace("QUOTE", '"how the system is rigged,"'), "how the system is rigged"),
                      event_names(WATCHING))
    assert found([speech, two, later], [qt]) == {}


MIAMI = "Republican Candidates Debate in Miami, Florida"
SOHO = "Remarks at Trump SoHo in New York City"
TRUMP = frozenset({"donald", "trump"})


def test_capitalised_words_before_an_event_call_it_by_its_place_venue_or_host():
    assert called_words("in his AIPAC speech he said", TRUMP) == (("aipac",),)
    assert called_words("during the Miami debate last spring", TRUMP) == (("miami",),)
    assert called_words("at a North Carolina rally", TRUMP) == (("north", "carolina"),)
    assert called_words("at a Trump rally", TRUMP) == ()  # the speaker's own name
    assert called_words("in Mr. Trump's speech", TRUMP) == ()  # a possessive: its speaker
    assert called_words("at the Republican debate", TRUMP) == called_words("At rally", TRUMP) == ()
    assert names_title(Occasion(called=called_words("the Miami debate")), MIAMI)
    assert not names_title(Occasion(called=called_words("the Fox Business debate")), MIAMI)
    # nor does his name after "at" name a place of his
    context = 'At the Trump rally he said "no way" twice.'
    assert occasion_of(*at(context, "no way"), "2016-06-03", speaker_words=TRUMP).places == ()
    assert occasion_of(*at(context, "no way"), "2016-06-03").places == (("trump",),)


def trump_src(text, day, title, source):
    return Segment(source, 0, frozenset({"trump"}), day, text, 0, title, "Donald Trump")


def test_a_debate_called_by_its_place_months_later_and_a_rally_of_the_articles_days():
    segs = [trump_src(ANSWER + " They do wonderful things.", "2016-03-10", MIAMI, "miami"),
            trump_src(ANSWER + " They do wonderful things.", "2016-03-03", DEBATE, "detroit")]
    context = "During the Miami debate, he said the women do QUOTE for the country."
    # four months later, two debates hold the words: the one the article calls by its place
    assert found(segs, [quote("a", "wonderful things", context, "2016-07-01")]) == {
        "a": ("miami", "in the occasion the article names")}
    assert found(segs, [quote("a", "wonderful things", context.replace("Miami ", ""), "2016-07-01")]) == {}
    # "a Trump rally", "the Trump rally" call no occasion: not "Remarks at Trump SoHo" of the article's week
    rallies = [trump_src(f"We will end this {RIGGED}, folks.", d, t, sid)
               for d, t, sid in (("2016-06-01", SOHO, "soho"), ("2016-06-02", RALLY, "greenbay"))]
    for context in ("At a Trump rally he promised to end the QUOTE and to build the wall.",
                    "At the Trump rally he promised to end the QUOTE and to build the wall."):
        assert found(rallies, [quote("b", RIGGED, context, "2016-06-03")]) == {}
    called = "At a Green Bay rally he promised to end the QUOTE and to build the wall."
    assert found(rallies, [quote("b", RIGGED, called, "2016-06-03")]) == {
        "b": ("greenbay", "in the occasion the article names")}
