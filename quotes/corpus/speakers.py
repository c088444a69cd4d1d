"""The corpus-wide speaker index: one speaker per person or organisation.

Input: one ``SpeakerMention`` per attributed quote, as the extractor resolves it inside its
article (``name`` is the fullest form the article gives, ``aliases`` the other forms).
Output: a ``SpeakerIndex`` with one ``Speaker`` per person/organisation, the alias rows
(speaker, alias, article, outlet, count) and ``speaker_of`` (quote id -> speaker id).

How names are resolved, cheapest and safest first:

1. Titles are stripped into roles by the one title rule (``lexicon.names.name_and_role``
   over ``split_title``): “US Defense Secretary Lloyd Austin” is the name “Lloyd Austin”
   with the role “Defense Secretary” (leading nationality words such as “US”/“Ukraine’s”
   dropped from the role). Honorifics (Mr., Dr.) are dropped.
2. Names get two keys: ``strict`` (accents, case, hyphens and spaces folded:
   “Park Sun-won” = “Park Sunwon”) and ``loose`` (also transliteration endings and doubled
   letters: “Zelenskiy” = “Zelenskyy” = “Zelensky”). Generational suffixes are part of the
   key, so “Donald Trump Jr.” never merges with “Donald Trump”; different first names
   never merge (“Hillary Clinton” vs “Bill Clinton”).
3. Inside one article, a bare name (“Austin”, Korean “Park”) or a title alone (“the defense
   secretary”) goes to the one person of that article it fits (surname or family name,
   or role, by whole words); never to someone from another article while the article itself
   names a fuller form. A courtesy honorific makes the word after it a surname (“Mr. King”
   is no king) and its gender must fit the given name (“Mr. Obama” is not Michelle Obama,
   in her article or across the corpus).
4. Across articles, full names merge by ``loose`` key. A bare name whose article names
   nobody fuller joins a corpus-wide full name only when exactly one fits; otherwise it
   stays a speaker of its own (shared by the articles that use the same bare name).
5. Organisations (“the Pentagon”, “the NIS”) merge by name or any alias they share with
   another organisation mention (“National Intelligence Service” / “NIS”).
6. A description (``lexicon.names.describes``: “the statement”, “a spokesman”, “The board”,
   “the citizens”) keys nothing that has a name: two issuers' “the statement” never merge
   them, and a described person never joins a full name as a bare one. A person or
   organisation its article knows only by descriptions (“a man”, “the company”, “the
   statement” of an issuer nobody names) is no speaker of the index: its quotes keep the
   article's words as ``speaker`` and get no speaker id, as a title that fits nobody named
   (“a campaign aide”); “a man” of six articles is not one person.

The canonical name is, of the cluster's names (descriptions only when it has none), a full
one when it has any, the one used by the most articles (then by the most quotes, then the
longest, then alphabetical). A speaker's id hashes its kind and loose key, so it
does not change when another spelling becomes the most common one.

The name functions are pure and cached: a corpus repeats a few thousand names hundreds of
thousands of times.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import cached_property, lru_cache
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotes.lexicon.names import (clean_role, describes, first_name_gender, is_capitalised, name_and_role, role_gender,
                                  same_person)
from quotes.lexicon.words import COURTESY_HONORIFICS as HONORIFICS
from quotes.lexicon.words import GIVEN_NAME_TITLES, NOT_NAMES, ORG_HEADS, ORG_NAMES, SUFFIXES
from quotes.model import text_hash


@dataclass
class SpeakerMention:
    """Who said one quote, as resolved inside its article by the extractor."""

    quote_id: str
    article_id: str
    outlet: str | None
    name: str | None
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    kind: str | None = None  # "person" | "organisation" | None (guessed)


@dataclass
class Speaker:
    id: str
    name: str
    kind: str  # "person" | "organisation"
    roles: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass(slots=True)  # one per (speaker, form, article): hundreds of thousands
class SpeakerAlias:
    speaker_id: str
    alias: str
    article_id: str
    outlet: str | None
    count: int


@dataclass
class SpeakerIndex:
    speakers: list[Speaker]
    aliases: list[SpeakerAlias]
    speaker_of: dict[str, str]
    # built with a ``PersonSink``: the quotes and alias rows went to the sink, not into
    # ``speaker_of`` and ``aliases`` (left empty); the speaker id of each person, by serial
    person_speaker: list[str] | None = None
    # the sink holds only the articles resolved again (a speaker index kept between builds:
    # ``run.corpus_step.kept_speaker_index``); the other quotes keep their stored links
    relinked_only: bool = False

    def by_id(self) -> dict[str, Speaker]:
        return {s.id: s for s in self.speakers}


# --- name analysis -----------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return s.replace("\u2019", "'").replace("\u2018", "'")


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", name.strip()) if t]


@lru_cache(maxsize=1 << 16)
def _bare_key(tok: str) -> str:
    return re.sub(r"[^\w]", "", _fold(tok))


@lru_cache(maxsize=1 << 16)
def _translit(tok: str) -> str:
    t = re.sub(r"(iy|yy|ij|ii|yi)$", "y", tok)
    t = re.sub(r"(.)\1+", r"\1", t)
    return t


@dataclass(frozen=True)
class NameKey:
    tokens: tuple[str, ...]  # folded, hyphens removed, suffix kept as last token
    suffix: str = ""

    @property
    def strict(self) -> str:
        return " ".join(self.tokens) + (" " + self.suffix if self.suffix else "")

    @cached_property
    def loose(self) -> str:
        return " ".join(_translit(t) for t in self.tokens) + (" " + self.suffix if self.suffix else "")

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""

    @property
    def first(self) -> str:
        return self.tokens[0] if self.tokens else ""


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> NameKey:
    toks = [_bare_key(t) for t in _tokens(name) if _fold(t) not in HONORIFICS]
    toks = [t for t in toks if t]
    suffix = ""
    if len(toks) > 1 and toks[-1] in {s.rstrip(".") for s in SUFFIXES}:
        suffix = toks.pop()
    return NameKey(tuple(toks), suffix)


@lru_cache(maxsize=1 << 16)
def guess_kind(form: str) -> str:
    """"person" or "organisation" for a name form whose kind the extractor did not say."""
    toks = _tokens(form)
    folded = [_fold(t).strip(".,") for t in toks]
    if not folded:
        return "person"
    name, role = name_and_role(form)
    if role and name:
        return "person"
    if folded[0] == "the" and not role:
        return "organisation"
    joined = "-".join(folded[-2:])
    if folded[-1] in ORG_HEADS or folded[-1] in ORG_NAMES or joined in ORG_NAMES:
        return "organisation"
    if len(toks) == 1 and toks[0].isupper() and len(toks[0]) > 1:
        return "organisation"
    return "person"


@lru_cache(maxsize=1 << 16)
def _org_key(form: str) -> str:
    toks = [_bare_key(t) for t in _tokens(form)]
    toks = [t for t in toks if t]
    while toks and toks[0] in ("the", "a", "an"):
        toks = toks[1:]
    return " ".join(toks)


def _org_keys(forms: Iterable[str]) -> list[str]:
    """The keys an organisation merges by: those of its names. A description ("the
    statement", "a spokesman", "The board") keys only an organisation that has no name, and
    then as a description: "the statement" of one issuer never merges it with another's."""
    forms = [f for f in forms if f and _org_key(f)]
    names = [f for f in forms if not describes(f)]
    if names:
        return sorted({_org_key(f) for f in names})
    return sorted({"description:" + _org_key(f) for f in forms})


# --- the index ------------------------------------------------------------------------

class _UF:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


@dataclass
class ArticlePerson:
    """One person/organisation inside one article (a union of that article's mentions)."""

    article_id: str
    outlet: str | None
    kind: str
    names: Counter = field(default_factory=Counter)  # full name forms (title-stripped) -> quotes
    roles: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)  # every surface form -> quotes
    quote_ids: list[str] = field(default_factory=list)

    def keys(self) -> list[NameKey]:
        return [name_key(n) for n in sorted(self.names)]

    def full_keys(self) -> list[NameKey]:
        return [k for k in self.keys() if len(k.tokens) >= 2]


@dataclass
class PersonSums:
    """The article-level persons (``ArticlePerson``) that share one name signature, summed."""

    kind: str
    n_locals: int = 0  # how many article-level persons: each counts once per article
    names: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    quote_ids: list[str] = field(default_factory=list)
    alias_rows: list[tuple[str, str, str | None, int]] = field(default_factory=list)  # form, article, outlet, n

    def add(self, loc: ArticlePerson, keep: bool = True) -> None:
        """Sum an article's person in; its quote ids and alias rows only when ``keep``."""
        self.n_locals += 1
        self.names.update(loc.names)
        self.roles.update(loc.roles)
        self.forms.update(loc.forms)
        if keep:
            self.quote_ids += loc.quote_ids
            self.alias_rows += person_alias_rows(loc)

    def subtract(self, names: dict[str, int], roles: dict[str, int], forms: dict[str, int]) -> None:
        """Take an article's person (its ``local_sums``) out again: the sums are then what
        adding the other ones gives (no name left with a count of zero)."""
        self.n_locals -= 1
        for mine, theirs in ((self.names, names), (self.roles, roles), (self.forms, forms)):
            for k, n in theirs.items():
                mine[k] -= n
                if mine[k] <= 0:
                    del mine[k]

    def keys(self) -> list[NameKey]:
        return [name_key(n) for n in sorted(self.names)]

    def full_keys(self) -> list[NameKey]:
        return [k for k in self.keys() if len(k.tokens) >= 2]


def local_sums(loc: ArticlePerson) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(names, roles, forms) an article's person adds to its ``PersonSums``."""
    return dict(loc.names), dict(loc.roles), dict(loc.forms)


def person_alias_rows(loc: ArticlePerson) -> list[tuple[str, str, str | None, int]]:
    """(form, article id, outlet, quotes) of each surface form of an article's person."""
    article_id = sys.intern(loc.article_id)
    outlet = sys.intern(loc.outlet) if loc.outlet else loc.outlet
    return [(sys.intern(f), article_id, outlet, n) for f, n in sorted(loc.forms.items())]


class PersonSink:
    """Where ``build_speaker_index_by_article`` puts each article's person's quote ids and
    alias rows instead of holding them (a database table, for a corpus of millions of
    quotes): ``person`` is the serial of the name signature the person was summed into,
    which the index's ``person_speaker`` maps to a speaker id."""

    def quotes(self, person: int, quote_ids: list[str]) -> None:
        raise NotImplementedError

    def aliases(self, person: int, rows: list[tuple[str, str, str | None, int]]) -> None:
        raise NotImplementedError

    def local(self, person: int, signature: tuple, place: int, loc: ArticlePerson, sums: "PersonSums") -> None:
        """An article's person (``loc``, the ``place``-th of its article) summed into the
        person ``person`` (``sums``: the build's own sums of it, ``loc`` already added and
        the persons after it added as they come); nothing to do unless the sink keeps a
        speaker state."""


def _analyse(m: SpeakerMention) -> tuple[str, list[str], list[str]] | None:
    """(kind, name forms without titles, roles) of a mention; None for no usable name."""
    forms = [f for f in [m.name, *(m.aliases or [])] if f and f.strip()]
    forms = [f for f in forms if _fold(f.strip()) not in NOT_NAMES]
    if not forms:
        return None
    kind = m.kind or guess_kind(forms[0])
    names, roles = [], []
    if m.role:
        r = clean_role(_tokens(m.role))
        if r:
            roles.append(r)
    courtesy = _courtesy_surnames(forms)
    for f in forms:
        if kind == "organisation":
            names.append(f.strip())
            continue
        n, r = (_tokens(f)[-1], None) if f.strip() in courtesy else name_and_role(f)
        if r:
            roles.append(r)
        if n and (not names or _same_person(names[0], n)):
            names.append(n)
    return kind, names, roles


def _courtesy_surnames(forms: list[str]) -> set[str]:
    """The words a courtesy honorific makes a surname among a mention's forms: "Mr. King"
    (Larry King), "Ms. Judge" are people, not a king and a judge; "King" beside "Mr. King"
    too."""
    out = set()
    for f in forms:
        word = _courtesy_word(f)
        if word:
            out.update((word, f.strip()))
    return out


@lru_cache(maxsize=1 << 16)
def _courtesy_word(form: str) -> str | None:
    """The word after a courtesy honorific in a two-word form ("King" of "Mr. King")."""
    words = _tokens(form)
    if len(words) == 2 and _opening_honorific(form) and is_capitalised(words[1]):
        return words[1]
    return None


@lru_cache(maxsize=1 << 16)
def _opening_honorific(form: str) -> str | None:
    words = _tokens(form)
    return words[0] if words and _fold(words[0]) in HONORIFICS else None


def honorific_gender(forms: Iterable[str]) -> str | None:
    """'m' or 'f' when the courtesy honorifics a person's forms open with agree on it
    ("Mr. Obama"), else None."""
    return role_gender([w for w in map(_opening_honorific, forms) if w])


def _fits_gender(names: Iterable[str], gender: str | None) -> bool:
    """Can a person with these full names be addressed with an honorific of ``gender``
    ("Mr. Obama" is not Michelle Obama)? Unknown given names fit both."""
    return gender is None or all(first_name_gender(n) in (None, gender) for n in names)


def _same_person(name: str, form: str) -> bool:
    """Can ``form`` name the person called ``name`` (``quotes.lexicon.names.same_person`` over
    the transliteration-folded name keys, surnames only: "Zelenskiy" ~ "Volodymyr Zelensky",
    "Gen. Wesley Clark" ~ "Wesley Clark")? An alias that
    names someone else ("Hillary Clinton" among Donald Trump's) is an extraction slip:
    trusted, it would merge two people across the whole corpus. A form with no name words
    left (all honorifics) is kept."""
    a, b = name_words(name), name_words(form)
    if not a or not b:
        return True
    return same_person(a, b, given_names=False)


def name_words(name: str) -> list[str]:
    """A name's words as the same-person rule compares them across articles: its name key
    (accents, case, hyphens and honorifics folded away) with transliteration endings folded
    ("Zelenskiy" = "Zelensky")."""
    return [_translit(t) for t in name_key(name).tokens]


def speakers_of_name(name: str, speakers: Iterable[tuple[str, str]]) -> list[str]:
    """The ids of the speakers, given as (id, name), that ``name`` may name: THE same-person
    rule (``quotes.lexicon.names.same_person``) over ``name_words``. "Austin" fits "Lloyd
    Austin" and "Austin"; "L. Austin" fits "Lloyd Austin"; "Eric Trump" is not "Donald
    Trump". The primary sources resolve a transcript's speaker label with it
    (``quotes.corpus.sources.resolve_speaker``), as the corpus step checks an alias."""
    words = name_words(name)
    if not words:
        return []
    return [sid for sid, other in speakers if same_person(words, name_words(other))]


def build_speaker_index(mentions: list[SpeakerMention]) -> SpeakerIndex:
    """The corpus-wide speaker index of a list of mentions (see module doc)."""
    by_article: dict[str, list[SpeakerMention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.article_id, m.quote_id)):
        by_article[m.article_id].append(m)
    return build_speaker_index_by_article(by_article[a] for a in sorted(by_article))


def build_speaker_index_by_article(articles: Iterable[list[SpeakerMention]],
                                   sink: PersonSink | None = None) -> SpeakerIndex:
    """The same index from the mentions of one article at a time, articles in id order and
    each article's mentions in quote id order (as ``build_speaker_index`` sorts them).

    Streams: each article's resolved persons (``ArticlePerson``) are folded into one ``PersonSums``
    per name signature (``_signature``) as they come, so the client keeps, per quote, its
    id and its alias row, and one entry per distinct name, never every mention or every
    article's person (a speaker quoted in 100,000 articles is one entry). With a ``sink``,
    not even that: each person's quote ids and alias rows go to the sink as they come, and
    the index maps each person's serial to its speaker (``person_speaker``); the sink also
    gets each article's person itself (``PersonSink.local``: what a kept speaker state
    sums, ``store.speaker_state``)."""
    persons: dict[tuple, int] = {}  # name signature -> serial (its place in ``people``)
    people: list[PersonSums] = []  # in order of first appearance, as the locals were
    for mentions in articles:
        for place, (key, loc) in enumerate(article_persons(mentions)):
            if key not in persons:
                persons[key] = len(people)
                people.append(PersonSums(loc.kind))
            serial = persons[key]
            people[serial].add(loc, keep=sink is None)
            if sink is not None:
                sink.quotes(serial, loc.quote_ids)
                sink.aliases(serial, person_alias_rows(loc))
                sink.local(serial, key, place, loc, people[serial])
    del persons
    index = index_of_persons(people)
    if sink is None:
        index.person_speaker = None  # (everything is in the index itself)
    return index


def article_persons(mentions: list[SpeakerMention]) -> list[tuple[tuple, ArticlePerson]]:
    """(name signature, person) of each person one article gives (its mentions in quote id
    order), in the order a build meets them: a person's *place* in the article is its
    position here."""
    out = []
    for place, (loc, _) in enumerate(_resolve_article(mentions)):
        out.append((_signature(loc, (loc.article_id, place)), loc))
    return out


def index_of_persons(people: list[PersonSums]) -> SpeakerIndex:
    """The speakers of persons summed by signature, given in order of first appearance (by
    (article id, place) of their first article's person): the corpus-wide unions, then one
    speaker per cluster; ``person_speaker`` gives each person's speaker id, in the same
    order. The quotes and alias rows of persons that hold them (``PersonSums.add(keep=True)``)
    are in the index too."""
    uf = _UF()
    _union_full_names(people, uf)
    _union_middle_names(people, uf)
    _union_bare_names(people, uf)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(people)):
        clusters[uf.find(i)].append(i)
    return _index_of_clusters(people, clusters.values())


def _signature(loc: ArticlePerson, place: tuple[str, int]) -> tuple:
    """What the corpus-wide unions read of an article's person: kind and names (and an
    organisation's forms). Locals with the same signature always end in one cluster and
    give its speaker the same name, so they are summed. An organisation none of whose
    forms has a key joins nothing: it stays on its own (keyed by its ``place``: article id
    and position in the article), as it was. A bare name's honorific gender ("Mr. Obama")
    and given-name title ("Prince Andrew") are read too."""
    if loc.kind == "organisation":
        if not any(_org_key(f) for f in loc.forms):
            return ("alone", place)
        return (loc.kind, tuple(sorted(loc.forms)))
    if loc.full_keys():
        return (loc.kind, tuple(sorted(loc.names)), None, False)
    return (loc.kind, tuple(sorted(loc.names)), honorific_gender(loc.forms), _given_name_titled(loc.roles))


def _given_name_titled(roles: Iterable[str]) -> bool:
    """Does a role say the bare name is a given name that stands alone ("Prince" of "Prince
    Andrew", "Pope")? Such a name is nobody's first name or surname elsewhere in the corpus."""
    return any(_fold(w) in GIVEN_NAME_TITLES for r in roles for w in _tokens(r))


def _union_full_names(people: list[PersonSums], uf: _UF) -> None:
    """Corpus-wide: persons by loose full-name key, organisations by a shared key."""
    by_loose: dict[str, list[int]] = defaultdict(list)
    org_by_key: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        uf.find(i)
        if person.kind == "organisation":
            for k in _org_keys(person.forms):
                org_by_key[k].append(i)
        else:
            for k in person.full_keys():
                by_loose[k.loose].append(i)
    for group in list(by_loose.values()) + list(org_by_key.values()):
        for j in group[1:]:
            uf.union(group[0], j)


def _union_bare_names(people: list[PersonSums], uf: _UF) -> None:
    """Bare-name persons (the article names nobody fuller): unique corpus-wide match only."""
    by_surname: dict[str, set[int]] = defaultdict(set)
    by_first: dict[str, set[int]] = defaultdict(set)
    full_names: dict[int, set[str]] = defaultdict(set)  # root -> its full names
    for i, person in enumerate(people):
        if person.kind == "person":  # names only: "the Trump campaign" is no Trump
            for n in person.names:
                k = name_key(n)
                if len(k.tokens) >= 2 and not describes(n):
                    by_surname[k.surname].add(uf.find(i))
                    by_first[k.first].add(uf.find(i))
                    full_names[uf.find(i)].add(n)
    bare_groups: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        if person.kind != "person" or person.full_keys():
            continue
        ks = person.keys()
        if not ks:
            continue
        tok = ks[0].surname
        gender = honorific_gender(person.forms)  # "Mr. Obama": Barack, not Michelle
        fits = set() if _given_name_titled(person.roles) else by_surname.get(tok, set()) | by_first.get(tok, set())
        roots = {uf.find(r) for r in fits if _fits_gender(full_names[r], gender)}
        if len(roots) == 1 and not describes(min(person.names)):  # "the citizens": no name
            uf.union(next(iter(roots)), i)
        else:
            bare_groups[ks[0].loose].append(i)
    for group in bare_groups.values():
        for j in group[1:]:
            uf.union(group[0], j)


def _index_of_clusters(people: list[PersonSums], clusters: Iterable[list[int]]) -> SpeakerIndex:
    """One speaker per cluster of persons, its quotes and its alias rows."""
    speakers: list[Speaker] = []
    speaker_of: dict[str, str] = {}
    alias_rows: dict[tuple[str, str, str], SpeakerAlias] = {}
    person_speaker = [""] * len(people)
    for members in clusters:
        group = [people[i] for i in members]
        kinds: Counter = Counter()
        for person in group:
            kinds[person.kind] += person.n_locals
        sp = _make_speaker(group, kinds.most_common(1)[0][0])
        speakers.append(sp)
        for i in members:
            person_speaker[i] = sp.id
        for person in group:
            for q in person.quote_ids:
                speaker_of[q] = sp.id
            for form, article_id, outlet, n in person.alias_rows:
                key = (sp.id, form, article_id)
                if key in alias_rows:  # two persons of one article, or two clusters with one id
                    alias_rows[key].count += n
                else:
                    alias_rows[key] = SpeakerAlias(sp.id, form, article_id, outlet, n)
            person.quote_ids = person.alias_rows = []
    # Two clusters can end on the same id only if their keys are equal: merge their rows.
    speakers = _dedupe_speakers(speakers)
    speakers.sort(key=lambda s: (s.name.lower(), s.id))
    aliases = [alias_rows[k] for k in sorted(alias_rows, key=lambda k: (k[0], k[2], k[1]))]
    return SpeakerIndex(speakers, aliases, speaker_of, person_speaker)


def _middle_sign(middle: tuple[str, ...]) -> str:
    return "".join(t[0] for t in middle)


def _union_middle_names(locals_: list[PersonSums], uf: _UF) -> None:
    """Middle names and initials: “Paul D. Ryan”, “Paul Ryan” and “Paul Davis Ryan” are one
    person, and “Hillary Rodham Clinton” is “Hillary Clinton”, when every middle form of
    that first name and surname agrees (same initials). “George W. Bush” and “George H. W.
    Bush” stay two people, and the bare “George Bush” joins neither. Names only: “one
    employee” is not “one P&G employee”."""
    by_ends: dict[tuple[str, str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, loc in enumerate(locals_):
        if loc.kind != "person":
            continue
        for form in sorted(loc.names):
            k = name_key(form)
            if len(k.tokens) < 2 or not all(is_capitalised(t) for t in _tokens(form)):
                continue
            ends = (_translit(k.first), _translit(k.surname), k.suffix)
            by_ends[ends][_middle_sign(k.tokens[1:-1])].append(i)
    for signs in by_ends.values():
        named = [s for s in signs if s]
        if not named:
            continue
        groups = [signs[s] + signs.get("", []) for s in named] if len(named) == 1 else [signs[s] for s in named]
        for group in groups:
            for j in group[1:]:
                uf.union(group[0], j)


def _dedupe_speakers(speakers: list[Speaker]) -> list[Speaker]:
    seen: dict[str, Speaker] = {}
    for s in speakers:
        if s.id in seen:
            t = seen[s.id]
            t.roles = sorted(set(t.roles) | set(s.roles))
        else:
            seen[s.id] = s
    return list(seen.values())


def _make_speaker(locs: list[PersonSums], kind: str) -> Speaker:
    per_article: Counter = Counter()
    per_quote: Counter = Counter()
    roles: Counter = Counter()
    named = [(loc, _name_forms(loc, kind)) for loc in locs]
    # anywhere in the cluster, a name outranks a description ("Fox News", not "the statement")
    # and a full name a bare one ("Freddy Ortega", not "Freddy")
    pool = {n for _, names in named for n in names}
    pool = {n for n in pool if not describes(n)} or pool
    pool = {n for n in pool if len(name_key(n).tokens) >= 2} or pool
    for loc, names in named:
        for n in pool.intersection(names):
            per_article[n] += loc.n_locals
            per_quote[n] += names[n]
        roles.update(loc.roles)
    if not per_article:  # only org forms starting with "the"
        for loc in locs:
            for n, c in loc.forms.items():
                per_article[n] += loc.n_locals
                per_quote[n] += c
    name = sorted(per_article, key=lambda n: (-per_article[n], -per_quote[n], -len(n), n))[0]
    if kind == "organisation":
        key = "organisation:" + _org_key(name)
    else:
        key = "person:" + name_key(name).loose
    role_names: dict[str, str] = {}
    for r, _ in sorted(roles.items(), key=lambda rc: (-rc[1], rc[0])):
        role_names.setdefault(r.lower(), r)
    role_list = list(role_names.values())
    return Speaker(id=text_hash(key), name=name, kind=kind, roles=role_list,
                   description=role_list[0] if role_list else None)


def _name_forms(person: PersonSums, kind: str) -> Counter:
    """The forms that may name a speaker, with their quotes: a person's names; an
    organisation's forms written without the article ("the Pentagon" = "Pentagon")."""
    if kind == "person":
        return person.names
    names: Counter = Counter()
    for n, c in person.forms.items():
        names[re.sub(r"^(?i:the)\s+", "", n.strip())] += c
    return names


def _resolve_article(ms: list[SpeakerMention]) -> list[tuple[ArticlePerson, list[str]]]:
    """Union one article's mentions into its persons/organisations."""
    analysed = []
    for m in ms:
        a = _analyse(m)
        if a is not None:
            analysed.append((m, *a))
    uf = _UF()
    _union_mentions_by_full_name(analysed, uf)
    _attach_mentions_by_part(analysed, uf)
    return _article_locals(analysed, uf)


def _union_mentions_by_full_name(analysed: list, uf: "_UF") -> None:
    """Mentions with the same full name (strict key), or the same organisation key, are one."""
    full_strict: dict[str, list[int]] = defaultdict(list)
    org_keys: dict[str, list[int]] = defaultdict(list)
    for i, (m, kind, names, roles) in enumerate(analysed):
        uf.find(i)
        if kind == "organisation":
            for k in _org_keys([m.name, *(m.aliases or [])]):
                org_keys[k].append(i)
            continue
        for n in names:
            k = name_key(n)
            if len(k.tokens) >= 2:
                full_strict[k.strict].append(i)
    for group in list(full_strict.values()) + list(org_keys.values()):
        for j in group[1:]:
            uf.union(group[0], j)


def _attach_mentions_by_part(analysed: list, uf: "_UF") -> None:
    """A person mentioned by surname (or family-name token) or by role alone joins the one
    person of the article with a full name that fits it; with none or several, it stays apart.
    An honorific's gender must fit the full name's given name ("Mr. Obama" is not Michelle
    Obama); a role fits by whole words ("the defense secretary", not "King" in "the company
    that owns Mr. King's programming")."""
    surnames: dict[int, set[str]] = defaultdict(set)
    firsts: dict[int, set[str]] = defaultdict(set)
    full_names: dict[int, set[str]] = defaultdict(set)
    role_of: dict[int, set[str]] = defaultdict(set)
    for i, (m, kind, names, roles) in enumerate(analysed):
        if kind != "person":
            continue
        full = [(n, k) for n in names if len((k := name_key(n)).tokens) >= 2]
        root = uf.find(i)
        for n, k in full:
            surnames[root].add(k.surname)
            firsts[root].add(k.first)  # Korean order: "Park" of "Park Sun-won"
            full_names[root].add(n)
        if full:
            role_of[root].update(r.lower() for r in roles)
    for i, (m, kind, names, roles) in enumerate(analysed):
        if kind != "person" or any(len(name_key(n).tokens) >= 2 for n in names):
            continue
        target: set[int] = set()
        if names:
            tok = name_key(names[0]).surname
            target = {r for r, t in surnames.items() if tok in t} or {
                r for r, t in firsts.items() if tok in t}
            gender = honorific_gender([m.name or "", *(m.aliases or [])])
            target = {r for r in target if _fits_gender(full_names[r], gender)}
        elif roles:
            wanted = {r.lower() for r in roles}
            target = {r for r, rs in role_of.items() if any(_role_fits(w, x) for w in wanted for x in rs)}
        target = {uf.find(r) for r in target}
        if len(target) == 1:
            uf.union(next(iter(target)), i)


def _describes_only(loc: ArticlePerson) -> bool:
    """Is every form of an article's person or organisation a description ("a man" -> "man",
    "The victim's mother", "the statement")? Such a speaker is nobody of the corpus: "a man"
    of one article is not the "a man" of another, so it gets no speaker (as a title alone)."""
    forms = loc.names if loc.kind == "person" else loc.forms
    return all(describes(f) for f in forms)


def _role_fits(a: str, b: str) -> bool:
    """Does one role hold the other as whole words ("defense secretary" ~ "us defense
    secretary")?"""
    x, y = f" {' '.join(a.split())} ", f" {' '.join(b.split())} "
    return x in y or y in x


def _article_locals(analysed: list, uf: "_UF") -> list[tuple[ArticlePerson, list[str]]]:
    """One `ArticlePerson` per union of mentions: its names, roles and forms counted, its quotes."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(analysed)):
        groups[uf.find(i)].append(i)
    out = []
    for members in groups.values():
        first = analysed[members[0]][0]
        kinds = Counter(analysed[i][1] for i in members)
        loc = ArticlePerson(first.article_id, first.outlet, kinds.most_common(1)[0][0])
        qids = []
        for i in members:
            m, kind, names, roles = analysed[i]
            qids.append(m.quote_id)
            for n in set(names):
                loc.names[n] += 1
            for r in set(roles):
                loc.roles[r] += 1
            for f in {f.strip() for f in [m.name, *(m.aliases or [])] if f and f.strip()}:
                if _fold(f) not in NOT_NAMES:
                    loc.forms[f] += 1
        if loc.kind == "person" and not loc.names:
            continue  # a title alone ("the defense secretary") that fits nobody named here
        if _describes_only(loc):
            continue  # "a man", "the company", "the statement": the article names nobody
        loc.quote_ids = qids
        out.append((loc, qids))
    return out
