"""Decide which marks are quotations and who said each one.

Input: the article text, the marks found by `quotes.extract.marks`, and spaCy parses of the parts of
the text that attribution needs (one or more `(offset, Doc)` segments). Output: `Quote`s
with the speaker resolved to the fullest name of the article and the evidence (mention,
cue, method, confidence).

Rules, strongest first (the `method` field names the one that decided):
  subject / inverted / head_subject / according_to / possessive / quoted_as_saying
      a speech verb (quotes.extract.cues) next to the quote or governing it in the parse; its
      subject is the speaker ("Austin said", "said Kirby", "..., calling it",
      "according to X", "Trump's claim that", "Park quoted Cho as saying"); a quote reported
      inside another speaker's clause goes to the outermost speaker;
  nearby_before / nearby_after   the noun phrase next to the cue when the parse lost it;
  colon / colon_paragraph / dash   'Trump: “…”', 'Caddell continued:' + next paragraph,
      '“…” ― Name';
  split_quote / continuation      “A,” he said. “B.” and paragraphs that reopen a quote;
  previous_sentence / sentence_subject   the writer's sentence before or around the quote;
  salience_guess                  nothing found: who the article was just talking about.
The method suffix (":name", ":pronoun", ":role", ":appositive", ":group") says how the
mention became a speaker (quotes.extract.mentions.Registry resolves pronouns and titles).
Whether a mark is a quote at all (not a scare quote, title or nickname) is decided by
quotes.extract.quotefilter from the same evidence.
"""
from __future__ import annotations

import copy
from contextlib import contextmanager

import regex

from quotes.extract.cues import SPEECH_LEMMAS, SPEECH_NOUNS, WEAK_LEMMAS, is_according, is_cue_token, lemma_of
from quotes.extract.mentions import (GROUP_PRONOUNS, HONORIFICS, NOT_ABBR, ORG_WORDS, PERSON_PRONOUNS, PRONOUNS, ROLE_NOUNS,
                       FEMALE_NAMES, MALE_NAMES, Entity, Registry, clean_name, first_name_gender, is_org_name,
                       surname_keys,
                       is_place, split_title, titled_name_at)
from quotes.model import Mark, Quote
from quotes.extract.syntax import (NAME_LABELS, SUBJ_DEPS, after_article, appos_text, doc_text, is_name_token,
                     is_possessed_speech_noun, name_span, named_participle, np_tokens, role_left)
from quotes.extract.textindex import ArticleIndex
from quotes.extract.quotefilter import KEEP_THRESHOLD, quote_features, quote_probability

WORK_NOUNS = frozenset("""show film movie book song album series program programme episode
novel play documentary article column headline titled entitled called magazine newspaper
podcast hashtag slogan motto phrase term word words label nickname dubbed known
so-called""".split())
FEMALE_ROLES = frozenset("spokeswoman chairwoman congresswoman businesswoman ms. ms mrs. mrs madam".split())
MALE_ROLES = frozenset("spokesman chairman congressman businessman mr. mr".split())
DOC_NOUNS = frozenset("""statement report ad advertisement memo complaint document study poll survey
brief lawsuit filing video letter release email tweet post website spot""".split())
FUNCTION_WORDS = frozenset("""the but and when while if as after although though because since
before so then now in on at for with by from this that these those it its he she they we i
a an of or nor yet also even still just only meanwhile however why what how who where
whether here there""".split())
QUANTIFIERS = frozenset("all every each many most some both no any few several".split())
SMALL_WORDS = frozenset("a an the of and or in on at to for with by from vs via is as".split())


_SUBORD = regex.compile(r"[\s,.;:!?—–-]*(?:when|as|because|while|after|before|if|since|but|and|or|until|though|although|where|which|that)\b",
                        regex.I)


# A capitalised word; a dot only in abbreviations and initials (U.S., Gov., J.), so a run
# never crosses a sentence end ("... in Benghazi. Bob said").
_CAPW = r"\p{Lu}(?:[\p{L}’'-]*|\p{L}{0,3}\.|(?:\.\p{Lu})+\.?)"
# A sentence end: not after an initial ("Elijah E. Cummings") or a title abbreviation.
_SENT_END = regex.compile(NOT_ABBR + r"[.!?]\s")
_SENT_END_AT = regex.compile(NOT_ABBR + r"[.!?](?=\s|$)")
_FIRST_LAST = regex.compile(r"\b(\p{Lu}\p{Ll}+)[ \u00a0]+(?:\p{Lu}\.[ \u00a0]+)?(\p{Lu}[\p{L}’'-]+)\b")
# A person's name right after a title noun: "host Bill Maher", "co-host Mika Brzezinski"
_NAME_AFTER = regex.compile(r"[ \u00a0]+((?:\p{Lu}[\p{Ll}’'-]+|\p{Lu}\.)(?:[ \u00a0]+(?:\p{Lu}[\p{L}’'-]+|\p{Lu}\.)){1,3})\b")
_DASH_NAME = regex.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*(@?\p{Lu}[\p{L}.’'-]*(?:[ \u00a0]+\p{Lu}[\p{L}.’'-]*){0,4})")
_SIGNED_COLON = regex.compile(r"\s[―—–-]{1,2}[ \t\u00a0]*(\p{Lu}[\p{L}.’'-]*(?:[ \u00a0]+\p{Lu}[\p{L}.’'-]*){0,3}):$")
# One more name word after "Hillary Rodham" that ends the capitalised run ("... Clinton found")
_NEXT_NAME = regex.compile(r"[ \u00a0]+(\p{Lu}\p{Ll}{2,})\b(?![ \u00a0]+\p{Lu}|[-.]\p{L})")
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())
_TITLE_RUN = regex.compile(r"(?:(?:" + _CAPW + r"|of|for|the)[ \u00a0]){1,8}\p{Lu}[\p{L}’'-]+")


class Attributor:
    """Attributes the marks of one article; build once per article."""

    def __init__(self, text: str, marks: list[Mark], docs, use_filter: bool = True, ranker=None):
        self.a = ArticleIndex(text, marks, docs)
        self.use_filter = use_filter
        # ranker(att, mark, index, quote, earlier quotes) -> keep?: may change the speaker
        # (quotes.extract.ranking.apply_ranker)
        self.ranker = ranker
        self.features: list = []  # (mark, quote, feature dict) for every candidate
        self._score = 0.0
        self._rule_reject = False
        self.reg = Registry(text)
        self.resolved: dict[int, Entity | None] = {}  # token abs pos -> entity
        self._harvested: set[str] = set()
        self._runs = None
        self._titled: set[int] = set()
        self._build_registry()
        self._track_subjects()

    # ---- registry and salience -------------------------------------------------------
    def _build_registry(self) -> None:
        a = self.a
        # people named with a common first name anywhere outside quotes ("Bernie Sanders"):
        # a cheap whole-text pass, so unparsed paragraphs still contribute full names
        for m in self._first_last_matches():
            first = m.group(1).lower()
            if (first in FEMALE_NAMES or first in MALE_NAMES) and not a.in_quote(m.start()):
                last = m.group(2)
                if last.lower() in FUNCTION_WORDS or last.lower() in ROLE_NOUNS:
                    continue
                self.reg.register(self._with_middle(m), m.start(), kind="person")
        for seg in a.segs:
            for ent in seg.doc.ents:
                if ent.label_ not in ("PERSON", "ORG"):
                    continue
                p = seg.offset + ent.start_char
                if a.in_quote(p):
                    continue
                kind = "person" if ent.label_ == "PERSON" else "organisation"
                words = [t.text for t in ent]
                if kind == "person" and len(words) == 1 and words[0].lower() in ROLE_NOUNS:
                    continue
                role = role_left(list(ent))
                appos, atext = appos_text(ent.root)
                if atext and appos.pos_ == "NOUN":
                    role = role or atext
                if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
                    role = role or doc_text(np_tokens(ent.root.head))
                e = self.reg.register(ent.text, p, kind=kind, role=role)
                if e is not None:
                    self._gender_from_role(e, role, ent.text)

    def _first_last_matches(self):
        """_FIRST_LAST matches, and the name a sentence-opening word hid ("For Hillary Clinton,"
        matches as "For Hillary"; the name starts at the second word)."""
        text = self.a.text
        for m in _FIRST_LAST.finditer(text):
            yield m
            if m.group(1).lower() in FUNCTION_WORDS:
                again = _FIRST_LAST.match(text, m.start(2))
                if again:
                    yield again

    def _with_middle(self, m) -> str:
        """'Hillary Rodham Clinton', not 'Hillary Rodham': a first-last match followed by one
        more name word that ends the run and is printed elsewhere in the article too."""
        nxt = _NEXT_NAME.match(self.a.text, m.end())
        if nxt and "." not in m.group(0):
            w = nxt.group(1)
            low = w.lower()
            if not (low in FUNCTION_WORDS or low in ROLE_NOUNS or low in ORG_WORDS or low in HONORIFICS
                    or low in _CALENDAR or is_place(w) or "-" in low) \
                    and len(regex.findall(r"\b" + regex.escape(w) + r"\b", self.a.text)) > 1:
                return m.group(0) + " " + w
        return m.group(0)

    def _gender_from_role(self, e: Entity, role: str | None, text: str) -> None:
        if e.gender:
            return
        words = {w.lower() for w in ((role or "") + " " + text).split()}
        if words & FEMALE_ROLES:
            e.gender = "f"
        elif words & MALE_ROLES:
            e.gender = "m"

    def _track_subjects(self) -> None:
        """Walk the subjects in text order: names, roles and resolved pronouns gain salience."""
        a = self.a
        for p, t in a.toks:
            if a.in_quote(p):
                continue
            # subjects, and names that open their sentence (the small parser often
            # makes "Michael DiMino, ..., urged" a fragment rooted at the name)
            opener = t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "") and t.dep_ in ("ROOT", "appos") \
                and t.sent.start >= t.i - 3
            if t.dep_ not in SUBJ_DEPS and not opener:
                continue
            ent = self._entity_for(t, p)
            if ent is None:
                continue
            if t.pos_ == "PROPN" and len([w for w in name_span(t)[0]
                                          if w.lower_.rstrip(".") not in HONORIFICS]) > 1:
                ent.full_subj.append(p)  # "George W. Bush walked on stage": named in full as a subject
            # main-clause subjects and speakers are who is talked about; a subject inside a
            # subordinate clause ("... even though Sanders won Michigan") is only a mention
            main = opener or t.head.dep_ == "ROOT" or is_cue_token(t.head)
            if main:
                self.reg.note_subject(ent, p)
            elif p not in ent.mentions:
                ent.mentions.append(p)

    def _same_sentence_subject(self, t, gender: str | None) -> Entity | None:
        """'Clinton says she appreciated ...': a name subject earlier in the same sentence; the
        subject of a speech verb first ('DuVernay said she felt the 13th Amendment was ...')."""
        found = []
        for c in t.sent:
            if c.i >= t.i:
                break
            if c.dep_ in SUBJ_DEPS and c.pos_ == "PROPN" and not self.a.in_quote(self.a.pos(c)):
                ent = self._entity_for(c, self.a.pos(c))
                if ent is not None and ent.kind == "person" and (not gender or not ent.gender or ent.gender == gender):
                    found.append((not is_cue_token(c.head), ent))
        return min(found, key=lambda x: x[0])[1] if found else None

    def _entity_for(self, t, p: int) -> Entity | None:
        if p in self.resolved:
            return self.resolved[p]
        low = t.lower_
        ent = None
        if low in PERSON_PRONOUNS:
            g = PERSON_PRONOUNS[low]
            ent = self._same_sentence_subject(t, g) or self.reg.salient_person(p, gender=g)
        elif is_name_token(t, known=lambda w: self.reg.lookup(w) is not None):
            toks, label = name_span(t)
            name = doc_text(toks)
            kind = None if label is None else ("person" if label == "PERSON" else "organisation")
            if label in ("GPE", "NORP") or kind is None and after_article(toks[0]):
                kind = "organisation"  # "the 13th Amendment", "the Pentagon": not a person
            ent = self._ensure_full(self.reg.lookup(clean_name(name), self.a.pos(toks[-1])) or self.reg.register(name, p, kind=kind))
        elif t.pos_ == "NOUN" and low in ROLE_NOUNS:
            appos = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if appos:
                ent = self._entity_for(appos[0], self.a.pos(appos[0]))
            else:
                ent = self.reg.by_role([x.text for x in np_tokens(t)], p)
        self.resolved[p] = ent
        return ent

    def _ensure_full(self, ent: Entity | None) -> Entity | None:
        """A one-word name ('Austin') gets the fullest capitalised run the text gives it."""
        if ent is None or len(ent.name.split()) > 1 or ent.name in self._harvested:
            return ent
        self._harvested.add(ent.name)
        sur = regex.escape(ent.name)
        best = None
        # "Sue Seedorff-Keninger" for "Keninger": the first part of a hyphenated surname
        for m in regex.finditer(r"((?:(?:" + _CAPW + r"|of|for|the)[ \u00a0]){1,7})(?:\p{Lu}\p{Ll}+-)?" + sur + r"\b",
                                self.a.text):
            if self.a.in_quote(m.start(1)):
                continue
            words = m.group(0).split()
            while words and words[0] in ("of", "for", "the"):
                words.pop(0)
            title, rest = split_title(words)
            while rest and rest[0].lower().rstrip(".") in HONORIFICS:
                title.append(rest.pop(0))
            if len(rest) < 2 or len([w for w in rest if len(w.rstrip(".")) > 1]) > 3 or \
                    any(w.lower() in SMALL_WORDS or w.lower() in ROLE_NOUNS for w in rest):
                continue
            if rest[0].lower() in FUNCTION_WORDS | QUANTIFIERS or rest[0] in ("US", "U.S.", "UK"):
                continue
            if ent.gender and first_name_gender(" ".join(rest)) not in (None, ent.gender):
                continue  # 'Mr. Obama' is not the Michelle Obama of the article
            if best is None or len(rest) > len(best[1]):
                best = (title, rest, m.start())
        if best:
            title, rest, p = best
            role = " ".join(w for w in title if w.lower().rstrip(".") not in HONORIFICS) or None
            ent.add_form(" ".join(rest))
            if role and role not in ent.roles:
                ent.roles.insert(0, role)
            ent.mentions.append(p)
            ent.full_pos.append(p)
            for k in surname_keys(ent.name):
                if ent not in self.reg._by_key.setdefault(k, []):
                    self.reg._by_key[k].append(ent)
        return ent

    def _title_runs(self):
        """(title words, name words, offset) for every 'Title Title Name Name' run outside quotes.

        A regex pass over the whole article, so titles in paragraphs that were not parsed
        still resolve 'the defense secretary'."""
        if self._runs is None:
            self._runs = []
            for m in _TITLE_RUN.finditer(self.a.text):
                if self.a.in_quote(m.start()):
                    continue
                words = m.group(0).split()
                title, rest = split_title(words)
                while rest and rest[0].lower().rstrip(".") in HONORIFICS:
                    title.append(rest.pop(0))
                if title and 2 <= len(rest) <= 4 and not any(w.lower() in SMALL_WORDS for w in rest):
                    self._runs.append((title, rest, m.start()))
        return self._runs

    def _role_from_text(self, np_toks, p: int) -> Entity | None:
        words = [t.lower_.strip(".") for t in np_toks if t.lower_ not in ("the", "a", "an")]
        if not words:
            return None
        head = words[-1]
        best, key = None, None
        for title, rest, pos in self._title_runs():
            tl = [w.lower().strip(".,") for w in title]
            if head not in tl:
                continue
            k = (sum(1 for w in words if w in tl), -abs(pos - p))
            if key is None or k > key:
                best, key = (title, rest, pos), k
        if best is None:
            return None
        title, rest, pos = best
        role = " ".join(w for w in title if w.lower().rstrip(".") not in HONORIFICS)
        return self.reg.register(" ".join(rest), pos, kind="person", role=role)

    # ---- cues --------------------------------------------------------------------------
    def _quote_tokens(self, m: Mark):
        return [t for t in self.a.tokens_between(m.start, m.end)]

    def _regions(self, m: Mark, idx: int):
        """Char ranges next to the quote where its attribution can sit (same paragraph)."""
        a, text = self.a, self.a.text
        ps, pe = a.para_bounds(m.open_mark)
        close_end = (m.close_mark + 1) if m.close_mark is not None else m.end
        # before: back to previous quote close or sentence end outside quotes
        prev_close = max([e for s, e in a.spans if e <= m.open_mark] or [ps])
        bstart = max(ps, prev_close)
        seg = text[bstart:m.open_mark]
        ends = [bstart + mm.end() for mm in _SENT_END.finditer(seg)]
        if ends:
            bstart = ends[-1]
        # after: to next quote open or sentence end
        _, pe2 = a.para_bounds(close_end - 1 if close_end > 0 else 0)
        nxt_open = min([s for s, e in a.spans if s >= close_end] or [pe2])
        aend = min(pe2, nxt_open)
        seg2 = text[close_end:aend]
        mm = _SENT_END_AT.search(seg2)
        if mm and mm.start() > 0 and not regex.match(r"\s*[.!?]", seg2):
            aend = close_end + mm.end()
        elif mm and regex.match(r"[\s.!?]*$", seg2[:mm.end()]):
            aend = close_end + mm.end()
        return (bstart, m.open_mark), (close_end, aend)

    def _cue_candidates(self, m: Mark, idx: int):
        a = self.a
        (b0, b1), (a0, a1) = self._regions(m, idx)
        qtoks = self._quote_tokens(m)
        qset = {(id(t.doc), t.i) for t in qtoks}
        sents = []
        for t in qtoks[:1] + qtoks[-1:]:
            s = t.sent
            if all(s.start != x.start or s.doc is not x.doc for x in sents):
                sents.append(s)
        # ancestors of the quote's own roots (quote tokens attached outside the quote)
        root_anc = set()
        for q in qtoks:
            if (id(q.doc), q.head.i) not in qset:
                root_anc.update((id(x.doc), x.i) for x in q.ancestors)
        cands = []
        seen = set()
        pool = []
        for s in sents:
            pool.extend(s)
        pool.extend(a.tokens_between(b0, b1))
        pool.extend(a.tokens_between(a0, a1))
        for t in pool:
            key = (id(t.doc), t.i)
            if key in seen:
                continue
            seen.add(key)
            p = a.pos(t)
            if a.in_quote(p):
                continue
            adjacent = b0 <= p < b1 or a0 <= p < a1
            according = is_according(t)
            noun_cue = is_possessed_speech_noun(t)
            if not (according or noun_cue or is_cue_token(t)):
                continue
            dep_link = (id(t.doc), t.head.i) in qset or key in root_anc
            if a0 <= p < a1 and lemma_of(t) not in SPEECH_LEMMAS and a.text[:m.end].rstrip(" ’'\"”").endswith("."):
                adjacent = dep_link = False  # '“... a failed candidate.” Romney fired back': a reply
            if a0 <= p < a1 and _SUBORD.match(a.text, a0):
                adjacent = False  # '“…,” when Clinton blasted him': not an attribution
            weak = lemma_of(t) in WEAK_LEMMAS
            score = 0.0
            if according:
                score = 2.6 if adjacent else 1.2
            elif adjacent and dep_link:
                score = 3.0
            elif adjacent:
                score = 2.2
            elif dep_link:
                score = 1.8
            else:
                score = 0.6
            if weak and not dep_link:
                score -= 0.5
            dist = min(abs(p - m.open_mark), abs(p - (m.close_mark or m.end)))
            cands.append((score, -dist, p, t, "according" if according else "verb"))
        cands.sort(key=lambda x: (x[0], x[1]), reverse=True)
        return cands, (b0, b1), (a0, a1)

    # ---- speakers ----------------------------------------------------------------------
    def _subject_of(self, cue):
        """The token that names who speaks for a speech verb (or 'according to')."""
        if is_according(cue):
            for c in cue.children:
                if c.lower_ == "to":
                    for cc in c.children:
                        if cc.dep_ == "pobj":
                            return cc, "according_to"
            nxt = cue.nbor(1)
            for cc in nxt.children:
                if cc.dep_ == "pobj":
                    return cc, "according_to"
            if cue.i + 2 < len(cue.doc):
                return cue.doc[cue.i + 2], "according_to"
            return None, None
        if is_possessed_speech_noun(cue):
            return next(c for c in cue.children if c.dep_ == "poss"), "possessive"
        named = named_participle(cue)
        if named is not None and not any(c.dep_ in SUBJ_DEPS for c in cue.children):
            return named, "participle"
        t = cue
        hops = 0
        while t is not None and hops < 4:
            # X quoted Y as saying: the speaker is Y
            qh = t.head.head if t.head.lower_ == "as" else t.head
            if t.lower_ in ("saying", "say") and t.head is not t and lemma_of(qh) == "quote":
                for c in qh.children:
                    if c.dep_ in ("dobj", "obj"):
                        return c, "quoted_as_saying"
            # "Rubio was asked by moderator Gerard Baker whether ...": the agent speaks
            agent = [c for c in t.children if c.dep_ == "agent"]
            pobj = [c for a_ in agent[:1] for c in a_.children if c.dep_ == "pobj"]
            if pobj and hops == 0:
                return pobj[0], "passive_agent"
            subj = [c for c in t.children if c.dep_ in SUBJ_DEPS]
            if subj and not any(ch.isalnum() for ch in subj[0].text) and t.i > 0 and t.doc[t.i - 1].pos_ == "PROPN":
                subj = [t.doc[t.i - 1]]  # '... made public ― Trump boasted': a dash parsed as the subject
            if subj:
                return subj[0], ("inverted" if subj[0].i > t.i else "subject") if hops == 0 else "head_subject"
            if pobj:
                return pobj[0], "passive_agent"
            if t.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl", "ccomp", "pcomp", "prep", "pobj",
                          "dobj", "parataxis") and t.head is not t:
                if t.dep_ == "relcl":
                    return t.head, "relative"
                # "That prompted Rubio to make a joke and call Trump “...”": the object of the
                # verb above an infinitive is who does the speaking
                obj = [c for c in t.head.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("PROPN", "PRON")]
                if t.dep_ == "xcomp" and obj and obj[0].i < t.i:
                    return obj[0], "object_control"
                # "footage of Trump saying", "Kirby, speaking to reporters": the noun it hangs on
                if t.dep_ == "acl" and (t.head.pos_ in ("PROPN", "PRON") or t.head.lower_ in ROLE_NOUNS):
                    return t.head, "participle"
                # "X said the US was investigating ..., calling it ...": a participle hung
                # on a reported clause belongs to the reporting speaker
                if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj"):
                    h = t.head
                    while h.dep_ == "conj" and h.head is not h:
                        h = h.head
                    if h.dep_ == "ccomp" and is_cue_token(h.head):
                        t = h.head
                        hops += 1
                        continue
                t = t.head
                hops += 1
                continue
            break
        return None, None

    def _group_antecedent(self, tok):
        """'they'/'it': the noun subject of the main clause, else of the previous sentence."""
        a = self.a
        sent = tok.sent
        cands = [c for c in sent.root.children if c.dep_ in SUBJ_DEPS and c.i != tok.i]
        doc = tok.doc
        if not cands and sent.start > 0:
            prev = doc[sent.start - 1].sent
            cands = [c for c in prev.root.children if c.dep_ in SUBJ_DEPS]
        for c in cands:
            if c.pos_ in ("PROPN", "NOUN") and not a.in_quote(a.pos(c)):
                return c
        return None

    def _outermost_cue(self, cue):
        """'Trump said Fox executives were calling “every 15 minutes”': the words are
        reported by the outer speaker, so the outermost speech verb above the cue wins."""
        if named_participle(cue) is not None:
            return cue  # "footage of Trump saying ...": Trump speaks, not the ad that shows it
        best = cue
        # "Hale said Obama's words “amount to ...”", "Fitton called Clinton's claim “absurd”":
        # a possessed speech noun inside a clause is the reporter's topic, not the speaker
        noun = is_possessed_speech_noun(cue)
        for anc in cue.ancestors:
            if noun and self.a.in_quote(self.a.pos(anc)):
                continue  # the quote's own first word can head the clause
            if self.a.in_quote(self.a.pos(anc)) or lemma_of(anc) == "quote":
                break  # "Park quoted Cho as saying": Cho speaks
            weak_ok = noun and anc.i == cue.head.i and cue.dep_ in ("dobj", "obj")
            if is_cue_token(anc) and lemma_of(anc) in SPEECH_LEMMAS | {"put"} and (
                    lemma_of(anc) not in WEAK_LEMMAS or weak_ok) and any(
                    c.dep_ in SUBJ_DEPS for c in anc.children):
                best = anc
        return best

    def _nearby_subject(self, cue, before, after):
        """When the parse gives the cue no subject (quotes confuse it): the noun phrase next
        to the cue in the same attribution region ('”, Flynn, a surrogate, said' / 'said Kirby')."""
        a = self.a
        cp = a.pos(cue)
        lo, hi = before if before[0] <= cp < before[1] else after
        cue_first = (lo, hi) == tuple(before)  # 'X described Y as “...”', not '“...,” read the statement'
        toks = [t for t in a.tokens_between(lo, hi) if not a.in_quote(a.pos(t))]
        left = [t for t in toks if t.i < cue.i and t.doc is cue.doc]
        right = [t for t in toks if t.i > cue.i and t.doc is cue.doc]
        for group, rule in ((left, "nearby_before"), (right[:4], "nearby_after")):
            for t in group:
                if t.dep_ == "pobj" and t.pos_ != "PRON" or t.dep_ == "poss":
                    continue  # 'For months, Cruz ...', 'In Iowa, ...', 'her adviser': not the speaker
                if cue_first and t.head.i == cue.i and t.dep_ in ("dobj", "obj", "dative", "oprd"):
                    continue  # 'Will described Trump as a “...”': the object is talked about
                if t.pos_ == "PRON" and t.lower_ in PERSON_PRONOUNS:
                    return t, rule
                if t.pos_ == "PROPN" and not (t.dep_ == "poss" or (t.i + 1 < len(t.doc) and t.doc[t.i + 1].dep_ == "case")):
                    j = t.i
                    while j + 1 < len(t.doc) and t.doc[j + 1].pos_ == "PROPN" and t.doc[j + 1] in group:
                        j += 1
                    return t.doc[j], rule
                if t.pos_ == "NOUN":
                    while t.dep_ == "compound" and t.head.i > t.i and t.head in group:
                        t = t.head
                    return t, rule
        return None, None

    def _prev_paragraph_colon(self, m: Mark):
        """'Caddell continued:' closing the previous paragraph introduces this one's quote."""
        a, text = self.a, self.a.text
        k = a.para_index(m.open_mark)
        if text[a.para_starts[k]:m.open_mark].strip():
            return None
        j = k - 1
        while j >= 0:
            s = a.para_starts[j]
            e = a.para_starts[j + 1] - 1
            if text[s:e].strip():
                break
            j -= 1
        if j < 0:
            return None
        s, e = a.para_starts[j], a.para_starts[j + 1] - 1
        seg = text[s:e].rstrip()
        if not seg.endswith(":") or a.in_quote(s + len(seg) - 1):
            return None
        return s, s + len(seg)

    def _speaker(self, tok, depth: int = 0):
        """(Entity or None, name str or None, kind, role, mention tokens, how) for a subject token."""
        a = self.a
        p = a.pos(tok)
        low = tok.lower_
        if low in ("who", "that", "which") and tok.head.dep_ == "relcl" and depth < 2:
            return self._speaker(tok.head.head, depth + 1)
        if low in PRONOUNS:
            if low in PERSON_PRONOUNS:
                ent = self._entity_for(tok, p)
                if ent is not None:
                    return ent, ent.name, ent.kind, ent.role, [tok], "pronoun"
                return None, None, None, None, [tok], "pronoun"
            if low in GROUP_PRONOUNS and depth < 2:
                ant = self._group_antecedent(tok)
                if ant is not None:
                    ent, name, kind, role, mtoks, how = self._speaker(ant, depth + 1)
                    if name:
                        return ent, name, kind, role, [tok], "pronoun"
                return None, None, None, None, [tok], "pronoun"
            return None, None, None, None, [tok], "pronoun"
        if tok.pos_ == "PROPN" or (tok.ent_type_ in NAME_LABELS and tok.pos_ != "PRON"):
            toks, label = name_span(tok)
            name = clean_name(doc_text(toks))
            words = name.split()
            run = titled_name_at(a.text, a.pos(toks[0]))
            if run and len(run) >= len(words) or run and words[-1].lower().rstrip(".") in HONORIFICS:
                # "Army Capt. Daniel Reyes", "Air Force 1st Lt. Mark Olsen": the parse cut the run
                return self._titled_speaker(run, toks, p)
            while len(words) > 1 and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in ROLE_NOUNS):
                words = words[1:]
            if words and (words[0].lower().rstrip(".") in HONORIFICS or words[-1].lower().rstrip(".") in HONORIFICS):
                # 'former Pennsylvania Gov. and ... Chairman Ed Rendell': the name is further on
                inner = [x for x in tok.subtree if x.pos_ == "PROPN" and x.i > tok.i
                         and x.lower_.rstrip(".") not in HONORIFICS and x.lower_ not in ROLE_NOUNS
                         and not self.a.in_quote(self.a.pos(x))]
                if inner and depth < 2:
                    head = inner[-1]
                    return self._speaker(head, depth + 1)
                words = []
            if not words:
                return self._role_speaker(tok, p, depth)
            kind = None if label is None else ("person" if label == "PERSON" else "organisation")
            if label in ("GPE", "NORP"):
                kind = "organisation"
            role = role_left(toks)
            appos, atext = appos_text(tok)
            if atext and appos is not None and appos.pos_ == "NOUN":
                role = role or atext
            title, rest = split_title(words)
            if title and rest:
                # "Cleveland Police Chief Calvin Williams": the title is a role, not the name
                words = rest
                role = role or " ".join(w for w in title if w.lower().rstrip(".") not in HONORIFICS) or None
            ent = self.reg.lookup(" ".join(words), a.pos(toks[-1])) or self.reg.register(" ".join(words), p, kind=kind, role=role)
            ent = self._ensure_full(ent)
            if ent is not None:
                ent.add_form(" ".join(words))
                if role and role not in ent.roles:
                    ent.roles.append(role)
                return ent, ent.name, ent.kind, ent.role, toks, "name"
            return None, " ".join(words), kind or "person", role, toks, "name"
        # a surname the tagger took for a verb or a preposition ("Husted continued", "From
        # said"): the article already named this person in full
        known = self.reg.lookup(tok.text, p) if tok.is_title and tok.pos_ != "PRON" else None
        if known is not None and len(known.name.split()) > 1 and known.kind == "person":
            return known, known.name, known.kind, known.role, [tok], "name"
        if tok.pos_ in ("NOUN", "ADJ", "NUM", "X", "ADV"):
            return self._role_speaker(tok, p, depth)
        return None, None, None, None, [tok], "none"

    def _span_text(self, toks) -> str:
        """The article's own characters for a token run ("Powell’s office", not "Powell ’s")."""
        if not toks:
            return ""
        s = self.a.pos(toks[0])
        e = self.a.pos(toks[-1]) + len(toks[-1].text)
        return " ".join(self.a.text[s:e].split())

    def _titled_speaker(self, words: list[str], toks, p: int):
        ent = self.reg.lookup(" ".join(words), p) or self.reg.register(" ".join(words), p, kind="person")
        ent = self._ensure_full(ent)
        if ent is None:
            return None, None, None, None, toks, "none"
        ent.kind = "person"
        return ent, ent.name, ent.kind, ent.role, toks, "name"

    def _name_after_role(self, np_toks):
        """'radio co-host Pete Vargas', 'host Bill Maher': a title noun the parse split from the
        name that follows it; the name is the speaker."""
        a = self.a
        if not np_toks or np_toks[-1].pos_ != "NOUN":
            return None
        for t in np_toks:
            if t.pos_ in ("NOUN", "PROPN") and a.text[a.pos(t):a.pos(t) + 3] in ("co-", "Co-"):
                run = titled_name_at(a.text, a.pos(t))
                if run:
                    return self._titled_speaker(run, np_toks, a.pos(t))
        last = np_toks[-1]
        if last.lower_ not in ROLE_NOUNS:
            return None
        end = a.pos(last) + len(last.text)
        m = _NAME_AFTER.match(a.text, end)
        if not m or a.in_quote(m.start(1)):
            return None
        words = m.group(1).split()
        if words[0].lower() in FUNCTION_WORDS or words[-1].lower() in ROLE_NOUNS or is_org_name(m.group(1)):
            return None
        return self._titled_speaker(words, np_toks, m.start(1))

    def _affiliation(self, tok, depth: int):
        """'A spokesman for Platte River', 'officials at the FAA', 'a letter from the American
        Legion': nobody is named, so the organisation they speak for is the speaker."""
        if depth >= 2:
            return None
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in ("for", "at", "of", "from", "with", "by"):
                continue
            for o in c.children:
                if o.dep_ != "pobj" or o.pos_ != "PROPN" or self.a.in_quote(self.a.pos(o)):
                    continue
                res = self._speaker(o, depth + 1)
                ent = res[0]
                # not a person we know ("a spokesman for Hillary Clinton" stays unresolved)
                if res[1] and not is_place(res[1]) and (
                        res[2] == "organisation" or ent is not None and ent.gender is None):
                    if ent is not None:
                        ent.kind = "organisation"
                    return ent, (ent.name if ent is not None else res[1]), "organisation", res[3]
        return None

    def _issuer(self, tok, depth: int):
        """'Park released a video that says ...': the document's words are its issuer's."""
        if depth >= 2 or tok.dep_ not in ("dobj", "obj") or tok.head.pos_ != "VERB":
            return None
        subj = [c for c in tok.head.children if c.dep_ in SUBJ_DEPS]
        if not subj or subj[0].pos_ not in ("PROPN", "PRON") or self.a.in_quote(self.a.pos(subj[0])):
            return None
        res = self._speaker(subj[0], depth + 1)
        return res if res[1] else None

    def _role_speaker(self, tok, p: int, depth: int):
        # "His former partner at Lenox, Lawrence B. Cummings,": the parse hangs the person's
        # appositive on the title's own prepositional object
        nested = [ap for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
                  for ap in o.children if ap.dep_ == "appos" and ap.pos_ == "PROPN"
                  and len(name_span(ap)[0]) > 1 and tok.lower_ in ROLE_NOUNS]
        for c in list(tok.children) + nested:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and depth < 2:
                ent, name, kind, role, toks, how = self._speaker(c, depth + 1)
                np_text = self._span_text(np_tokens(tok))
                if ent is not None and np_text and np_text not in ent.roles:
                    ent.roles.append(np_text)
                return ent, name, kind, role or np_text, toks, "appositive"
        np_toks = np_tokens(tok)
        np_text = self._span_text(np_toks)
        head = tok.lower_
        named = self._name_after_role(np_toks)
        if named is not None:
            return named
        if head in DOC_NOUNS and depth < 2:
            # "the IMF report", "Clinton's statement": whoever issued it
            owner = [c for c in tok.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
            if owner:
                ent, name, kind, role, toks, how = self._speaker(owner[-1], depth + 1)
                if name:
                    return ent, name, kind, role, np_toks, "document"
            issuer = self._issuer(tok, depth)
            if issuer is not None:
                return issuer[:4] + (np_toks, "document")
        if head in ROLE_NOUNS or any(x.lower_ in ROLE_NOUNS for x in np_toks):
            ent = self._role_from_text(np_toks, p) or self.reg.by_role([x.text for x in np_toks], p)
            if ent is not None:
                return ent, ent.name, ent.kind, np_text, np_toks, "role"
        org = self._affiliation(tok, depth)
        if org is not None:
            return org[:3] + (np_text, np_toks, "affiliation")
        if head in ROLE_NOUNS or any(x.lower_ in ROLE_NOUNS for x in np_toks):
            if head in ROLE_NOUNS:
                # a bare title nobody in the article carries: guess the person the article
                # is about (low confidence), never store the title as a name
                ent = self.reg.salient_person(p, window=10**7)
                if ent is not None and not np_toks[0].lower_ in ("a", "an", "one", "another"):
                    return ent, ent.name, ent.kind, np_text, np_toks, "role_guess"
                return None, None, "person", np_text, np_toks, "role_unresolved"
        # an organisation or a group: "the Pentagon", "the statement", "the crowd"
        words = [x.text for x in np_toks]
        if words and words[0].lower() in ("a", "an", "one", "another", "some"):
            kind = "person"
        else:
            kind = "organisation" if is_org_name(np_text) or tok.lower_ in SPEECH_NOUNS else "person"
        return None, np_text or None, kind, None, np_toks, "group"

    # ---- main ----------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        out: list[Quote] = []
        a = self.a
        for idx, m in enumerate(a.marks):
            self._score = 0.0
            self._rule_reject = False
            q = self._attribute(m, idx, out)
            if q is None:
                continue
            feats = quote_features(self, m, q)
            self.features.append((m, q, feats))
            if self.use_filter and q.mark_style != "single":  # singles: no training data
                prob = quote_probability(feats)
                if prob < KEEP_THRESHOLD:
                    continue
                q.confidence = round(q.confidence * min(1.0, 0.5 + prob / 2), 2)
            elif self._rule_reject:
                continue
            if self.ranker is not None and not self.ranker(self, m, idx, q, out):
                continue  # a term or a title nobody says
            out.append(q)
        return out

    def _attribute(self, m: Mark, idx: int, prev: list[Quote]) -> Quote | None:
        a, text = self.a, self.a.text
        qtext = text[m.start:m.end]
        q = Quote(start=m.start, end=m.end, text=qtext)
        q.kind = _kind(text, m)
        single = text[m.open_mark] in "‘’'‚‛" if 0 <= m.open_mark < len(text) else False
        q.mark_style = "single" if single else "double"
        q.multi_paragraph = m.multi_paragraph
        cands, (b0, b1), (a0, a1) = self._cue_candidates(m, idx) if a.toks else ([], (0, 0), (0, 0))
        # a headline or summary signed before the colon: "Polls did predict it - Carl Bialik: “...”"
        # (a stronger sign than any speech verb in the headline)
        before = text[b0:b1].rstrip()
        sm = _SIGNED_COLON.search(before)
        if sm and not single and sm.group(1).split()[0].lower() not in FUNCTION_WORDS and \
                self._named_in_text(q, sm.group(1), b0 + sm.start(1), b0 + len(before) - 1, "colon"):
            self._score = 2.2  # as explicit as a speech verb next to the quote
            return q
        best = None
        first = None
        for c in cands:
            score, _, p, t, how = c
            if best is None and first is not None and score < first[0] - 1.0:
                break
            if how == "verb":
                t = self._outermost_cue(t)
            subj, rule = self._subject_of(t)
            if rule == "participle" and named_participle(t) is not None and not b0 <= a.pos(t) < b1 \
                    or rule == "object_control" and score < 1.0:
                continue  # 'Republicans saying “...”' introduces its own quote, not an earlier one
            if (subj is None or a.in_quote(a.pos(subj))) and score >= 2.0 and how == "verb":
                subj, rule = self._nearby_subject(t, (b0, b1), (a0, a1))
            if subj is None:
                continue
            if a.in_quote(a.pos(subj)):
                continue
            sp = self._speaker(subj)
            if first is None:
                first = (score, t, subj, rule, how, sp)
            if sp[1]:
                best = (score, t, subj, rule, how, sp)
                break
        best = best or first
        if best is not None:
            score, t, subj, rule, how, (ent, name, kind, role, mtoks, mhow) = best
            if how == "according":
                q.cue, q.cue_start, q.cue_end = "according to", a.pos(t), a.pos(t) + len("according to")
            else:
                q.cue, q.cue_start, q.cue_end = t.lower_, a.pos(t), a.pos(t) + len(t.text)
            self._fill(q, ent, name, kind, role, mtoks, mhow)
            q.method = f"{rule}:{mhow}" if rule else mhow
            conf = {3.0: 0.95, 2.6: 0.9, 2.2: 0.85, 1.8: 0.75, 1.2: 0.6}.get(score, 0.5)
            if mhow == "pronoun":
                conf *= 0.8
            elif mhow in ("role", "group"):
                conf *= 0.85
            elif mhow in ("role_unresolved", "role_guess"):
                conf *= 0.5
            if q.speaker is None:
                conf = min(conf, 0.3)
            q.confidence = round(conf, 2)
            self._score = score
            if self._is_title_or_nickname(m, qtext) or (
                    score < 1.0 and self._looks_unquoted(m, qtext, single, self._person_subject(m))):
                self._rule_reject = True
            return q
        # colon introduction without a verb: 'Trump: “...”'
        before = text[b0:b1].rstrip()
        if before.endswith(":"):
            toks = [t for t in a.tokens_between(b0, b1) if not t.is_punct]
            if 0 < len(toks) <= 8:  # "Former secretary of state Hillary Rodham Clinton:"
                head = toks[-1]
                # "Sanders delivered a snappy retort:", "From Bush's Facebook post:": the subject
                # of the clause, or the owner of the words, not the last noun
                subj = [t for t in toks if t.dep_ in SUBJ_DEPS and t.pos_ in ("PROPN", "PRON")]
                owner = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
                head = subj[0] if subj else owner[0] if owner and head.pos_ == "NOUN" else head
                ent, name, kind, role, mtoks, mhow = self._speaker(head)
                if name:
                    q.cue, q.cue_start, q.cue_end = ":", b0 + len(before) - 1, b0 + len(before)
                    self._fill(q, ent, name, kind, role, mtoks, mhow)
                    q.method, q.confidence = "colon", 0.7
                    return q
        # a quote split by its attribution: “A,” he said. “B.” -> B has the same speaker
        if prev and prev[-1].speaker and a.para_index(max(prev[-1].start, prev[-1].end - 1)) == a.para_index(m.open_mark) \
                and text[b0:m.open_mark].strip() == "" and not self._looks_unquoted(m, qtext, single, True):
            self._copy_speaker(q, prev[-1])
            q.method, q.confidence = "split_quote", 0.8
            return q
        # the sentence just before, in the same paragraph: '..., Schiff said. "The other..."'
        ps_, _ = a.para_bounds(m.open_mark)
        if b0 > ps_ and text[b0:m.open_mark].strip() == "":
            prev_toks = [t for t in a.tokens_between(ps_, b0) if not a.in_quote(a.pos(t))]
            if prev_toks:
                sent = prev_toks[-1].sent
                stoks = [t for t in sent if not a.in_quote(a.pos(t))]
                cues = [t for t in stoks if is_cue_token(t)]
                subj, rule = (self._subject_of(cues[-1]) if cues else (None, None))
                if subj is None:
                    subj = next((c for c in sent.root.children if c.dep_ in SUBJ_DEPS), None)
                if subj is not None and not a.in_quote(a.pos(subj)):
                    ent, name, kind, role, mtoks, mhow = self._speaker(subj)
                    if name and (cues or kind == "person"):
                        if cues:
                            cue = cues[-1]
                            q.cue, q.cue_start, q.cue_end = cue.lower_, a.pos(cue), a.pos(cue) + len(cue.text)
                        self._fill(q, ent, name, kind, role, mtoks, mhow)
                        q.method, q.confidence = f"previous_sentence:{mhow}", 0.7 if cues else 0.5
                        return q
        # previous paragraph ends with a colon: "Caddell continued:"
        cp = self._prev_paragraph_colon(m)
        if cp is not None:
            ptoks = [t for t in a.tokens_between(*cp) if not a.in_quote(a.pos(t))]
            cues = [t for t in ptoks if is_cue_token(t)]
            subj, rule = (self._subject_of(cues[-1]) if cues else (None, None))
            if subj is None and cues:
                subj, rule = self._nearby_subject(cues[-1], cp, cp)
            if subj is None and ptoks:
                roots = [t for t in ptoks if t.dep_ in SUBJ_DEPS]
                subj = roots[-1] if roots else None
            if subj is not None:
                ent, name, kind, role, mtoks, mhow = self._speaker(subj)
                if name:
                    cue = cues[-1] if cues else None
                    if cue is not None:
                        q.cue, q.cue_start, q.cue_end = cue.lower_, a.pos(cue), a.pos(cue) + len(cue.text)
                    else:
                        q.cue, q.cue_start, q.cue_end = ":", cp[1] - 1, cp[1]
                    self._fill(q, ent, name, kind, role, mtoks, mhow)
                    q.method, q.confidence = f"colon_paragraph:{mhow}", 0.75
                    return q
        # a dash after the quote: “...” — Veronica Cruz (or a "- Sanders." line right below it)
        if not single:
            pe = a.para_bounds(a0)[1] if a1 > a0 else a0
            if self._dash_signature(q, a0, pe):
                return q
            if not text[close_end_of(m):pe].strip():
                nxt = regex.compile(r"\s*").match(text, pe).end()
                if nxt < len(text) and self._dash_signature(q, nxt, a.para_bounds(nxt)[1], short=True):
                    return q
        if self._looks_unquoted(m, qtext, single, self._person_subject(m)):
            self._rule_reject = True
        # continuation: same paragraph split quote, or a paragraph reopening the last speaker
        ps, _ = a.para_bounds(m.open_mark)
        if prev:
            last = prev[-1]
            lp = a.para_index(max(last.start, last.end - 1))
            mp = a.para_index(m.open_mark)
            starts_para = text[ps:m.open_mark].strip() == ""
            same_para = lp == mp
            gap_ok = same_para or (starts_para and self._paras_between_empty(lp, mp))
            if gap_ok and last.speaker:
                self._copy_speaker(q, last)
                q.method = "split_quote" if same_para else "continuation"
                q.confidence = 0.8 if same_para else 0.65
                return q
        # the writer's sentence around a partial quote: its subject
        qtoks = self._quote_tokens(m)
        roots = [qtoks[0].sent.root] if qtoks else []
        # the writer's words just before the quote ("Trump also embraced ... -- “I think”")
        btoks = [t for t in a.tokens_between(b0, b1) if not t.is_punct and not t.is_space]
        if btoks:
            roots.append(btoks[-1].sent.root)
        for root in roots:
            if a.in_quote(a.pos(root)):
                continue
            subj = [c for c in root.children if c.dep_ in SUBJ_DEPS]
            if subj and not a.in_quote(a.pos(subj[0])):
                ent, name, kind, role, mtoks, mhow = self._speaker(subj[0])
                if name:
                    self._fill(q, ent, name, kind, role, mtoks, mhow)
                    q.method, q.confidence = f"sentence_subject:{mhow}", 0.4
                    return q
        # last resort: the person the article was just talking about (a guess, low confidence)
        ent = self.reg.salient_person(m.open_mark, window=1500)
        if ent is not None:
            self._fill(q, ent, ent.name, ent.kind, ent.role, [], "salience_guess")
            q.method, q.confidence = "salience_guess", 0.15
            return q
        q.method, q.confidence = "none", 0.1
        return q

    def _dash_signature(self, q: Quote, s: int, e: int, short: bool = False) -> bool:
        """'― Veronica Cruz' at text[s:e] names the speaker; `short`: the whole line must be
        the signature ("- Sanders.", "-President Obama, tweeting after the speech.")."""
        text = self.a.text
        dm = _DASH_NAME.match(text[s:e])
        if not dm or short and (e - s > 80 or dm.group(1).split()[0].lower() in FUNCTION_WORDS
                                or not regex.match(r"[ \t\u00a0]*(?:[.,;]|$)", text[s + dm.end():e])):
            return False  # "– Ready to quiz Trump –." is a subheading
        dpos = s + dm.group(0).index(next(c for c in dm.group(0) if c in "―—–-"))
        return self._named_in_text(q, dm.group(1), s + dm.start(1), dpos, "dash")

    def _named_in_text(self, q: Quote, mention: str, ns: int, cue_pos: int, method: str) -> bool:
        """Fill `q` from a name the rules read off the text (no parse involved)."""
        if mention.endswith(".") and not regex.search(r"\b\p{Lu}\.$", mention):
            mention = mention[:-1]  # "- Sanders." ends a sentence
        ent = self._ensure_full(self.reg.lookup(clean_name(mention), ns + len(mention) - len(mention.split()[-1]))
                               or self.reg.register(mention, ns))
        if ent is None:
            return False
        q.speaker, q.speaker_kind, q.speaker_role = ent.name, ent.kind, ent.role
        q.speaker_aliases = sorted(x for x in ent.aliases if x != ent.name)
        q.speaker_mention, q.speaker_start, q.speaker_end = mention, ns, ns + len(mention)
        q.cue, q.cue_start, q.cue_end = self.a.text[cue_pos], cue_pos, cue_pos + 1
        q.method, q.confidence = method, 0.7
        return True

    def _person_subject(self, m: Mark) -> bool:
        """The writer's sentence around the quote has a named or pronoun subject."""
        qtoks = self._quote_tokens(m)
        if not qtoks:
            return False
        root = qtoks[0].sent.root
        for c in root.children:
            if c.dep_ in SUBJ_DEPS and not self.a.in_quote(self.a.pos(c)):
                return c.pos_ == "PROPN" or c.lower_ in PERSON_PRONOUNS
        return False

    def _paras_between_empty(self, lp: int, mp: int) -> bool:
        if mp - lp < 1 or mp - lp > 3:
            return False
        text = self.a.text
        for k in range(lp + 1, mp):
            s = self.a.para_starts[k]
            e = self.a.para_starts[k + 1] if k + 1 < len(self.a.para_starts) else len(text)
            if text[s:e].strip():
                return False
        return True

    def _is_title_or_nickname(self, m: Mark, qtext: str) -> bool:
        """Titles of works and shows ('on CNN's “State of the Union”') and nicknames
        (Marcia "Cia" Price): never quotes, whatever cue is near."""
        text = self.a.text
        words = regex.findall(r"[\p{L}\p{N}’'-]+", qtext)
        if not words:
            return True
        before = text[max(0, m.open_mark - 40):m.open_mark]
        after = text[(m.close_mark or m.end) + 1:(m.close_mark or m.end) + 30]
        bwords = regex.findall(r"[\p{L}’'-]+", before.lower())
        if bwords and (bwords[-1] in WORK_NOUNS or (len(bwords) > 1 and " ".join(bwords[-2:]) in (
                "known as", "referred to", "so called"))):
            return True
        if regex.search(r"\p{Lu}[\p{L}.]*[ \u00a0]$", before) and regex.match(r"[ \u00a0]\p{Lu}", after) \
                and len(words) <= 2:
            return True
        content = [w for w in words if w.lower() not in SMALL_WORDS]
        titlecase = bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)
        if titlecase and len(words) <= 6 and not regex.search(r"[!?]\W*$", qtext.strip()):
            # a capitalised name right after 'on', 'to', 'in', a possessive or a work noun
            if regex.search(r"(?:\b(?:on|to|in|at|from|of|for|with|during)|['’]s)[ \u00a0]*$", before, regex.I):
                return True
        return False

    def _looks_unquoted(self, m: Mark, qtext: str, single: bool, person_subject: bool = False) -> bool:
        """Scare quotes, titles of works and nicknames: short, unattributed, name-like."""
        if self._is_title_or_nickname(m, qtext):
            return True
        words = regex.findall(r"[\p{L}\p{N}’'-]+", qtext)
        content = [w for w in words if w.lower() not in SMALL_WORDS]
        titlecase = content and all(w[:1].isupper() or w[:1].isdigit() for w in content)
        if titlecase and len(words) <= 8 and not regex.search(r"[.!?,]\s*$", qtext.strip()) or \
                titlecase and len(words) <= 5:
            return True
        if len(words) <= 3 and not regex.search(r"[.!?]$", qtext.strip()) and not person_subject:
            return True
        return False

    def _fill(self, q: Quote, ent, name, kind, role, mtoks, mhow: str | None = None) -> None:
        a = self.a
        if mtoks:
            q.speaker_start = a.pos(mtoks[0])
            q.speaker_end = a.pos(mtoks[-1]) + len(mtoks[-1].text)
            q.speaker_mention = a.text[q.speaker_start:q.speaker_end]
        if ent is not None and ent.kind == "person" and id(ent) not in self._titled:
            self._titled.add(id(ent))
            for title, rest, pos in self._title_runs():
                if " ".join(rest) == ent.name:
                    t = " ".join(w for w in title if w.lower().rstrip(".") not in HONORIFICS)
                    if t and t not in ent.roles:
                        ent.roles.append(t)
        if ent is not None:
            q.speaker = ent.name
            q.speaker_kind = ent.kind
            q.speaker_aliases = sorted(x for x in ent.aliases if x != ent.name)
            q.speaker_role = (role or ent.role) if (mhow or "").startswith("role") else (ent.role or role)
        else:
            q.speaker = name if name and name.lower() not in PRONOUNS else None
            q.speaker_kind = kind if q.speaker else None
            q.speaker_role = role

    def _copy_speaker(self, q: Quote, src: Quote) -> None:
        for f in ("speaker", "speaker_kind", "speaker_aliases", "speaker_role", "speaker_mention",
                  "speaker_start", "speaker_end", "cue", "cue_start", "cue_end"):
            setattr(q, f, getattr(src, f))


def close_end_of(m: Mark) -> int:
    return (m.close_mark + 1) if m.close_mark is not None else m.end


def _kind(text: str, m: Mark) -> str:
    """full: a sentence of speech; partial: a few quoted words inside the writer's sentence."""
    qt = text[m.start:m.end]
    first = next((c for c in qt if c.isalnum() or c == "["), "")
    prev = text[:m.open_mark].rstrip()[-1:] if m.open_mark > 0 else ""
    para_start = prev in ("", "\n") or text[text.rfind("\n", 0, m.open_mark) + 1:m.open_mark].strip() == ""
    if (first.isupper() or first.isdigit() or first == "[") and (para_start or prev in ":,.!?—–-"):
        return "full"
    if regex.search(r"[.!?]\W*$", qt) and len(qt.split()) > 6 and first.isupper():
        return "full"
    return "partial"


def attribute(text: str, marks: list[Mark], docs) -> list[Quote]:
    """Quotes (real ones only) with speakers, for one article parsed as `docs`.

    `docs` is a list of `(offset, Doc)`: each Doc parses `text[offset:offset+len(doc.text)]`.
    """
    if not marks:
        return []
    from quotes.extract.echoes import credit_echoes
    from quotes.extract.ranking import apply_ranker  # the ranker builds on this module

    return credit_echoes(Attributor(text, marks, docs, ranker=apply_ranker).run())


# ---- public entry points for the learned ranker (quotes.extract.candidates) --------------
def cue_candidates(att: Attributor, m: Mark, idx: int):
    """The speech cues near quote `m`: ([(score, -distance, offset, token, how)], before, after)."""
    return att._cue_candidates(m, idx)


def outermost_cue(att: Attributor, cue):
    """The outermost speech verb that reports `cue`'s clause."""
    return att._outermost_cue(cue)


def subject_of(att: Attributor, cue):
    """(token naming who speaks for `cue`, rule name) or (None, None)."""
    return att._subject_of(cue)


def nearby_subject(att: Attributor, cue, before, after):
    """The noun phrase next to `cue` in the attribution region when the parse gave it none."""
    return att._nearby_subject(cue, before, after)


def speaker_of(att: Attributor, tok):
    """(Entity or None, name, kind, role, mention tokens, how) for a mention token."""
    return att._speaker(tok)


@contextmanager
def trial(att: Attributor):
    """Try the rules on a scratch copy of the article's entity state: names they register and
    mentions they resolve inside the block are forgotten after it."""
    saved = (att.reg, att.resolved, att._harvested, att._titled, att._score, att._rule_reject)
    att.reg, att.resolved, att._harvested, att._titled = copy.deepcopy(saved[:4])
    try:
        yield att
    finally:
        att.reg, att.resolved, att._harvested, att._titled, att._score, att._rule_reject = saved


def fill_speaker(att: Attributor, q: Quote, speaker) -> None:
    """Set `q`'s speaker fields from a `speaker_of` tuple."""
    ent, name, kind, role, mtoks, how = speaker
    att._fill(q, ent, name, kind, role, mtoks, how)
