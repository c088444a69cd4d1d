"""Split quotes (“A,” he said. “B.”) on the seeds' real text (issue 13)."""
try:
    from seed_utterances import AP, BLOOMBERG, FOX, seed_refs
except ImportError:  # tests run as a package
    from tests.seed_utterances import AP, BLOOMBERG, FOX, seed_refs

from dataclasses import replace

from quotes.corpus.grouping import QuoteRef, group_utterances
from quotes.corpus.splitparts import SPLIT_EDITION_GAP, SPLIT_GAP, adjacent_parts, continues
from quotes.corpus.textnorm import keys


def parts_of(refs):
    return adjacent_parts([r.start for r in refs], [r.end for r in refs],
                          [r.article_id for r in refs], [r.speaker_id for r in refs],
                          [r.text for r in refs])


def by_label(refs, label_of):
    return {label_of[r.quote_id]: r for r in refs}


def test_adjacent_parts_are_one_speakers_quotes_around_an_attribution():
    refs, label_of = seed_refs()
    found = {(label_of[refs[i].quote_id], label_of[refs[j].quote_id]) for i, j in parts_of(refs)}
    # ... not only in Europe,” Austin said. “It will also impact things in the Indo-Pacific
    assert (f"{BLOOMBERG}/austin-serious", f"{BLOOMBERG}/austin-serious-2") in found
    # ... undergoing training,” Kirby said. “We don’t yet know ...
    assert (f"{AP}/kirby-training", f"{AP}/kirby-training-2") in found
    for a, b in found:  # every pair: one article, one speaker
        ra, rb = by_label(refs, label_of)[a], by_label(refs, label_of)[b]
        assert ra.article_id == rb.article_id and ra.speaker_id == rb.speaker_id
        assert 0 <= rb.start - ra.end <= SPLIT_GAP
    # Kirby's "fair game" line and Austin's "next step" in AP: other speakers, not parts
    assert not any(f"{AP}/kirby-fairgame" in p for p in found if f"{AP}/austin-nextstep" in p)


def test_quotes_without_offsets_or_speaker_are_never_parts():
    refs, label_of = seed_refs()
    assert parts_of([replace(r, start=None, end=None) for r in refs]) == []
    assert parts_of([replace(r, speaker_id=None) for r in refs]) == []


def test_a_part_continues_where_the_other_part_stops():
    # AP prints Austin's words in one piece; after "not only in Europe" it goes on with
    # what Bloomberg prints as the second part.
    rest = keys("but also in things in the Indo-Pacific.")
    assert continues(keys("It will also impact things in the Indo-Pacific as well."), rest, after=True)
    # ... but not a sentence about something else that shares a few words
    assert not continues(keys("It would also demonstrate an unprecedented level of direct military cooperation "
                              "between Russia and North Korea, with security implications in Europe as well as "
                              "the Indo-Pacific."), rest, after=True)
    # ... and not when the shared words come far from the other part's edge
    assert not continues(keys("things in the Indo-Pacific"),
                         keys("that is a serious problem for many of us and for things in the Indo-Pacific"),
                         after=True)
    # leading up to the other part (the part before it)
    assert not continues(keys("If their intention is to participate in this war"),
                         keys("If their intention is to participate in this war on Russia's behalf, that is "
                              "a very, very serious issue"), after=False)
    assert continues(keys("their intention is to participate in this war"),
                     keys("If they are co-belligerents, their intention is to participate in this war"), after=False)


def test_the_split_part_joins_the_utterance_another_outlet_prints_whole():
    refs, label_of = seed_refs()
    index = group_utterances(refs)
    u = {label_of[q]: uid for q, uid in index.utterance_of.items()}
    assert u[f"{BLOOMBERG}/austin-serious-2"] == u[f"{BLOOMBERG}/austin-serious"] == u[f"{AP}/austin-serious"]
    # without offsets nothing says the two Bloomberg quotes are one, and the part stays apart
    index = group_utterances([replace(r, start=None, end=None) for r in refs])
    u = {label_of[q]: uid for q, uid in index.utterance_of.items()}
    assert u[f"{BLOOMBERG}/austin-serious-2"] != u[f"{BLOOMBERG}/austin-serious"]


def test_two_articles_split_alike_make_one_utterance():
    # AP's Kirby statement split around "Kirby said", printed by a second article the same
    # way, with no outlet printing it in one piece (Fox's version left out)
    refs, label_of = seed_refs()
    ap = [r for r in refs if label_of[r.quote_id] in (f"{AP}/kirby-training", f"{AP}/kirby-training-2")]
    reprint = [replace(r, quote_id=r.quote_id + "-2", article_id="reprint", outlet="Reprint") for r in ap]
    index = group_utterances(ap + reprint)
    assert len(index.utterances) == 1 and index.utterances[0].n_articles == 2
    # one article's split alone is not enough: its two parts stay two utterances
    index = group_utterances(ap + reprint[:1])
    assert len(index.utterances) == 2
    assert {r.article_id for r in ap + reprint} == {ap[0].article_id, "reprint"}
    assert not any(label_of.get(r.quote_id, "").startswith(FOX) for r in ap)


def test_a_repeated_word_does_not_cut_the_shared_run():
    # an LCS aligns the last "to" with the other "to" and cuts "i expect to" in two; the
    # longest-block matching keeps it whole
    from rapidfuzz.distance import Indel
    part, rest = keys("I expect to."), keys("and I expect to, though, and I want to.")
    assert max(op.src_end - op.src_start for op in Indel.opcodes(part, rest) if op.tag == "equal") == 2
    assert continues(part, rest, after=True)


def test_second_parts_cut_differently_join_the_utterance_of_their_first_parts():
    # Two articles print Kirby's statement split around "Kirby said"; one cuts the second
    # part to four words and is dated five days later, so that part alone joins nothing
    # (a few words only within two days); it follows the same utterance's part as the other
    # article's full second part, and its words are in it.
    from quotes.corpus.grouping import QuoteRef
    first = "These soldiers then traveled to multiple Russian military training sites in eastern Russia where they are currently undergoing training,"
    second = "We don’t yet know if these soldiers will go into battle alongside the Russian army, but it’s certainly a very worrying possibility."
    gap = len("” Kirby said. “")

    def article(name, day, later):
        return [QuoteRef(f"{name}-1", name, name, "kirby", first, day, "John Kirby", start=0, end=len(first)),
                QuoteRef(f"{name}-2", name, name, "kirby", later, day, "John Kirby",
                         start=len(first) + gap, end=len(first) + gap + len(later))]

    refs = article("ap", "2024-10-23", second) + article("late", "2024-10-28", "We don’t yet know")
    index = group_utterances(refs)
    assert len(index.utterances) == 1
    # without the first parts' common utterance, the short part stays apart
    index = group_utterances(refs[1:2] + refs[3:])
    assert len(index.utterances) == 2


def edition(name, day, texts, gaps):
    """One article's quotes of one speaker, ``gaps[k]`` characters after quote ``k``."""
    from quotes.corpus.grouping import QuoteRef
    refs, pos = [], 0
    for k, text in enumerate(texts):
        refs.append(QuoteRef(f"{name}-{k}", name, "Times", "prof", text, day, "Ann Prof",
                             start=pos, end=pos + len(text)))
        pos += len(text) + (gaps[k] if k < len(gaps) else 0)
    return refs


REMARK = ("Senators should remember that a compromise nominee today may serve them far better than "
          "the judge they could get after the election.")


def test_a_title_before_its_authors_remark_is_not_a_part():
    # Two editions of one story: 'a professor and author of “The Quiet Bench,” put it, “...”'
    texts, gaps = ["The Quiet Bench,", REMARK], [len("” put it, “")]
    refs = edition("first", "2016-03-04", texts, gaps) + edition("second", "2016-03-05", texts, gaps)
    assert parts_of(refs) == []
    u = group_utterances(refs).utterance_of
    assert u["first-0"] != u["first-1"] and u["second-0"] != u["second-1"]
    assert u["first-1"] == u["second-1"] and u["first-0"] == u["second-0"]


def test_a_title_after_a_remark_parts_it_from_the_next_partial_quote():
    # '“...,” he said.\n\nProf, the author of “Quiet Bench,” about the courts, said the country
    # once had “a slower and calmer court” ...': the title is no second part of the remark,
    # and the writer's partial quote after the title is none either.
    texts = [REMARK, "Quiet Bench,", "a slower and calmer court"]
    gaps = [len("” he said.\n\nProf, the author of “"), len("” about the courts, said the country once had “")]
    refs = edition("first", "2016-03-04", texts, gaps) + edition("second", "2016-03-05", texts, gaps)
    assert parts_of(refs) == []
    u = group_utterances(refs).utterance_of
    assert len({u["first-0"], u["first-1"], u["first-2"]}) == 3
    # a real second part in the same place is still one: the parts of the two editions join
    texts[1] = "The court will be slower and calmer for a generation."
    refs = edition("first", "2016-03-04", texts, gaps) + edition("second", "2016-03-05", texts, gaps)
    u = group_utterances(refs).utterance_of
    assert u["first-0"] == u["first-1"] == u["second-1"]


def test_editions_part_two_remarks_alike_further_apart_than_an_attribution():
    # Two editions of one story: '“The county boards will fight this in court for years,”
    # said Ann Prof, who teaches law at a state college and advises two county boards on zoning.
    # “Nobody wins ...”': the role makes the gap longer than SPLIT_GAP; one outlet printing
    # the two parts alike twice is the evidence that they are one answer.
    first = "The county boards will fight this in court for years,"
    second = "Nobody wins when a zoning dispute drags on, least of all the families who live there."
    gap = len("” said Ann Prof, who teaches law at a state college and advises two county boards on zoning. “")
    assert SPLIT_GAP < gap <= SPLIT_EDITION_GAP
    refs = edition("first", "2015-11-25", [first, second], [gap]) + edition("second", "2015-11-26", [first, second], [gap])
    assert parts_of(refs) == []  # no split quote by the attribution rule alone
    u = group_utterances(refs).utterance_of
    assert u["first-0"] == u["first-1"] == u["second-0"] == u["second-1"]
    # one edition alone: two utterances
    u = group_utterances(refs[:2]).utterance_of
    assert u["first-0"] != u["first-1"]
    # two outlets quoting the two remarks with their own sentence between: two utterances
    other = [replace(r, outlet="Herald") for r in refs[2:]]
    u = group_utterances(refs[:2] + other).utterance_of
    assert u["first-0"] != u["first-1"] and u["first-0"] == u["second-0"]


def test_the_second_part_joins_a_one_piece_print_with_a_word_changed():
    # issue 13: (“A,” he said. “B.”) in one article, A and B as one quote in another, which
    # also prints "really" for "very" and adds "as well"
    first = "This is a very serious issue for the whole alliance,"
    second = "and it will weigh on things in the Indo-Pacific too."
    start = 100 + len(first) + 12  # ', he said. "'
    refs = [QuoteRef("a", "art-1", "Outlet 1", "s", first, "2024-02-14", "Lloyd Austin", None, None, 100, 100 + len(first)),
            QuoteRef("b", "art-1", "Outlet 1", "s", second, "2024-02-14", "Lloyd Austin", None, None, start,
                     start + len(second)),
            QuoteRef("c", "art-2", "Outlet 2", "s", "This is a really serious issue for the whole alliance, and it will "
                     "weigh on things in the Indo-Pacific as well.", "2024-02-14", "Lloyd Austin", None, None, 50, 170)]
    u = group_utterances(refs).utterance_of
    assert u["a"] == u["b"] == u["c"]
