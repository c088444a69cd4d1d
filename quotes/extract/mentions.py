"""Who is who inside one article: names, their fullest forms, titles and salience.

Why: a quote is attributed to a mention ("Austin", "he", "the defense secretary"), but the
speaker we store is a person. The registry collects every name the article gives, merges
forms that share a surname ("Lloyd Austin" / "Austin" / "US Defense Secretary Lloyd
Austin"), remembers the roles seen next to a name, and keeps a salience history (who was
the subject of speech, who spoke last) so pronouns resolve to who is being talked about,
not merely to the nearest name.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from quotes.extract.journal import Journaled, JournaledDict, JournaledList, JournaledPositions, JournaledSet
from quotes.lexicon.names import (NOT_ABBR, clean_name, first_name_gender, is_org_name, is_place, role_gender,
                                  same_person, same_surname, split_title, surname_keys, without_honorifics)
from quotes.lexicon.words import HONORIFICS, PRONOUNS, ROLE_NOUNS

# An honorific right before a surname tells the gender: "Mrs. Clinton", "Mr. Bush".
_HONORIFIC_BEFORE = regex.compile(r"\b(?:(Mr)|(Mrs|Ms|Miss))\.?[ \u00a0]+$")
# The word right before a name, a comma allowed: "widow Terry Strada", "his wife, Jane"; with
# the words "and" joins to it ("husband and wife Bill Gates": they disagree, no gender).
_WORD_BEFORE = regex.compile(r"\b((?:\p{L}+[ \u00a0]+(?:and|&)[ \u00a0]+)*\p{L}+),?[ \u00a0]+$")
# A sentence break: a sentence end (with a closing mark) or a line end.
_SENT_BREAK = regex.compile(NOT_ABBR + r"[.!?][\"”’']?\s+|\n\s*")


@dataclass
class Entity(Journaled):
    """One person or organisation of the article, with every form it was named by.

    Its changes are journaled (quotes.extract.journal), so a trial resolution can be undone."""

    name: str
    kind: str = "person"
    aliases: set[str] = field(default_factory=JournaledSet)
    roles: list[str] = field(default_factory=JournaledList)
    gender: str | None = None
    # the gender a subject "he"/"she" resolved to it told (entities.track_subjects): read by
    # pronoun resolution only, never evidence that a name is a person
    pronoun_gender: str | None = None
    first_pos: int = 0
    # char offsets, kept sorted (every reader takes a count, a min or a max)
    mentions: JournaledPositions = field(default_factory=JournaledPositions)
    full_pos: JournaledPositions = field(default_factory=JournaledPositions)  # where named by more than a surname
    full_subj: JournaledPositions = field(default_factory=JournaledPositions)  # where such a full name is a subject
    subject_pos: JournaledPositions = field(default_factory=JournaledPositions)  # where it is a subject

    def add_form(self, form: str) -> None:
        form = form.strip()
        if not form:
            return
        if len(form.split()) > len(self.name.split()) and same_surname(form, self.name):
            self.aliases.add(self.name)
            self.name = form
        elif form != self.name:
            self.aliases.add(form)
        if self.gender is None and self.kind == "person":
            self.gender = first_name_gender(self.name)

    @property
    def role(self) -> str | None:
        """The most informative title seen: 'US Defense Secretary' over 'Secretary'."""
        return max(self.roles, key=lambda r: (len(r.split()) <= 12, len(r))) if self.roles else None


class Registry:
    """The people and organisations of one article, keyed by surname and by role words."""

    def __init__(self, text: str | None = None) -> None:
        self.entities: list[Entity] = JournaledList()  # journaled: see quotes.extract.journal
        self._by_key: dict[str, list[Entity]] = JournaledDict()
        self.text = text  # the article, for the context of an ambiguous surname
        self._ruled_out = False  # the last lookup found only people of the other gender

    def _keyed(self, word: str) -> list[Entity]:
        out: list[Entity] = []
        for k in surname_keys(word):
            out.extend(e for e in self._by_key.get(k, []) if e not in out)
        return out

    def _compatible(self, ent: Entity, words: list[str]) -> bool:
        """'Lloyd Austin' ~ 'Austin' ~ 'Lloyd J. Austin'; 'Eric Trump' !~ 'Donald Trump'."""
        return same_person(ent.name.split(), words)

    def rekey(self, ent: Entity) -> None:
        """File `ent` under the surname keys of its current name (after it gained a fuller form)."""
        for k in surname_keys(ent.name):
            if ent not in self._by_key.get(k, []):
                self._file(k, ent)

    def _file(self, key: str, ent: Entity) -> None:
        filed = self._by_key.get(key)
        if filed is None:
            filed = self._by_key[key] = JournaledList()
        filed.append(ent)

    def honorific_gender(self, pos: int | None) -> str | None:
        """'m' after 'Mr.', 'f' after 'Mrs.'/'Ms.'/'Miss' right before `pos`, else None."""
        if self.text is None or pos is None or not 0 <= pos <= len(self.text):
            return None
        h = _HONORIFIC_BEFORE.search(self.text[max(0, pos - 8):pos])
        return None if not h else "m" if h.group(1) else "f"

    def role_word_gender(self, pos: int | None) -> str | None:
        """'f' after "widow ", "his wife, ", 'm' after "husband " right before `pos`, else None."""
        if self.text is None or pos is None or not 0 <= pos <= len(self.text):
            return None
        w = _WORD_BEFORE.search(self.text[max(0, pos - 24):pos])
        return role_gender(w.group(1).split()) if w else None

    def lookup(self, name: str, pos: int | None = None, gender: str | None = None) -> Entity | None:
        words = clean_name(name).split()
        if not words:
            return None
        cands = [e for e in self._keyed(words[-1]) if self._compatible(e, words)]
        if len(words) == 1 and cands:
            # 'Mr. Obama' is not the Michelle Obama the article names in full
            g = gender or self.honorific_gender(pos)
            if g:
                cands = [e for e in cands if e.kind != "person" or first_name_gender(e.name) in (None, g)]
                if not cands:
                    self._ruled_out = True
                    return None
        if not cands and len(words) == 1:
            # a first name alone ("Hillary shot back"): the one person introduced with it
            firsts = [e for e in self.entities if e.kind == "person" and len(e.name.split()) > 1
                      and e.name.split()[0].lower() == words[0].lower()]
            return firsts[0] if len(firsts) == 1 else None
        if not cands:
            return None
        if len(words) > 1:
            exact = [e for e in cands if e.name.lower() == " ".join(words).lower()]
            if exact:
                return exact[0]
            multi = [e for e in cands if len(e.name.split()) > 1]
            return multi[0] if multi else cands[0]
        # a bare surname: the full name introduced with it; when two people of the article
        # share it ("Hillary Rodham Clinton", "Bill Clinton"), the context decides
        multi = [e for e in cands if len(e.name.split()) > 1]
        people = [e for e in multi if e.kind == "person"]
        # a longer form of another candidate is the same person ("Republican Donald Trump")
        people = [e for e in people if not any(o is not e and e.name.lower().endswith(" " + o.name.lower())
                                               for o in people)]
        if len(people) > 1:
            return self._disambiguate(people, pos)
        if people and len(multi) > 1:
            return people[0]
        return multi[0] if multi else cands[0]

    def _first_named(self, e: Entity) -> int:
        return min(e.full_pos) if e.full_pos else e.first_pos

    def _disambiguate(self, cands: list[Entity], pos: int | None) -> Entity:
        """Which of several people sharing a surname a bare 'Clinton' at `pos` means.

        An honorific first ('Mrs. Clinton' is the woman, 'Mr. Bush' the man, when first names
        tell gender); then a full name as the subject of the same or the previous sentence;
        then the person the article is about: named in the headline, else the first one named.
        """
        text = self.text
        if text is not None and pos is not None and 0 <= pos <= len(text):
            # an honorific rules out the people of the other gender
            g = self.honorific_gender(pos)
            if g:
                fit = [e for e in cands if e.gender == g]
                if len(fit) == 1 or fit and all(e.gender for e in cands):
                    cands = fit
            # the same or the previous sentence names one of them in full, as a subject
            # ("... by former president Bill Clinton" does not make him the topic)
            starts = [m.end() for m in _SENT_BREAK.finditer(text, max(0, pos - 1500), pos)]
            lo = starts[-2] if len(starts) >= 2 else max(0, pos - 1500)
            near = [(max(p for p in e.full_subj if lo <= p < pos), e) for e in cands
                    if any(lo <= p < pos for p in e.full_subj)]
            if near:
                return max(near, key=lambda x: x[0])[1]
            if len(cands) > 1:
                headline = text.split("\n", 1)[0].lower().split()
                head = [e for e in cands if e.name.split()[0].lower() in headline
                        or e.name.lower() in " ".join(headline)]
                if len(head) == 1:
                    return head[0]
        return min(cands, key=self._first_named)

    def register(self, name: str, pos: int, kind: str | None = None, role: str | None = None,
                 subject: bool = False, whole: bool = False) -> Entity | None:
        """The entity `name` at `pos` names (a new one, or a fuller form of a known one).
        `whole`: an institution or office named in full ("Royal Society for the Protection of
        Birds"), no title to split off its front."""
        raw = clean_name(name)
        words = raw.split()
        if not words:
            return None
        title, rest = ([], words) if whole else split_title(words)
        if rest:
            words = rest
            if title and not role:
                t = without_honorifics(title)
                role = t or None
        else:
            return None  # a bare title is not a name
        form = " ".join(words)
        if form.lower() in PRONOUNS:
            return None  # '.“He' tokenized as one word: a pronoun is never a name
        if kind is None:
            kind = "organisation" if is_org_name(form) else "person"
        hon = {w.lower().rstrip(".") for w in title}
        g = "m" if "mr" in hon else "f" if hon & {"mrs", "ms", "miss"} else self.honorific_gender(pos)
        self._ruled_out = False
        ent = self.lookup(form, pos, g)
        ruled_out, self._ruled_out = self._ruled_out, False
        if ent is None or (len(words) > 1 and len(ent.name.split()) > 1
                           and ent.name.split()[0].lower() != words[0].lower()
                           and not self._compatible(ent, words)):
            # a 'Mr. Obama' the article's only full name ('Michelle Obama') cannot be keeps
            # the honorific's gender, so no later pass gives him her name
            ent = Entity(name=form, kind=kind, first_pos=pos, gender=g if ruled_out else None)
            self.entities.append(ent)
            for k in surname_keys(form):
                self._file(k, ent)
        else:
            ent.add_form(form)
            self.rekey(ent)
            if kind == "organisation" and ent.kind == "person" and len(words) > 1:
                ent.kind = kind
        if raw != form:
            ent.aliases.add(raw)
        if ent.gender is None and kind != "organisation":
            ent.gender = first_name_gender(ent.name) or first_name_gender(form)
        # the word before the person's first mention only: before a later one it may open a
        # relative clause ("The woman Donald Trump called a liar")
        told = self.role_word_gender(pos) if not ent.mentions or pos <= ent.mentions[0] else None
        if told and ent.kind == "person":
            ent.gender = told  # "widow Terry Strada": the article's word beats a first-name guess
        if role and role not in ent.roles and role.lower() not in HONORIFICS:
            ent.roles.append(role)
        ent.mentions.append(pos)
        if len(words) > 1 and pos not in ent.full_pos:
            ent.full_pos.append(pos)
        if subject:
            ent.subject_pos.append(pos)
        return ent

    def by_role(self, role_words: list[str], pos: int) -> Entity | None:
        """The person introduced with a role: 'the defense secretary' -> Lloyd Austin.

        Matches the role's head noun and as many modifiers as possible; ties go to the
        entity mentioned most recently before `pos` (or first after it).
        """
        words = [w.lower().strip(".,’'") for w in role_words if w.lower() not in ("the", "a", "an")]
        words = [w for w in words if w]
        if not words:
            return None
        head = words[-1]
        best, best_key = None, None
        for e in self.entities:
            if e.kind != "person":
                continue
            for r in e.roles:
                rw = [w.lower().strip(".,’'") for w in r.split()]
                if head not in rw:
                    continue
                overlap = sum(1 for w in words if w in rw)
                before = [m for m in e.mentions if m <= pos]
                recency = max(before) if before else -min(e.mentions or [10**9])
                key = (overlap, recency)
                if best_key is None or key > best_key:
                    best, best_key = e, key
        return best

    def note_subject(self, ent: Entity, pos: int) -> None:
        ent.subject_pos.append(pos)
        if pos not in ent.mentions:
            ent.mentions.append(pos)

    def salient_organisation(self, pos: int, window: int = 1500) -> Entity | None:
        """The organisation most recently the subject of a clause before `pos` (within
        `window` characters): what "it said" / "they wrote" most often stands for when the
        sentence itself names no antecedent ("the Times wrote. ... “…,” it further wrote")."""
        best, best_pos = None, None
        for e in self.entities:
            if e.kind != "organisation":
                continue
            subj = [p for p in e.subject_pos if p < pos and pos - p <= window]
            if subj and (best_pos is None or max(subj) > best_pos):
                best, best_pos = e, max(subj)
        return best

    def salient_person(self, pos: int, gender: str | None = None, window: int = 2500,
                       exclude: set[int] | None = None) -> Entity | None:
        """Who is being talked about at `pos`: the person most recently a subject, else mentioned.

        Subjects of clauses weigh more than other mentions; a known gender must agree.
        """
        best, best_score = None, None
        for e in self.entities:
            if e.kind != "person" or (exclude and id(e) in exclude) or is_place(e.name):
                continue  # ("South Carolina, he said": a name the typing left a person)
            if gender and (e.gender or e.pronoun_gender) not in (None, gender):
                continue
            subj = [p for p in e.subject_pos if p < pos and pos - p <= window]
            ment = [p for p in e.mentions if p < pos and pos - p <= window]
            if not ment and not subj:
                continue
            # the latest subject wins; a mere mention counts only when nobody was a subject
            score = max(subj) if subj else max(ment) - window
            if best_score is None or score > best_score:
                best, best_score = e, score
        return best


# A title-and-name run as printed: "Army Capt. Daniel Reyes", "Air Force 1st Lt. Mark Olsen",
# "radio co-host Pete Vargas" (capitalised words, abbreviations, ordinals, hyphenated titles).
_RUN_WORD = r"(?:\p{Lu}(?:\p{L}{0,3}\.|(?:\.\p{Lu})+\.?|[\p{L}’'-]*)|\d+(?:st|nd|rd|th)|co-[a-z]+|vice-[a-z]+)(?![\p{L}\p{N}]|\.\p{L})"
_CO_TITLE = regex.compile(r"(?:co|vice)-")
_RUN = regex.compile(_RUN_WORD + r"(?:[ \u00a0]+" + _RUN_WORD + r")*")


def titled_name_at(text: str, start: int) -> list[str] | None:
    """The name words of a 'Title ... First Last' run starting at `start`, when the run has a title.

    Why: the small parser and NER cut such runs at abbreviations and ordinals ("Army Capt" as
    an organisation, "Force 1st"), so the name is read off the text instead.
    """
    m = _RUN.match(text, start)
    if not m:
        return None
    words = m.group(0).split()
    if words[-1].endswith(".") and len(words[-1].rstrip(".")) > 1 and words[-1].lower() not in HONORIFICS:
        words[-1] = words[-1].rstrip(".")  # the sentence end after "... said Lt. Mark Olsen."
    # "co-host": the title word after the hyphen decides
    keys = [w.split("-", 1)[1] if _CO_TITLE.match(w) else w for w in words]
    title, rest = split_title(keys)
    rest = words[len(title):]
    while rest and rest[0].lower().rstrip(".") in HONORIFICS:
        title.append(rest.pop(0))
    if not title or not 2 <= len(rest) <= 4 or any(w.lower() in ROLE_NOUNS for w in rest):
        return None
    return rest
