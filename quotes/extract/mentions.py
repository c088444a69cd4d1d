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

PRONOUNS = frozenset("he she they it we i you him her them his its their who whom".split())
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "we", "them", "it"})

HONORIFICS = frozenset("""mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen.
lt lt. col col. sgt sgt. capt capt. adm adm. rev rev. the st. sir dame lord lady hon hon.
prof prof. pres pres. atty atty. del del. msgr""".split())

# Nouns that name a job or a status: as the head of a subject they are a role, not a name.
ROLE_NOUNS = frozenset("""president vice-president secretary minister spokesman spokeswoman
spokesperson director chairman chairwoman chair leader speaker lawmaker ambassador adviser
advisor aide judge justice attorney mayor candidate nominee official chief head commander
analyst professor ceo founder manager strategist senator congressman congresswoman
representative governor general admiral colonel officer economist expert researcher
scientist lawyer executive consultant strategist pollster commentator host anchor reporter
editor author writer columnist businessman businesswoman billionaire mogul frontrunner
front-runner contender challenger incumbent rival opponent candidate chancellor premier
prime king queen prince pope cardinal bishop pastor reverend rabbi imam sheriff prosecutor
commissioner administrator coordinator organizer organiser activist campaigner supporter
backer critic voter resident student teacher doctor physician nurse worker owner
member delegate surrogate operative alderman alderwoman councilman councilwoman staffer staff veteran scholar historian fellow
counsel partner president-elect deputy assistant superintendent inspector trooper
detective agent ranger soldier marine sergeant captain lieutenant major""".split())

# Words that make a capitalised name an organisation.
ORG_WORDS = frozenset("""pentagon kremlin house senate congress department ministry agency
committee council campaign party administration government office bureau commission
service services news times post journal network press association union institute
foundation university college center centre court police army navy force forces corp
inc co company group organization organisation fund bank board club league nato un
cnn fox msnbc abc nbc cbs reuters bloomberg ap afp politico breitbart huffpost
coalition alliance caucus trust society authority project, team""".split())

# Department and body words that sit between a title and a name ("Secretary of Defense
# Lloyd Austin"): they belong to the title.
DEPT_WORDS = frozenset("""of for the defense defence state treasury homeland security national
foreign interior health energy commerce labor labour education justice agriculture
transportation veterans affairs house white senate majority minority press communications
council intelligence general us u.s. uk u.k. eu un nato""".split())

# Places are where a person is from, never whom they speak for ("the senator from Vermont").
PLACES = frozenset("""alabama alaska arizona arkansas california colorado connecticut delaware
florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts michigan minnesota mississippi missouri montana nebraska nevada new-hampshire
new-jersey new-mexico new-york north-carolina north-dakota ohio oklahoma oregon pennsylvania
rhode-island south-carolina south-dakota tennessee texas utah vermont virginia washington
west-virginia wisconsin wyoming america united-states u.s. us district-of-columbia""".split())


def is_place(name: str) -> bool:
    words = [w for w in name.lower().split() if w != "the"]
    return "-".join(words) in PLACES


_POSS = regex.compile(r"(?:['’]s|['’])$")
_PAREN = regex.compile(r"\s*\([^()]*\)")
_PARTY = regex.compile(r",?\s+[RDI]-[A-Z][\w.]*\.?$")


def clean_name(s: str) -> str:
    """Strip possessives, party tags '(D-Nev.)', ', R-Ky.' and stray punctuation."""
    s = _PAREN.sub("", s or "")
    s = _PARTY.sub("", s)
    s = s.strip(" ,.;:—–-\"“”‘’'\n\t")
    s = _POSS.sub("", s)
    return " ".join(s.split())


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) for a capitalised run like 'US Defense Secretary Lloyd Austin'.

    The name is the longest tail that holds no role noun or honorific.
    """
    k = len(words)
    while k > 0:
        w = words[k - 1].lower().strip(".,")
        if w in ROLE_NOUNS or w in HONORIFICS or w.rstrip(".") in HONORIFICS \
                or "-" in w and any(x in ROLE_NOUNS for x in w.split("-")):  # "Secretary-Treasurer"
            break
        k -= 1
    # a possessive before the name belongs to the title: "Colorado’s Kendal Unruh"
    for j in range(len(words) - 2, k - 1, -1):
        if regex.search(r"['’]s?$", words[j]) and len(words[j]) > 2:
            k = j + 1
            break
    title, name = words[:k], words[k:]
    if title:
        while len(name) > 1 and name[0].lower() in DEPT_WORDS:
            title.append(name.pop(0))
    return title, name


def surname(name: str) -> str:
    toks = name.split()
    return toks[-1].lower() if toks else ""


def surname_keys(name: str) -> list[str]:
    """The keys a surname is found by: 'Seedorff-Keninger' also by its last part 'Keninger'."""
    s = surname(name)
    if not s:
        return []
    keys = [s]
    if "-" in s.strip("-"):
        last = s.rsplit("-", 1)[1]
        if len(last) > 1:
            keys.append(last)
    return keys


def same_surname(form: str, name: str) -> bool:
    """'Keninger' ~ 'Sue Seedorff-Keninger': equal, or the last part of a hyphenated surname."""
    a, b = surname(form), surname(name)
    return a == b or a in surname_keys(name) or b in surname_keys(form)


# An honorific right before a surname tells the gender: "Mrs. Clinton", "Mr. Bush".
_HONORIFIC_BEFORE = regex.compile(r"\b(?:(Mr)|(Mrs|Ms|Miss))\.?[ \u00a0]+$")
# Not right after an initial or a title abbreviation ("Elijah E. Cummings", "Sen. Rubio"):
# what keeps a dot from ending a sentence (quotes.extract.attribute uses it too).
NOT_ABBR = (r"(?<!\b\p{Lu})(?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Inc|Co|Corp|No|Rev|"
            r"Prof|Capt|Adm|Maj|Del|Ft|Mt|vs|U\.S|D\.C))")
# A sentence break: a sentence end (with a closing mark) or a line end.
_SENT_BREAK = regex.compile(NOT_ABBR + r"[.!?][\"”’']?\s+|\n\s*")


def is_org_name(name: str) -> bool:
    return any(w.lower().strip(".,’'s") in ORG_WORDS for w in name.split())


@dataclass
class Entity:
    """One person or organisation of the article, with every form it was named by."""

    name: str
    kind: str = "person"
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    first_pos: int = 0
    mentions: list[int] = field(default_factory=list)  # char offsets
    full_pos: list[int] = field(default_factory=list)  # offsets where named by more than a surname
    full_subj: list[int] = field(default_factory=list)  # offsets where such a full name is a subject
    subject_pos: list[int] = field(default_factory=list)  # offsets where it is a subject

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


# Common first names with a clear gender: evidence for he/she agreement. (Generic lists;
# a resolution never sets a gender, so one wrong guess cannot spread.)
FEMALE_NAMES = frozenset("""mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
nancy lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa
deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela
emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria
heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn
judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances
kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle
beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori hillary
melania ivanka kellyanne megyn hope huma condoleezza madeleine valerie loretta nikki
kamala tulsi elena sonia ruth jill chelsea michele debbie dianne maxine kirsten tammy
claire marsha susana carly""".split())
MALE_NAMES = frozenset("""james robert john michael william david richard joseph thomas charles
christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen
larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack
dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan
jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur
lawrence jordan jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell
vincent philip bobby johnny bradley roy ralph louis randy wayne howard barack bill bernie
ted marco jeb ben chris mike mitch tim jim newt rudy reince corey rand chuck harry elijah
trey jared rex vladimir boris emmanuel volodymyr lloyd pat steve tom dan bob al jon
rick rob ron greg doug ken""".split())


def first_name_gender(name: str) -> str | None:
    words = [w.lower().strip(".,") for w in name.split()]
    if not words:
        return None
    if words[0] in FEMALE_NAMES:
        return "f"
    if words[0] in MALE_NAMES:
        return "m"
    return None


class Registry:
    """The people and organisations of one article, keyed by surname and by role words."""

    def __init__(self, text: str | None = None) -> None:
        self.entities: list[Entity] = []
        self._by_key: dict[str, list[Entity]] = {}
        self.text = text  # the article, for the context of an ambiguous surname
        self._ruled_out = False  # the last lookup found only people of the other gender

    def _keyed(self, word: str) -> list[Entity]:
        out: list[Entity] = []
        for k in surname_keys(word):
            out.extend(e for e in self._by_key.get(k, []) if e not in out)
        return out

    def _compatible(self, ent: Entity, words: list[str]) -> bool:
        """'Lloyd Austin' ~ 'Austin' ~ 'Lloyd J. Austin'; 'Eric Trump' !~ 'Donald Trump'."""
        mine = ent.name.split()
        if len(words) == 1 or len(mine) == 1:
            return True
        return words[0].lower() == mine[0].lower() or words[0][0].lower() == mine[0][0].lower() and (
            len(words[0].rstrip(".")) == 1 or len(mine[0].rstrip(".")) == 1)

    def honorific_gender(self, pos: int | None) -> str | None:
        """'m' after 'Mr.', 'f' after 'Mrs.'/'Ms.'/'Miss' right before `pos`, else None."""
        if self.text is None or pos is None or not 0 <= pos <= len(self.text):
            return None
        h = _HONORIFIC_BEFORE.search(self.text[max(0, pos - 8):pos])
        return None if not h else "m" if h.group(1) else "f"

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
                 subject: bool = False) -> Entity | None:
        raw = clean_name(name)
        words = raw.split()
        if not words:
            return None
        title, rest = split_title(words)
        if rest:
            words = rest
            if title and not role:
                t = " ".join(w for w in title if w.lower().rstrip(".") not in HONORIFICS)
                role = t or None
        else:
            return None  # a bare title is not a name
        form = " ".join(words)
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
                self._by_key.setdefault(k, []).append(ent)
        else:
            ent.add_form(form)
            for k in surname_keys(ent.name):
                if ent not in self._by_key.setdefault(k, []):
                    self._by_key[k].append(ent)
            if kind == "organisation" and ent.kind == "person" and len(words) > 1:
                ent.kind = kind
        if raw != form:
            ent.aliases.add(raw)
        if ent.gender is None and kind != "organisation":
            ent.gender = first_name_gender(ent.name) or first_name_gender(form)
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

    def salient_person(self, pos: int, gender: str | None = None, window: int = 2500,
                       exclude: set[int] | None = None) -> Entity | None:
        """Who is being talked about at `pos`: the person most recently a subject, else mentioned.

        Subjects of clauses weigh more than other mentions; a known gender must agree.
        """
        best, best_score = None, None
        for e in self.entities:
            if e.kind != "person" or (exclude and id(e) in exclude):
                continue
            if gender and e.gender and e.gender != gender:
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
    keys = [w.split("-", 1)[1] if regex.match(r"(?:co|vice)-", w) else w for w in words]
    title, rest = split_title(keys)
    rest = words[len(title):]
    while rest and rest[0].lower().rstrip(".") in HONORIFICS:
        title.append(rest.pop(0))
    if not title or not 2 <= len(rest) <= 4 or any(w.lower() in ROLE_NOUNS for w in rest):
        return None
    return rest
