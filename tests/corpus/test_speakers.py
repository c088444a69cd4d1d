import random

try:
    from seed_utterances import AP, BLOOMBERG, EPOCH, FOX, NYPOST, seed_mentions
except ImportError:  # tests run as a package
    from tests.seed_utterances import AP, BLOOMBERG, EPOCH, FOX, NYPOST, seed_mentions

from quotes.corpus.speakers import SpeakerMention, build_speaker_index, guess_kind, name_key, speakers_of_name


def M(qid, article, name, aliases=(), role=None, kind=None, outlet=None):
    return SpeakerMention(qid, article, outlet or f"outlet-{article}", name, list(aliases), role, kind)


def speaker_names(index, qids):
    by_id = index.by_id()
    return {q: by_id[index.speaker_of[q]].name for q in qids if q in index.speaker_of}


# --- the seeds --------------------------------------------------------------------------

def test_seeds_one_austin_across_five_outlets():
    mentions, label_of = seed_mentions()
    idx = build_speaker_index(mentions)
    austin = {q for q, lab in label_of.items() if "/austin" in lab}
    assert len(austin) == 18
    ids = {idx.speaker_of[q] for q in austin}
    assert len(ids) == 1
    sp = idx.by_id()[ids.pop()]
    assert sp.name == "Lloyd Austin" and sp.kind == "person"
    assert "Defense Secretary" in sp.roles
    rows = [a for a in idx.aliases if a.speaker_id == sp.id]
    assert {a.outlet for a in rows} == {"Bloomberg", "Fox News", "The Epoch Times",
                                        "New York Post", "Associated Press"}
    aliases = {a.alias for a in rows}
    assert {"Lloyd Austin", "Austin", "US Defense Secretary Lloyd Austin",
            "Defense Secretary Lloyd Austin", "The U.S. defense secretary"} <= aliases


def test_seeds_title_alone_and_bare_surname_resolve_inside_their_article():
    mentions, label_of = seed_mentions()
    idx = build_speaker_index(mentions)
    names = speaker_names(idx, label_of)
    by_label = {label_of[q]: n for q, n in names.items()}
    assert by_label[f"{EPOCH}/austin-serious-subhead"] == "Lloyd Austin"  # "The U.S. defense secretary"
    assert by_label[f"{NYPOST}/austin-serious-headline"] == "Lloyd Austin"  # "Austin"
    assert by_label[f"{BLOOMBERG}/austin-serious-2"] == "Lloyd Austin"
    assert by_label[f"{EPOCH}/davis-border"] == "Paul Davis"
    assert by_label[f"{AP}/us-fairgame"] == "United States"


def test_seeds_kirby_roles_and_people_stay_apart():
    mentions, label_of = seed_mentions()
    idx = build_speaker_index(mentions)
    kirby = idx.by_id()[idx.speaker_of[next(q for q, l in label_of.items() if l == f"{FOX}/kirby-training")]]
    assert kirby.name == "John Kirby"
    assert "White House National Security Council spokesman" in kirby.roles
    assert {s.name for s in idx.speakers} == {
        "Lloyd Austin", "John Kirby", "Mark Rutte", "Pat Ryder", "Volodymyr Zelenskiy",
        "Andriy Kovalenko", "Paul Davis", "Michael DiMino", "Janet Yellen", "United States"}


# --- merges -----------------------------------------------------------------------------

def test_transliterations_merge_and_the_most_common_spelling_wins():
    idx = build_speaker_index([
        M("q1", "bloomberg", "Volodymyr Zelenskiy", ["Ukraine’s President Volodymyr Zelenskiy"]),
        M("q2", "epoch", "Volodymyr Zelenskyy", ["Zelenskyy"]),
        M("q3", "nypost", "Volodymyr Zelensky", ["Zelensky"]),
        M("q4", "ap", "Volodymyr Zelensky", ["Ukrainian President Volodymyr Zelensky"]),
    ])
    assert len(idx.speakers) == 1
    assert idx.speakers[0].name == "Volodymyr Zelensky"
    assert idx.speakers[0].roles == ["President"]


def test_hyphenated_korean_names_merge_and_family_name_resolves():
    idx = build_speaker_index([
        M("q1", "nypost", "Park Sunwon", ["Lawmaker Park Sunwon"]),
        M("q2", "ap", "Park Sun-won", ["lawmaker Park Sun-won"]),
        M("q3", "ap", "Park"),  # "Park told reporters": the family name comes first
        M("q4", "ap", "Cho Tae-yong", ["South Korea’s National Intelligence Service director Cho Tae-yong"]),
    ])
    names = speaker_names(idx, ["q1", "q2", "q3", "q4"])
    assert names["q1"] == names["q2"] == names["q3"]
    assert names["q4"] == "Cho Tae-yong"
    cho = [s for s in idx.speakers if s.name == "Cho Tae-yong"][0]
    assert cho.roles == ["National Intelligence Service director"]


def test_austin_forms_merge_and_titles_become_roles():
    idx = build_speaker_index([
        M("q1", "a1", "US Defense Secretary Lloyd Austin"),
        M("q2", "a2", "Defense Secretary Lloyd Austin"),
        M("q3", "a3", "Lloyd Austin", ["Austin"]),
        M("q4", "a3", "Austin"),
        M("q5", "a4", "John Kirby", ["White House National Security Council spokesman John Kirby"]),
    ])
    names = speaker_names(idx, ["q1", "q2", "q3", "q4", "q5"])
    assert {names[q] for q in ("q1", "q2", "q3", "q4")} == {"Lloyd Austin"}
    kirby = [s for s in idx.speakers if s.name == "John Kirby"][0]
    assert kirby.roles == ["White House National Security Council spokesman"]
    assert kirby.description == "White House National Security Council spokesman"


def test_speakers_of_name_is_the_same_person_rule():
    speakers = [("la", "Lloyd Austin"), ("a", "Austin"), ("ad", "Austin Dillon"), ("et", "Eric Trump"),
                ("dt", "Donald Trump"), ("z", "Volodymyr Zelensky")]
    assert speakers_of_name("Austin", speakers) == ["la", "a", "ad"]  # one word: any name holding it
    assert speakers_of_name("L. Austin", speakers) == ["la", "a"]
    assert speakers_of_name("Donald Trump", speakers) == ["dt"]
    assert speakers_of_name("Zelenskiy", speakers) == ["z"]
    assert speakers_of_name("Mr.", speakers) == []


# --- no false merges ----------------------------------------------------------------------

def test_donald_trump_and_donald_trump_jr_stay_apart():
    idx = build_speaker_index([
        M("q1", "a1", "Donald Trump", ["Trump"]),
        M("q2", "a2", "Donald Trump Jr.", ["Trump Jr."]),
        M("q3", "a3", "Donald J. Trump"),
    ])
    names = speaker_names(idx, ["q1", "q2"])
    assert names["q2"] == "Donald Trump Jr."
    assert idx.speaker_of["q1"] != idx.speaker_of["q2"]
    assert idx.speaker_of["q1"] == idx.speaker_of["q3"]  # a middle initial: the same man
    assert name_key("Donald Trump Jr.").loose != name_key("Donald Trump").loose


def test_hillary_and_bill_clinton_stay_apart_and_bare_clinton_follows_its_article():
    idx = build_speaker_index([
        M("q1", "a1", "Hillary Clinton", ["Clinton"]),
        M("q2", "a2", "Bill Clinton"),
        M("q3", "a1", "Clinton"),  # the article names Hillary: she it is
        M("q4", "a3", "Clinton"),  # the article names nobody, the corpus two Clintons: unresolved
        M("q5", "a4", "Clinton"),
    ])
    s = idx.speaker_of
    assert s["q1"] != s["q2"]
    assert s["q3"] == s["q1"]
    assert s["q4"] not in (s["q1"], s["q2"])
    assert s["q4"] == s["q5"]  # the same bare name across articles is one (unresolved) speaker


def test_bare_surname_joins_a_unique_corpus_name_only():
    idx = build_speaker_index([
        M("q1", "a1", "Janet Yellen", ["U.S. Treasury Secretary Janet Yellen"]),
        M("q2", "a2", "Yellen"),  # nobody fuller in a2, one Yellen in the corpus
    ])
    assert idx.speaker_of["q1"] == idx.speaker_of["q2"]


def test_bare_surname_prefers_its_own_article_over_the_corpus():
    idx = build_speaker_index([
        M("q1", "a1", "Lloyd Austin"),
        M("q2", "a2", "Austin Scott", ["Scott"]),
        M("q3", "a2", "Austin"),  # a2 names Austin Scott (first name) and nobody else
    ])
    assert idx.speaker_of["q3"] == idx.speaker_of["q2"]
    assert idx.speaker_of["q3"] != idx.speaker_of["q1"]


def test_pronouns_and_empty_names_get_no_speaker():
    idx = build_speaker_index([M("q1", "a1", "he"), M("q2", "a1", None), M("q3", "a1", "  ")])
    assert idx.speaker_of == {} and idx.speakers == []


# --- organisations ---------------------------------------------------------------------

def test_organisations_are_speakers_and_merge_by_shared_forms():
    idx = build_speaker_index([
        M("q1", "a1", "the Pentagon"),
        M("q2", "a2", "Pentagon"),
        M("q3", "a3", "the NIS", ["National Intelligence Service"]),
        M("q4", "a4", "South Korea’s National Intelligence Service", kind="organisation"),
        M("q5", "a4", "National Intelligence Service", ["NIS"], kind="organisation"),
    ])
    by_id = idx.by_id()
    assert idx.speaker_of["q1"] == idx.speaker_of["q2"]
    assert by_id[idx.speaker_of["q1"]].kind == "organisation"
    assert by_id[idx.speaker_of["q1"]].name == "Pentagon"
    assert idx.speaker_of["q3"] == idx.speaker_of["q5"]
    assert by_id[idx.speaker_of["q3"]].name == "National Intelligence Service"


def test_guess_kind():
    assert guess_kind("the Pentagon") == "organisation"
    assert guess_kind("NIS") == "organisation"
    assert guess_kind("National Intelligence Service") == "organisation"
    assert guess_kind("Jack White") == "person"
    assert guess_kind("White House spokesman John Kirby") == "person"


# --- stability ---------------------------------------------------------------------------

def test_ids_do_not_depend_on_order_or_on_the_winning_spelling():
    ms = [M("q1", "a1", "Volodymyr Zelenskiy"), M("q2", "a2", "Volodymyr Zelensky"),
          M("q3", "a3", "Volodymyr Zelensky"), M("q4", "a3", "Lloyd Austin")]
    a = build_speaker_index(ms)
    shuffled = ms[:]
    random.Random(3).shuffle(shuffled)
    b = build_speaker_index(shuffled)
    assert a == b
    c = build_speaker_index(ms[:1])  # Zelenskiy alone: another canonical spelling, same id
    assert c.speakers[0].name == "Volodymyr Zelenskiy"
    assert c.speakers[0].id == a.speaker_of["q1"]


def test_alias_rows_count_quotes_per_article():
    idx = build_speaker_index([
        M("q1", "a1", "Lloyd Austin", ["Austin"]),
        M("q2", "a1", "Lloyd Austin", ["Austin", "US Defense Secretary Lloyd Austin"]),
    ])
    rows = {(a.alias, a.article_id): a.count for a in idx.aliases}
    assert rows == {("Lloyd Austin", "a1"): 2, ("Austin", "a1"): 2,
                    ("US Defense Secretary Lloyd Austin", "a1"): 1}


def test_one_surname_quoted_twice_in_an_article_gives_one_alias_row():
    """“One thing,” Holt said. “Another thing,” Holt said. (no fuller name in the article)"""
    mentions = [
        SpeakerMention(quote_id=f"q{i}", article_id="a1", outlet="Daily", name="Holt", aliases=[], role=None, kind="person")
        for i in (1, 2)
    ]
    index = build_speaker_index(mentions)
    keys = [(a.speaker_id, a.alias, a.article_id) for a in index.aliases]
    assert len(keys) == len(set(keys))
    assert index.speaker_of["q1"] == index.speaker_of["q2"]
    assert sum(a.count for a in index.aliases if a.alias == "Holt") == 2


def test_an_alias_naming_someone_else_does_not_merge_two_people():
    # an extraction slip: "Hillary Clinton" among the forms of a quote resolved to Trump
    idx = build_speaker_index([
        SpeakerMention("q1", "a1", "Paper", "Donald Trump", ["Trump", "Hillary Clinton"]),
        SpeakerMention("q2", "a2", "Other", "Hillary Clinton", ["Clinton"]),
        SpeakerMention("q3", "a3", "Third", "Volodymyr Zelenskiy", ["Zelensky", "Volodymyr"]),
        SpeakerMention("q4", "a4", "Fourth", "Volodymyr Zelenskyy", []),
    ])
    names = {q: next(s.name for s in idx.speakers if s.id == sid) for q, sid in idx.speaker_of.items()}
    assert names["q1"] == "Donald Trump" and names["q2"] == "Hillary Clinton"
    assert idx.speaker_of["q3"] == idx.speaker_of["q4"]


def test_middle_names_and_initials_are_one_person_when_they_agree():
    idx = build_speaker_index([
        M("q1", "a1", "Paul D. Ryan"), M("q2", "a2", "Paul Ryan"), M("q3", "a3", "Paul Davis Ryan"),
        M("q4", "a4", "Hillary Rodham Clinton"), M("q5", "a5", "Hillary Clinton"), M("q6", "a6", "Bill Clinton"),
        # two middle initials: father and son; the bare form joins neither
        M("q7", "a7", "George W. Bush"), M("q8", "a8", "George H. W. Bush"), M("q9", "a9", "George Bush"),
        M("q10", "a10", "one employee"), M("q11", "a11", "one P&G Amiens employee"),  # descriptions
    ])
    s = idx.speaker_of
    assert "q10" not in s and "q11" not in s  # descriptions: nobody of the corpus
    assert s["q1"] == s["q2"] == s["q3"]
    assert s["q4"] == s["q5"] != s["q6"]
    assert len({s["q7"], s["q8"], s["q9"]}) == 3


def test_a_party_label_is_a_role_not_part_of_the_name():
    idx = build_speaker_index([M("q1", "a1", "Democrat Hillary Clinton"), M("q2", "a2", "Hillary Clinton"),
                               M("q3", "a3", "Republican National Committee", kind="organisation")])
    s = idx.speaker_of
    assert s["q1"] == s["q2"]
    by_id = idx.by_id()
    assert by_id[s["q1"]].name == "Hillary Clinton" and "Democrat" in by_id[s["q1"]].roles
    assert by_id[s["q3"]].name == "Republican National Committee"


# --- canonical names and wrong merges (corpus-wide) -------------------------------------

def test_a_full_name_outranks_a_bare_given_name_used_by_more_articles():
    """Two articles call him "Freddy" (a TV review, a tweet thread), one "Freddy Ortega": the
    one Freddy of the corpus is Freddy Ortega, and so is his name."""
    idx = build_speaker_index([
        M("q1", "a1", "Freddy Ortega", role="German's brother and fellow longtime television comedian"),
        M("q2", "a2", "Freddy"), M("q3", "a2", "Freddy"),
        M("q4", "a3", "Freddy"),
        M("q5", "a4", "Melania Trump"), M("q6", "a5", "Melania"), M("q7", "a6", "Melania"),
    ])
    names = speaker_names(idx, ["q1", "q2", "q4", "q5", "q6"])
    assert names == {"q1": "Freddy Ortega", "q2": "Freddy Ortega", "q4": "Freddy Ortega",
                     "q5": "Melania Trump", "q6": "Melania Trump"}


def test_a_description_never_merges_two_organisations_nor_names_one():
    """"the statement" is how three articles refer to three issuers' statements; "a
    spokesman" is Platte River's in one article and the Democrats' in another."""
    idx = build_speaker_index([
        M("q1", "a1", "Fox News", ["the statement"], kind="organisation"),
        M("q2", "a2", "Holocaust Memorial Museum", ["Holocaust Museum", "the statement"], kind="organisation"),
        M("q3", "a3", "the statement", kind="organisation"),
        M("q4", "a4", "the statement", kind="organisation"),
        M("q5", "a5", "Platte River", ["A spokesman"], kind="organisation"),
        M("q6", "a6", "Democrats", ["a spokesman"], kind="organisation"),
        M("q7", "a7", "Illinois Board of Elections", ["the board"], kind="organisation"),
        M("q8", "a8", "The board", kind="organisation"),
        M("q9", "a9", "Heritage Foundation", ["the Heritage Foundation website"], kind="organisation"),
    ])
    s = idx.speaker_of
    assert s["q1"] != s["q2"]
    assert not {"q3", "q4", "q6", "q8"} & set(s)  # issuers nobody names ("Democrats" is a group noun)
    names = speaker_names(idx, ["q1", "q2", "q5", "q7", "q9"])
    assert names == {"q1": "Fox News", "q2": "Holocaust Memorial Museum", "q5": "Platte River",
                     "q7": "Illinois Board of Elections", "q9": "Heritage Foundation"}


def test_a_described_person_is_no_bare_name_of_a_full_one():
    """"the citizens" said (a description the article gives as speaker) is not the one
    "Citizens United" of the corpus; "the Trump campaign" is no Trump, so a bare "Trump"
    still finds the one Donald Trump."""
    idx = build_speaker_index([
        M("q1", "a1", "Citizens United", role="the conservative advocacy group"),
        M("q2", "a2", "the citizens", kind="person"),  # as the extractor typed them
        M("q3", "a3", "Donald Trump"), M("q4", "a4", "the Trump campaign", kind="person"), M("q5", "a5", "Trump"),
    ])
    s = idx.speaker_of
    assert "q2" not in s and "q4" not in s and s["q1"]
    assert s["q5"] == s["q3"]


def test_a_description_that_names_nobody_is_no_corpus_speaker():
    """"A man" of six articles is six different men, "the company" of two articles two
    companies: such quotes keep their words as speaker but get no speaker id, like a title
    that fits nobody named. A description beside a name in its article is that name's."""
    idx = build_speaker_index([
        M("q1", "a1", "a man"), M("q2", "a2", "A man"), M("q3", "a3", "a man"),
        M("q4", "a4", "the company", kind="organisation"), M("q5", "a5", "The company", kind="organisation"),
        M("q6", "a6", "The victim's mother"), M("q7", "a6", "The victim's mother"),
        M("q8", "a7", "Former royal PR aides", kind="person"),
        M("q9", "a8", "Nike", ["the company"], kind="organisation"),
        M("q11", "a9", "Jane Smith", ["a woman"]),
    ])
    s = idx.speaker_of
    assert not {f"q{i}" for i in range(1, 9)} & set(s)
    assert idx.by_id()[s["q9"]].name == "Nike"
    assert idx.by_id()[s["q11"]].name == "Jane Smith"
    assert {sp.name for sp in idx.speakers} == {"Nike", "Jane Smith"}


def test_describes():
    from quotes.lexicon.names import describes
    for form in ("the statement", "a spokesman", "The board", "IMF report", "just 1 percent of Democrats",
                 "Transcript", "Officials", "A 2014 House Intelligence Committee report", "the citizens"):
        assert describes(form), form
    for form in ("Fox News", "Bank of America", "Masayoshi Son", "the Pentagon", "Oversight Committee Republicans",
                 "Citizens United", "Bill de Blasio", "eBay", "NIS", "Illinois Board of Elections"):
        assert not describes(form), form


def test_an_honorific_makes_a_title_word_a_surname_and_roles_fit_by_whole_words():
    """An article on RT quotes Ora Media's John Dickey ("... the production company that owns
    Mr. King's programming") and Larry King as "Mr. King": King is a man, not a role that
    the chief executive's role happens to contain."""
    idx = build_speaker_index([
        M("q1", "a1", "John Dickey",
          role="the chief executive of Ora Media -- the production company that owns Mr. King's programming"),
        M("q2", "a1", "King", ["Mr. King"]),
        M("q3", "a2", "Larry King", ["King"]),
        M("q4", "a3", "Lloyd Austin", role="US Defense Secretary"),
        M("q5", "a3", "the defense secretary"),  # a role alone still finds its holder
    ])
    s = idx.speaker_of
    assert s["q2"] != s["q1"]
    assert s["q2"] == s["q3"]  # the one King of the corpus
    assert speaker_names(idx, ["q2"]) == {"q2": "Larry King"}
    assert s["q5"] == s["q4"]


def test_an_honorifics_gender_keeps_a_surname_from_the_wrong_family_member():
    """The article names Michelle Obama; "Mr. Obama" there is not her."""
    idx = build_speaker_index([
        M("q1", "a1", "Michelle Obama", ["Obama"]),
        M("q2", "a1", "Obama", ["Mr. Obama"]),
        M("q3", "a1", "Obama", ["Mrs. Obama"]),
        M("q4", "a2", "Barack Obama"),
        M("q5", "a3", "Obama", ["Mr. Obama"]),  # an article naming no Obama in full
        M("q6", "a4", "Obama"),  # no honorific: either of the two, unresolved
    ])
    s = idx.speaker_of
    assert s["q2"] != s["q1"] and s["q3"] == s["q1"]
    assert s["q2"] == s["q5"] == s["q4"]  # across articles, the one male Obama of the corpus
    assert s["q6"] not in (s["q1"], s["q4"])


def test_a_given_name_under_a_royal_title_is_nobodys_first_name():
    """"Prince Andrew" said (a royal story); the corpus's one full Andrew is a scientist."""
    idx = build_speaker_index([
        M("q1", "a1", "Andrew", ["Prince Andrew"]),
        M("q2", "a2", "Andrew Vaughan", ["Vaughan"]),
        M("q3", "a3", "Melania"), M("q4", "a4", "Melania Trump"),  # a given name alone still finds its one bearer
    ])
    s = idx.speaker_of
    assert s["q1"] != s["q2"]
    assert s["q3"] == s["q4"]


def test_the_new_evidence_sums_exactly_and_a_sink_gets_the_same_speakers():
    """Descriptions, honorific gender and given-name titles are read off each article's
    persons, which are summed by signature: shuffled input, and a build that hands its quotes
    to a ``PersonSink``, give the same speakers."""
    from collections import defaultdict

    from quotes.corpus.speakers import PersonSink, build_speaker_index_by_article

    ms = [M("q1", "a1", "Fox News", ["the statement"], kind="organisation"),
          M("q2", "a2", "the statement", kind="organisation"), M("q3", "a3", "Citizens United"),
          M("q4", "a4", "the citizens", kind="person"), M("q5", "a5", "Michelle Obama", ["Obama"]),
          M("q6", "a5", "Obama", ["Mr. Obama"]), M("q7", "a6", "Barack Obama"), M("q8", "a7", "Obama", ["Mr. Obama"]),
          M("q9", "a8", "Obama"), M("q10", "a9", "Andrew", ["Prince Andrew"]), M("q11", "a10", "Andrew"),
          M("q12", "a11", "Andrew Vaughan"), M("q13", "a12", "Freddy"), M("q14", "a13", "Freddy Ortega")]
    one = build_speaker_index(ms)
    shuffled = ms[:]
    random.Random(7).shuffle(shuffled)
    assert build_speaker_index(shuffled) == one

    class Sink(PersonSink):
        def __init__(self):
            self.of = defaultdict(list)

        def quotes(self, person, quote_ids):
            self.of[person] += quote_ids

        def aliases(self, person, rows):
            pass

    sink = Sink()
    by_article = defaultdict(list)
    for m in sorted(ms, key=lambda m: (m.article_id, m.quote_id)):
        by_article[m.article_id].append(m)
    sunk = build_speaker_index_by_article((by_article[a] for a in sorted(by_article)), sink)
    assert {q: sunk.person_speaker[p] for p, qs in sink.of.items() for q in qs} == one.speaker_of
    assert sunk.speakers == one.speakers


def test_an_articles_persons_taken_out_of_the_sums_leave_the_index_without_it():
    """What a kept speaker state does (``store.speaker_state``): persons summed by signature,
    one article's persons subtracted again, give the index of the other articles, when the
    persons are ordered by first (article id, place)."""
    from collections import defaultdict

    from quotes.corpus.speakers import PersonSums, article_persons, index_of_persons, local_sums

    ms = [M("q1", "a1", "Paul D. Ryan"), M("q2", "a2", "Paul Ryan"), M("q3", "a3", "Paul X. Ryan"),
          M("q4", "a3", "Smith"), M("q5", "a4", "John Smith"), M("q6", "a5", "Smith", ["Mr. Smith"]),
          M("q7", "a0", "Jane Smith"), M("q8", "a6", "the Pentagon", kind="organisation")]
    by_article = defaultdict(list)
    for m in ms:
        by_article[m.article_id].append(m)

    def summed(articles):
        sums, first = {}, {}
        for a in sorted(articles):
            for place, (key, loc) in enumerate(article_persons(by_article[a])):
                sums.setdefault(key, PersonSums(loc.kind)).add(loc, keep=False)
                first.setdefault(key, (a, place))
        return sums, first

    for gone in ("a0", "a3"):
        sums, first = summed(by_article)
        for key, loc in article_persons(by_article[gone]):
            sums[key].subtract(*local_sums(loc))
        left = [k for k in sums if sums[k].n_locals]
        _, first_left = summed(set(by_article) - {gone})
        assert set(left) == set(first_left)
        index = index_of_persons([sums[k] for k in sorted(left, key=first_left.get)])
        without = build_speaker_index([m for m in ms if m.article_id != gone])
        assert index.speakers == without.speakers
