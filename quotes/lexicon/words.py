"""Every word list of the project, once (as textacy keeps its constants in one module).

Lists are lower case. Where one use needs a different set, it is defined here as a named
subset or superset of the one list, with a comment saying why; modules never keep a copy.
Adding a word here changes every stage that reads the list: run the behaviour check
(`benchmarks/behaviour_check.py`) and say in the commit what it changed.
"""
from __future__ import annotations

# --- pronouns ----------------------------------------------------------------------------

# Words that refer to a speaker without naming one: never stored as a speaker's name.
PERSONAL_PRONOUNS = frozenset("he she they it we i you him her them his its their".split())
PRONOUNS = PERSONAL_PRONOUNS | {"who", "whom"}  # and the relatives: "..., who said"
# Pronouns that send extraction back one paragraph for their antecedent ("he said").
ANTECEDENT_PRONOUNS = frozenset("he she they we his her their".split())
# What the corpus step never takes for a name: the pronouns, and "one" ("one said"), which
# the extractor keeps as an unnamed speaker's mention rather than resolving it as a pronoun.
NOT_NAMES = PRONOUNS | {"one"}
# Pronouns that resolve to one person, with the gender they agree with.
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Pronouns that resolve to a group or an organisation (the subject of the clause around them).
GROUP_PRONOUNS = frozenset({"they", "we", "them", "it"})
# The writer and the reader of a page that talks to its reader ("I was telling myself", "you
# will always wonder"): no speaker a reader of a quotes database could look up.
WRITER_READER_PRONOUNS = frozenset({"i", "you"})
# Words of the one spoken to: a name before them, set off by a comma, is an address ("Mr. Reed,
# you took the money"), as after a "you" opener ("As you know, Mr. Trump, ...").
SECOND_PERSON = frozenset("you your yours yourself yourselves you're you’re you've you’ve you'll you’ll you'd you’d".split())
# Openers a spoken address may follow ("Look, Senator Holt, ..."); those holding "you" address by themselves.
ADDRESS_OPENERS = ("as you know", "you know", "you see", "thank you", "look", "listen", "well", "now", "so",
                   "and", "but", "yes", "no", "okay", "please", "sir", "thanks", "again", "frankly", "honestly")

# --- titles, honorifics and roles ---------------------------------------------------------

# Abbreviated titles printed before a name ("Supt. Brian O'Neill", "Det. Sgt. Amy Collins",
# "Cllr Mary Byrne"): title heads (`TITLE_HEADS`), whose dot ends no sentence
# (lexicon.names.NOT_ABBR); extract.pipeline.parse_text blanks the dot the tokenizer splits off, so
# "Det. Sgt. Amy Collins said" stays one sentence for the parser.
TITLE_ABBREVIATIONS = frozenset("""sen rep gov gen lt col sgt capt adm maj cpl pvt pfc brig cmdr cdr
lieut det insp supt cllr atty pres amb ald msgr rev prof""".split())
# Words (and their abbreviations) printed before a name that are not part of it.
HONORIFICS = frozenset("""mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen.
lt lt. col col. sgt sgt. capt capt. adm adm. rev rev. the st. sir dame lord lady hon hon.
prof prof. pres pres. atty atty. del del. msgr""".split())
# Honorifics of courtesy alone: what is dropped from a name and from a role ("Mr. Austin" =
# "Austin"). Ranks and offices ("Gen.", "Sen.") are left out: before a name they are its
# title (`names.split_title`), and "the" begins names of things ("the Interview").
COURTESY_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame prof prof. rev rev. hon hon.".split())

# Nouns that name a job or a status: as the head of a subject they are a role, not a name
# ("the senator said"); the tail after the last of them in a capitalised run is the name.
ROLE_NOUNS = frozenset("""president vice-president secretary minister spokesman spokeswoman
spokesperson director chairman chairwoman chair leader speaker lawmaker ambassador adviser
advisor aide judge justice attorney mayor candidate nominee official chief head commander
analyst professor ceo founder manager strategist senator congressman congresswoman
representative governor general admiral colonel officer economist expert researcher
scientist lawyer executive consultant pollster commentator host anchor reporter
editor author writer columnist businessman businesswoman billionaire mogul frontrunner
front-runner contender challenger incumbent rival opponent chancellor premier
prime king queen prince pope cardinal bishop pastor reverend rabbi imam sheriff prosecutor
commissioner administrator coordinator organizer organiser activist campaigner supporter
backer critic voter resident student teacher doctor physician nurse worker owner
member delegate surrogate operative alderman alderwoman councilman councilwoman staffer staff
veteran scholar historian fellow counsel partner president-elect deputy assistant
superintendent inspector trooper detective agent ranger soldier marine sergeant captain
lieutenant major coach councillor councilor constable taoiseach tánaiste mp mep msp
magistrate coroner principal treasurer comptroller auditor assemblyman assemblywoman
assemblymember selectman supervisor trustee chairperson ombudsman chaplain corporal
commander""".split())
# The words a title ends with, before a name ("US Defense Secretary Lloyd Austin", "Alderman
# William D. Burns", "Sen. Marco Rubio"): every role noun, rank abbreviations, and offices
# met only in titles. `names.split_title` splits at the last of them (or of the HONORIFICS).
# (An abbreviation that is also an honorific without a rank's weight, "Gen", "Rev", counts as a
# title head only with its dot: "Gen Nakatani" may be a given name, lexicon.names.name_and_role.)
# (The dotted abbreviations come from TITLE_ABBREVIATIONS below; the ranks listed here count
# without their dot too: "Sgt Amy Collins".)
TITLE_HEADS = ROLE_NOUNS | frozenset("""sen rep gov col lt sgt capt secretary-general press-secretary
correspondent dictator diplomat emir envoy marshal princess sheikh""".split()) | frozenset(
    w for a in TITLE_ABBREVIATIONS for w in ((a + ".",) if a in HONORIFICS else (a, a + ".")))
# Role nouns that describe a person rather than name an office: before a capitalised name
# they are a title ("Activist Jane Doe"), but alone or before other words they are a
# description, not a role with the name left out ("fellow physicians", "mogul").
DESCRIPTIVE_ROLES = frozenset("""activist administrator agent alderman alderwoman assistant
author backer billionaire businessman businesswoman campaigner challenger columnist
commentator consultant contender counsel critic delegate detective doctor expert fellow
front-runner frontrunner historian imam incumbent lawyer marine mogul nurse operative
opponent organiser organizer owner partner physician pollster president-elect ranger
researcher resident reverend rival scholar scientist soldier staff student supporter
surrogate teacher trooper veteran voter worker writer""".split())

# Role words that tell a gender ("the spokeswoman", "Mrs.", "widow Jane Doe", "the New York
# businessman"): evidence for he/she agreement, stronger than a first-name guess.
FEMALE_ROLES = frozenset("""spokeswoman chairwoman congresswoman businesswoman ms. ms mrs. mrs madam
widow wife mother daughter sister grandmother granddaughter woman girl lady actress queen princess
duchess aunt niece girlfriend bride waitress heiress councilwoman assemblywoman stepmother""".split())
MALE_ROLES = frozenset("""spokesman chairman congressman businessman mr. mr widower husband father son
brother grandfather grandson man boy king prince duke uncle nephew boyfriend councilman
assemblyman stepfather""".split())

# Department and body words that sit between a title and a name ("Secretary of Defense
# Lloyd Austin"): they belong to the title.
DEPT_WORDS = frozenset("""of for the defense defence state treasury homeland security national
foreign interior health energy commerce labor labour education justice agriculture
transportation veterans affairs house white senate majority minority press communications
council intelligence general us u.s. uk u.k. eu un nato""".split())
# Departments of more than one word after "Secretary of" (`names.split_title`).
DEPARTMENTS = ("homeland security", "health and human services", "veterans affairs",
               "the interior", "housing and urban development")
# Leading words of a role that only say where the person is from ("US Defense Secretary").
ROLE_PLACE_WORDS = frozenset("""
us u.s. u.s the united states american america's u.k. uk british ukrainian russian
south north korean chinese french german israeli iranian japanese european nato's
""".split())
# A party label before a name is not part of it ("Democrat Hillary Clinton").
PARTY_WORDS = frozenset("democrat democratic republican gop independent libertarian".split())
# Titles a person holds before the given name alone ("Prince Andrew", "Pope Francis", "King
# Abdullah"): that given name is nobody's first name.
GIVEN_NAME_TITLES = frozenset("king queen prince princess pope duke duchess sheikh emir sultan".split())
# Lower-case words inside a person's name ("Bill de Blasio", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset("de da del della di du van von der den la le bin ibn al dos das".split())
# Generational suffixes: part of a name's identity ("Donald Trump Jr." is not his father).
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v".split())

# --- organisations ------------------------------------------------------------------------

# Words anywhere in a capitalised name that make it an organisation ("Platte River Power
# Authority", "Fox News").
ORG_WORDS = frozenset("""pentagon kremlin house senate congress department ministry agency
committee council campaign party administration government office bureau commission
service services news times post journal network press association union institute
foundation university college center centre court police army navy force forces corp
inc co company group organization organisation fund bank board club league nato un
cnn fox msnbc abc nbc cbs reuters bloomberg ap afp politico breitbart huffpost
coalition alliance caucus trust society authority project, team institution
production record studio entertainment film picture holding technologie system lab partner
airline motor industrie""".split())
# (names.is_org_name strips a trailing "s": "Productions" -> "production", "Industries" -> "industrie")
# Head nouns that end (or, before "of", begin) an organisation's name: "Department of
# Defense", "the Association of Flight Attendants", "National Intelligence Service".
ORG_HEADS = frozenset("""
agency service ministry department office council committee party inc inc. corp corp. co
co. company group association union commission bank army navy police government
administration campaign court parliament congress senate bureau fund institute university
network foundation organization organisation command forces military intelligence
college federation league alliance coalition center centre school church board society house
""".split())
# Title words that also open organisations' names ("General Motors", "Justice Department", "Marine
# Corps", "Premier League", "Major League Baseball"): before one organisation word they name it;
# any other title before one such word is a person's title ("President Fox", "Senator Banks").
ORG_OPENING_TITLES = frozenset("general justice marine premier major".split())
# Heads of an institution's name that a definite description repeats: "the commission" is
# the "Commission on Presidential Debates" named before (extract.attribution.referents).
# ORG_HEADS without the heads that are also everyday nouns ("the house", "the office",
# "the network", "the group", "the school") or that describe rather than name ("the
# campaign", "the administration", "the government").
ANAPHORIC_ORG_HEADS = ORG_HEADS - frozenset("""house office network group school church government
administration campaign inc inc. corp corp. co co. military intelligence forces""".split())
# Names that are organisations on their own.
ORG_NAMES = frozenset("""
pentagon kremlin white-house whitehouse cia fbi nis nato un eu imf nsa kcna tass
""".split())
# Documents that speak for whoever issued them ("the IMF report said").
DOC_NOUNS = frozenset("""statement report ad advertisement memo complaint document study poll survey
brief lawsuit filing video letter release email tweet post website spot""".split())

# --- places and first names ---------------------------------------------------------------

# Places are where a person is from, never whom they speak for ("the senator from Vermont").
# Multi-word places are joined by hyphens.
PLACES = frozenset("""alabama alaska arizona arkansas california colorado connecticut delaware
florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts michigan minnesota mississippi missouri montana nebraska nevada new-hampshire
new-jersey new-mexico new-york north-carolina north-dakota ohio oklahoma oregon pennsylvania
rhode-island south-carolina south-dakota tennessee texas utah vermont virginia washington
west-virginia wisconsin wyoming america united-states u.s. us district-of-columbia""".split())

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

# --- speech -------------------------------------------------------------------------------

# Speech verbs as lemmas (one entry covers said/says/saying). Curated from the `cue` field
# of PolNeAR's train split (verb lemmas seen at least twice, minus non-speech verbs), plus
# the usual news verbs.
SPEECH_LEMMAS = frozenset("""
say tell write add call continue tweet ask explain respond state reply note report
describe declare argue conclude pledge warn insist admit acknowledge remark promise
accuse vow announce suggest recall cite assure claim blast urge joke shout answer
blame predict interject boast explain post chant yell lament email proclaim assert
concede muse elaborate exclaim express thank quote praise mock criticize question
complain vent charge dismiss allege demand comment react quip denounce retaliate
repeat fume gush testify wonder surmise riff protest recount retweet confirm deny
emphasize emphasise stress observe counter caution mention reiterate point add
whisper scream cry read text message reveal disclose opine maintain contend
recount brag scoff snap sneer retort rail lash hint tout pronounce sigh laugh
relate inform advise rule agree disagree acknowledge apologize apologise plead
press bark assail indicate highlight chide scold tease marvel interrupt
""".split())
# Verbs by which one person puts questions to another ("Jake Tapper asked Mike Pence about the
# tapes"): the answer that follows ("“I was offended,” he said") is the one asked's
# (extract.attribution.speakers).
ASKING_LEMMAS = frozenset("ask question press interview quiz grill".split())
# Speech verbs that also say someone goes on doing something ("continued to sign up"): no cue
# with a verb as their complement.
ASPECTUAL_LEMMAS = frozenset({"continue"})
# Verbs that label rather than report (call, describe...): a cue only when a quote is their
# object ("called it “fair game”"). "put it", "went on to say" need context.
WEAK_LEMMAS = frozenset("""call describe label dub brand term name refer characterize
characterise portray deride praise mock criticize blast slam welcome hail""".split())
# Verbs that are speech only with their particle: "Trump shot back", "Bush went on", "chimed in".
PHRASAL = {"back": frozenset("shoot fire hit push snap strike lash".split()), "on": frozenset({"go"}),
           "in": frozenset("chime pipe weigh".split())}
# Past forms the regular inflection rules do not make.
IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "read": "read",
    "spoke": "speak", "spoken": "speak", "thought": "think", "put": "put", "went": "go",
    "gone": "go", "made": "make", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "came": "come", "shot": "shoot", "fought": "fight", "swore": "swear",
    "sworn": "swear", "cried": "cry", "hit": "hit", "struck": "strike", "goes": "go", "replied": "reply",
    "quipped": "quip", "vowed": "vow", "sent": "send", "ran": "run",
}
# Nouns that carry speech and can stand for their speaker ("the statement said").
SPEECH_NOUNS = frozenset("""statement remarks comment comments interview tweet post
letter email release speech message""".split())
# Speech nouns whose possessor is the speaker ("Trump’s claim that “...”").
POSSESSED_SPEECH_NOUNS = frozenset("""statement claim remark remarks comment comments words promise
pledge vow warning assertion description characterization accusation tweet message answer
response reply call quip line phrase slogan boast insistence argument verdict assessment reaction""".split())

# --- titles of works, labels and scare quotes ----------------------------------------------

# Works whose titles are printed in quotation marks (“Meet the Press”).
WORKS = frozenset("""show film movie book song album series program programme episode
novel play documentary article column magazine newspaper podcast""".split())
# Words that put the next quoted words forward as a label, not as speech ("the term “...”").
LABEL_WORDS = frozenset("""called term phrase word words label named titled entitled headlined
slogan motto hashtag""".split())
# Words before quoted words that present them as a term someone uses or a label given to
# something, not as words said on one occasion (issue 13: "would not use the words “forever
# war”", "the loaded term, “forever war”", files "rated “restricted”"): LABEL_WORDS
# without the speaker's own naming verbs ("Trump called her “crooked”": he said it), and the
# verbs of a rating or classification. ``quotefilter.mentioned`` reads them.
MENTION_WORDS = (LABEL_WORDS - {"called", "named"}
                 | frozenset("rated marked labeled labelled classified stamped designated".split()))
# Words before "words" that make them someone's own, said by them ("in his own words, “…”",
# "in the senator’s words"): speech, not a term (``quotefilter.mentioned``).
OWNING_WORDS = frozenset("my your his her its our their own".split())
WORD_NOUNS = frozenset({"word", "words"})  # ... and the nouns they make someone's own
# the nouns of an age description ("the 45-year-old": extract.attribution.referents.age_of_description)
YEAR_NOUNS = frozenset({"year", "years"})
# Words that mark scare quotes ("the so-called “...”").
SCARE_WORDS = frozenset("so-called dubbed nicknamed known self-styled self-described".split())
# The quote filter's "a work or its people just before the mark" feature: works, and the
# people and outlets of shows ("the network’s “...”", "star of “...”").
WORK_WORDS = WORKS | frozenset("""star stars actress actor host anchor author director producer
network channel broadcast segment""".split())
# The people of a work a title names with it ("film director Ava DuVernay", "series creator
# Vince Gilligan"), besides the role nouns: after a quote, a work noun before one of them is the
# speaker's title, not a work (``quotefilter.names_a_work``).
WORK_PEOPLE = frozenset("star stars actress actor actors producer producers creator creators showrunner".split())
# The attribution rules' "a title or a nickname follows" words: works, labels and scare
# words, and the names of such things. Five label and scare words are left out: with them
# the rules also reject 3 PolNeAR train candidates (a self-described “Berners”, a Twitter
# account named “ilduce2016”), which changes the quote filter's training data; adding them
# is a change for its own measured issue.
TITLE_OR_LABEL_WORDS = (WORKS | {"headline", "nickname"} | LABEL_WORDS - {"named", "headlined"}
                        | SCARE_WORDS - {"nicknamed", "self-styled", "self-described"})

# --- function words -----------------------------------------------------------------------

# Words that open a sentence or a clause and are never a first name ("For Hillary Clinton").
FUNCTION_WORDS = frozenset("""the but and when while if as after although though because since
before so then now in on at for with by from this that these those it its he she they we i
a an of or nor yet also even still just only meanwhile however why what how who where
whether here there""".split())
QUANTIFIERS = frozenset("all every each many most some both no any few several".split())
# Lower-case words inside a title ("State of the Union") and never inside a name.
# the page-language test (quotes.ingest.language): common English words, frequent in any English text
ENGLISH_MARKERS = frozenset("the and of to said is in that".split())
# the conjunctions of a coordinated pair whose order says nothing ("farmers and ranchers" / "ranchers and farmers")
COORDINATORS = frozenset({"and", "or"})
SMALL_WORDS = frozenset("a an the of and or in on at to for with by from vs via is as".split())
PREPOSITIONS = frozenset("on in at of for to from with during about into onto via".split())
DETERMINERS = frozenset("the a an this that these those its their his her our your".split())
# the determiners a noun phrase may open with when it is weighed as a possible name (entity_types)
PHRASE_DETERMINERS = DETERMINERS | frozenset({"my", "some"})
# words that end the head of a noun phrase: relatives and prepositions ("the man who ...", "officials of ...")
CLAUSE_WORDS = frozenset("who whose whom which that with for of from at in on to by".split())
# words that make a time noun a point in time ("last week", "recent weeks", "early Friday")
TIME_MODIFIERS = frozenset("last next recent early late this past".split())
# determiners that make a noun definite, so that it refers back ("the statement", "this commission")
DEFINITE_DETERMINERS = frozenset("the this that".split())
# lower-case words inside an institution's name ("Commission on Presidential Debates", "Johnson & Johnson")
NAME_LINK_WORDS = ("of", "on", "for", "and", "the", "&")
# prepositions that give a document its owner ("a complaint filed by the SEC", "a letter from the board")
OWNER_PREPOSITIONS = frozenset({"by", "from"})
CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())

# One spoken word, several spellings: a transcript and an outlet writing what was said may
# spell it either way ("its oppression", "it's oppression"); checking a printed quote
# against a transcript counts them as the same words (quotes/corpus/sources.py), as keys of
# ``corpus.textnorm`` (apostrophes kept).
SOUND_ALIKE = (frozenset({"its", "it's"}), frozenset({"whose", "who's"}), frozenset({"your", "you're"}),
               frozenset({"their", "they're", "there"}))
# ... and words a transcript and an outlet write differently though the speaker said the same:
# a number in figures or in words, a title abbreviated or not ("1 million", "one million";
# "Sen. John McCain", "Senator John McCain"), as keys (lower case, no full stop).
SAID_THE_SAME = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "fifty": "50", "hundred": "100",
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "pres": "president", "secy": "secretary", "sec": "secretary", "lt": "lieutenant", "col": "colonel",
    "sgt": "sergeant", "mr": "mister", "dr": "doctor", "st": "saint", "ft": "fort", "mt": "mount",
}

# --- what kind of thing a candidate speaker is (quotes.extract.entity_types) ------------------

# Times: never a speaker ("Friday morning", "recent weeks").
TIME_WORDS = CALENDAR | frozenset("""today
yesterday tomorrow tonight morning afternoon evening night day days week weeks weekend month
months year years decade decades century hour hours minute minutes moment time times season
spring summer fall autumn winter era period date""".split())

# Plural or collective nouns for people who speak together ("officials said", "critics say").
GROUP_NOUNS = frozenset("""officials sources critics supporters protesters demonstrators
residents aides analysts experts voters police lawmakers legislators students people members
others democrats republicans conservatives liberals progressives investigators prosecutors
authorities leaders organizers organisers activists advocates opponents observers witnesses
neighbors neighbours parents teachers workers employees staff staffers spokespeople
representatives senators delegates scientists researchers economists doctors nurses
officers troops soldiers fans readers viewers users participants attendees crowd audience
family friends colleagues allies administration campaign team panel jury government
both all many some most several few""".split())

# Verbs by which a name issues a document or speaks in one: "X issued a statement", "X said
# in a statement" (extract.attribution.referents.issuer_named_before).
ISSUING_VERBS = frozenset("""said says issued issues released releases published publishes
posted posts sent sends filed files wrote writes""".split()) | frozenset({"put out"})
# Documents and other things whose words are their issuer's (wider than DOC_NOUNS).
DOCUMENT_NOUNS = DOC_NOUNS | frozenset("""memorandum e-mail note notice ruling decision order opinion
indictment affidavit transcript book article editorial column interview speech message press-release recording footage broadcast
announcement policy bill law resolution agreement plan proposal guidance missive memoir clip piece
feature essay op-ed petition motion suit""".split())
# Kinds of document: a later definite "the clip" repeats the "web video" before it, "the book"
# the "memoir", never "Mr. Trump's tax bill" before "the report" (extract.attribution.referents).
DOCUMENT_KINDS = {
    "media": frozenset("video clip ad advertisement spot footage recording broadcast".split()),
    "writing": frozenset("""book memoir article piece feature essay op-ed editorial column letter note
missive memo memorandum email e-mail message post tweet website""".split()),
    "statement": frozenset("statement release press-release announcement notice".split()),
    "report": frozenset("report study survey poll document".split()),
    "legal": frozenset("ruling decision order opinion".split()),
    "filing": frozenset("lawsuit suit complaint filing motion petition affidavit indictment brief".split()),
    "law": frozenset("bill law resolution agreement plan proposal guidance policy".split()),
}
# Verbs (lemmas) whose subject issues a document, and the kinds they issue: "the appeals court
# ruled that ...", "Mariano wrote a memoir", "Acme sued the city", "Trump tweeted": a later
# definite "the ruling", "the book", "the filing", "the tweet" is that subject's words. Their
# object, when they have one, must be a document noun or a clause, unless the verb makes its
# own document (``SELF_DOCUMENTING``: "ordered the state to stop" is an order, whatever is
# published is a document: "published its findings").
_WRITTEN = frozenset({"writing", "report", "legal", "statement"})
ISSUED_KINDS = {
    "write": _WRITTEN, "pen": _WRITTEN, "author": _WRITTEN, "draft": _WRITTEN | {"law"},
    "publish": frozenset({"writing", "report", "statement"}), "issue": frozenset({"statement", "legal", "report"}),
    "release": frozenset({"statement", "report", "media"}), "post": frozenset({"writing", "media"}),
    "tweet": frozenset({"writing"}), "retweet": frozenset({"writing"}), "email": frozenset({"writing"}),
    "send": frozenset({"writing"}), "file": frozenset({"filing"}), "sue": frozenset({"filing"}),
    "submit": frozenset({"filing", "report"}), "indict": frozenset({"filing"}),
    "air": frozenset({"media"}), "run": frozenset({"media", "writing"}), "broadcast": frozenset({"media"}),
    "rule": frozenset({"legal"}), "decide": frozenset({"legal"}), "order": frozenset({"legal"}),
}
DOCUMENT_VERBS = frozenset(ISSUED_KINDS)
SELF_DOCUMENTING = frozenset("tweet retweet rule sue order decide indict publish".split())

# Common nouns that name a person ("the man", "a source", "the narrator"); with the
# person-making suffixes of entity_types they keep a description a possible speaker.
PERSON_NOUNS = frozenset("""man woman men women person boy girl guy lady gentleman source
narrator actor actress someone somebody anyone everyone one mother father son daughter wife
husband sister brother friend mom dad kid child children voice caller listener viewer
reader fan neighbor neighbour citizen citizens victim survivor owner customer client
patient host guest insider newspaper paper outlet network magazine newsletter""".split())

# Common nouns that never speak: measurements, body parts, objects, events, ideas.
THING_NOUNS = frozenset("""figures figure numbers number data results result prices price
rates rate cost costs eyes eye face hands hand sign signs words word recording tape numbers
polls percent percentage share total amount money dollars economy market markets growth
inflation issue issues question questions problem problems idea ideas thing things fact
facts story stories event events meeting rally debate race election vote votes campaign
headline headlines title page chart map graph table photo picture image caption""".split())

PERSONAL_HONORIFICS = frozenset("mr mrs ms miss dr".split())

# --- the kind of occasion a quote was said on (quotes.corpus.occasions) ---------------------
# Words of an article's attribution that name it ("at the debate", "told CNN", "in a
# statement", "told the crowd") and of a source's title ("Republican Candidates Debate in
# ...", "Remarks at ..."): a transcript of one kind never reports
# words the article says were said on another. Plurals that name a topic more often than an
# occasion ("his past statements", "in his speeches") and "address" (a verb as often) are left out.
OCCASION_KINDS = {
    "debate": frozenset("debate debates".split()),
    "speech": frozenset("""speech rally rallies remarks crowd crowds supporters convention
luncheon""".split()),
    "interview": frozenset("""interview interviews interviewed town-hall radio podcast reporters
journalists anchor cnn fox nbc abc cbs msnbc reuters bloomberg""".split()),
    "statement": frozenset("""statement tweet tweets tweeted twitter facebook instagram op-ed
posted""".split()),
}
# nouns of an event the lower-case words before which may be its name ("his announcement
# speech", "the immigration speech": ``corpus.occasions.titled_words``), and words before them
# that name none
OCCASION_EVENTS = frozenset("speech speeches debate debates rally remarks address".split())
# nouns that end an event's proper name ("the Republican National Convention", "the AIPAC
# Policy Conference", "the Detroit Economic Club"): an article names such an event once, far from
# the quotes it prints (``corpus.occasions.event_names``)
OCCASION_NAME_HEADS = frozenset("convention conference club".split())
NOT_OCCASION_NAMES = frozenset("""a an the his her their its this that last first second third
next presidential republican democratic gop primary campaign big major televised""".split())
