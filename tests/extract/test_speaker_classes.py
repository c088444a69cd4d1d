"""Probes for issue 18's speaker error classes 1 and 2, end to end (`extract_quotes`, the real
model): news sentences written for the purpose, one per case of each class. These are the
classes the owners' held-out sets measure.

Class 1, spans that are no speaker: things, times, places and datelines, headings and page
furniture in capitals, abstract nouns, fragments of titles. A speaker is a person, an
organisation, or a group or document that speaks; when the best candidate is none of those,
look further, or say nobody at low confidence (`NOBODY_OK`).
Class 2, conduits: a statement, report, filing, memo, ruling, book, tweet or email speaks for
its issuer or sender, never for itself or its recipient.

Stop 29 adds probes for the classes of the web held-out errors (named after the quote,
recipients and outlets, long organisation and office names, the nearest name or a noun phrase
instead of an earlier subject): 14 of the 58 fail on main f2fb489, 2 at stop 29 (an occupation
the lexicon has no person noun for, "the actor"), none since stop 30; `NAMED_AFTER` ... at the
end. Stop 30 adds `OCCUPATIONS` and `NOT_AN_OCCUPATION` (both directions).

A probe that still fails is an xfail (strict) naming what is missing.
"""
import pytest

from quotes.extract.entity_types import stored_name_type
from quotes.extract.pipeline import extract_quotes

NOBODY_OK = 0.3  # "say nobody, with low confidence": at most the confidence of an unnamed speaker
XFAIL = pytest.mark.xfail(strict=True)

NOT_A_SPEAKER = [
    # things
    ("Police released the recording on Friday. The recording shows Mayor Tom Bell telling staff, "
     "“Delete those emails before anyone sees them.”", "Tom Bell"),
    ("Unemployment rose again in March. The figures show that the region is “heading into a deep recession,” "
     "said economist Ann Reyes of Dale University.", "Ann Reyes"),
    ("Dana Holt, who runs the Harmon Institute, ran a poll of 2,000 voters. The survey results suggest voters "
     "are “tired of the fighting,” Holt said.", "Dana Holt"),
    ("The survey results, published on Tuesday by the Harmon Institute, suggest that voters are “tired of the "
     "fighting.”", "Harmon Institute"),
    # times
    ("Senator Mary Holt spoke to reporters in Denver. Friday morning brought “the worst news we could have "
     "had,” she said.", "Mary Holt"),
    ("Mary Holt, the mayor, has been under pressure. Recent weeks have been “a nightmare for everyone in this "
     "building.”", None),
    ("Recent weeks have been “a nightmare for everyone in this building,” Mayor Mary Holt told reporters.",
     "Mary Holt"),
    # places and datelines
    ("GENEVA — “We are deeply concerned about the spread of the virus,” Tedros Adhanom Ghebreyesus told "
     "reporters on Monday.", "Tedros Adhanom Ghebreyesus"),
    ("GENEVA — The World Health Organization warned on Monday that the outbreak was spreading.\n\n“We are "
     "deeply concerned,” a spokesman told reporters.", "World Health Organization"),
    ("FORT WORTH, Texas — The city council voted 6-3 on Tuesday to close the shelter.\n\n“This is a sad day for "
     "the people who rely on it,” said council member Ann Reyes.", "Ann Reyes"),
    ("Residents of Fort Worth are angry. “We were never told,” one resident said.", None),
    # headings and page furniture
    ("Mayor Ann Reyes announced the closure on Tuesday.\n\nREAD MORE: City to close shelter\n\n“We had no other "
     "choice,” she said.", "Ann Reyes"),
    ("ANALYSIS\n\n“There is no plan B,” the minister told parliament on Monday.", None),
    ("WATCH: Minister defends budget\n\n“There is no plan B,” Finance Minister Paul Dane told parliament.",
     "Paul Dane"),
    # abstract nouns
    ("Rising prices have left families “unable to pay for the basics,” said Ann Reyes, who runs a food bank.",
     "Ann Reyes"),
    ("Ann Reyes runs a food bank in Leeds. Rising prices have left families “unable to pay for the basics.”",
     "Ann Reyes"),
    ("Tom Bell has led the union for ten years. Growing concerns about safety have prompted “a real crisis of "
     "confidence,” Bell said.", "Tom Bell"),
    # fragments of titles
    ("Foreign Affairs Minister Simon Coveney said the deal was “the only way forward.”", "Simon Coveney"),
    ("“It is the only way forward,” said Foreign Affairs Minister Simon Coveney.", "Simon Coveney"),
    ("“It is the only way forward,” the Foreign Affairs Minister said.", None),
    ("Foreign Affairs Minister Simon Coveney met his British counterpart on Monday.\n\n“It is the only way "
     "forward,” the Foreign Affairs Minister said.", "Simon Coveney"),
    ("“We will appeal,” the Attorney General said.", None),
    ("“We will find whoever did this,” Detective Superintendent Ann Reyes said.", "Ann Reyes"),
    ("Minister for Foreign Affairs Simon Coveney told the Dail: “It is the only way forward.”", "Simon Coveney"),
]

CONDUITS = [
    # statements
    ("In a statement, Acme Corp said the recall was “a precaution, nothing more.”", "Acme Corp"),
    ("Acme Corp issued a statement on Monday night.\n\n“The recall is a precaution, nothing more,” the "
     "statement said.", "Acme Corp"),
    pytest.param("“The recall is a precaution, nothing more,” a statement said.", None, marks=XFAIL, id="a-statement"),
    # reports and filings
    ("The Government Accountability Office released a report on Tuesday about the program.\n\nThe report says "
     "the agency has been “wasting money for years.”", "Government Accountability Office"),
    ("A report by the Government Accountability Office says the agency has been “wasting money for years.”",
     "Government Accountability Office"),
    ("The Government Accountability Office published its findings on Tuesday. According to the report, the "
     "agency has been “wasting money for years.”", "Government Accountability Office"),
    ("Acme Corp sued the city in federal court on Monday. According to the filing, the city “ignored every "
     "warning.”", "Acme Corp"),
    ("According to a filing by Acme Corp, the city “ignored every warning.”", "Acme Corp"),
    ("Acme Corp sued the city on Monday. The lawsuit claims the city “ignored every warning.”", "Acme Corp"),
    ("The American Civil Liberties Union filed a lawsuit against the state on Monday.\n\nThe suit says the law "
     "is “plainly unconstitutional.”", "American Civil Liberties Union"),
    pytest.param("Federal prosecutors charged Tom Bell with fraud on Monday. The indictment says Bell “lied to "
                 "investors for years.”", "prosecutors", marks=XFAIL, id="indictment-charged"),
    # memos, letters, emails: the sender, never the recipient
    ("Jane Park, the chief executive, sent a memo to staff on Friday. The memo reads: “We will not be cutting "
     "jobs this year.”", "Jane Park"),
    ("In a memo to staff, chief executive Jane Park wrote: “We will not be cutting jobs this year.”", "Jane Park"),
    ("The emails were released on Friday.\n\nFrom: Jane Park\nTo: Tom Bell\nSubject: budget\n\n“Tom, we need to "
     "cut the budget by half before the board meets.”", "Jane Park"),
    ("The messages were made public on Friday.\n\nFrom: Jane Park <jpark@example.com>\nSent: Monday, March 3\n"
     "To: Tom Bell\nCc: Ann Reyes\nSubject: RE: budget\n\n“Tom, we need to cut the budget by half.”", "Jane Park"),
    ("Jane Park wrote to Tom Bell on March 3: “We need to cut the budget by half.”", "Jane Park"),
    ("In an email to Tom Bell, Jane Park wrote that the budget had to be “cut in half.”", "Jane Park"),
    ("In a letter to Senator Mary Holt, the agency’s director Tom Bell said the program was “on track.”",
     "Tom Bell"),
    ("Writing to Mary Holt last week, Tom Bell called the plan “a disaster.”", "Tom Bell"),
    pytest.param("Forty senators signed a letter to the president on Monday. The letter calls the plan "
                 "“reckless.”", "Forty senators", marks=XFAIL, id="letter-signed"),
    # rulings, books, tweets, posts: the issuer only a verb names
    ("The Supreme Court ruled 5-4 on Monday that the law must go.\n\nThe ruling said the law was “plainly "
     "unconstitutional.”", "Supreme Court"),
    ("The U.S. Court of Appeals for the Ninth Circuit heard the case in May.\n\nOn Friday the appeals court ruled "
     "against the state. The ruling called the policy “arbitrary.”", "U.S. Court of Appeals for the Ninth Circuit"),
    ("Judge Ann Reyes ordered the state to stop on Friday. The order says the state “must halt all executions.”",
     "Ann Reyes"),
    ("Justice Ann Reyes wrote the majority opinion. The opinion says the law is “plainly unconstitutional.”",
     "Ann Reyes"),
    ("In 2019, Tom Bell wrote a memoir about his years in the Navy. The book describes the war as “a mistake "
     "from the first day.”", "Tom Bell"),
    ("President Trump tweeted on Sunday about the fire. The tweet called the governor “a total disaster.”",
     "Trump"),
    ("Jane Park posted on Facebook on Friday. The post said: “I am done with politics.”", "Jane Park"),
    # a document that shows someone speaking: that person
    ("The Holt campaign released a new ad on Monday. The spot shows Tom Bell saying, “I will never raise your "
     "taxes.”", "Tom Bell"),
    ("The Reyes campaign released a new ad on Monday.\n\nThe spot concludes with footage of Senator Mary Holt "
     "saying during the debate last week, “I will never raise your taxes,” when her rival pressed her.", "Mary Holt"),
    # an issuing verb with no document: no issuer
    ("Tom Bell wrote a check for $500 to the campaign. Ann Reyes, his neighbour, said later that the letter was "
     "“a scam.”", "Ann Reyes"),
]


def speaker(text):
    *_, q = extract_quotes(text)
    return q


def right(q, want) -> bool:
    """The expected speaker, or (where the class allows it) nobody at low confidence; never a
    stored speaker that is a thing, a time, a place or a heading."""
    if q.speaker is not None and stored_name_type(q.speaker) is not None:
        return False
    if want is None:
        return q.speaker is None or q.confidence <= NOBODY_OK
    return q.speaker == want or q.speaker is None and q.confidence <= NOBODY_OK


@pytest.mark.parametrize("text,want", NOT_A_SPEAKER)
def test_class_1_a_span_that_is_no_speaker_is_never_stored(text, want):
    q = speaker(text)
    assert right(q, want), (q.speaker, q.confidence, q.method)


@pytest.mark.parametrize("text,want", CONDUITS)
def test_class_2_a_conduit_speaks_for_its_issuer_or_sender(text, want):
    q = speaker(text)
    assert q.speaker == want, (q.speaker, q.confidence, q.method)


# --- the classes of the web held-out errors (stop 29): probes written before the fixes ---------
# Speaker named after the quote: the next sentence, or the next paragraph of a quote that stands
# alone, points back at it ("That was the reply of X", "The words came from X", "With those
# words, X ...", "That is how X describes ..."): rules.owner_after.
NAMED_AFTER = [
    ("Ministers met on Tuesday to discuss the budget.\n\n“We cannot keep borrowing at this rate.” The words came "
     "from Chancellor Rachel Moss, who has promised to cut the deficit by half.", "Rachel Moss"),
    ("The strike entered its third week on Monday.\n\n“We will not back down.” That was union leader Pat Doyle's "
     "answer when asked whether the nurses would accept the offer.", "Pat Doyle"),
    ("“It felt like the end of the world.”\n\nThat is how Ann Reyes, a nurse in Leeds, describes the night the flood "
     "came.", "Ann Reyes"),
    ("“We were never consulted.” So says Tom Bell, who has farmed the land for 40 years.", "Tom Bell"),
    ("The council voted on Tuesday to close the library. Councillor Ann Reyes abstained.\n\n“This is a "
     "disgrace.”\n\nThe protest came from Tom Bell, a retired teacher who has used the library for 30 years.",
     "Tom Bell"),
    ("Talks collapsed late on Friday.\n\n“We are not going anywhere.” The message from union leader Pat Doyle was "
     "clear.", "Pat Doyle"),
    ("Parliament was silent.\n\n“It is time for me to go.” With those words, Prime Minister Ann Reyes ended eleven "
     "years in power.", "Ann Reyes"),
    ("Mayor Tom Bell spoke first. Then the crowd turned to the senator.\n\n“Nobody is above the law.” Senator Mary "
     "Holt's words drew loud applause from the crowd.", "Mary Holt"),
    ("The hearing lasted six hours. Tom Bell, the committee chairman, asked the first question.\n\n“I had no idea "
     "the money was missing.”\n\nThat was the reply of chief executive Ann Reyes, who has led the company since 2015.",
     "Ann Reyes"),
    ("Prices have doubled since January, and Tom Bell, who owns the bakery, blames the energy bills.\n\n“I have "
     "never seen anything like it in thirty years of business.”\n\nThe same worry is shared by Ann Reyes, who runs "
     "the cafe next door.", "Tom Bell"),
]

# Recipients and outlets: "X tells The Hollywood Reporter", "told Fox News", "in an interview
# with NBC's Y": the outlet or the interviewer is a recipient, never the speaker.
RECIPIENTS = [
    ("“It was the hardest role I have ever played,” Jane Harlow tells The Hollywood Reporter.", "Jane Harlow"),
    ("Jane Harlow tells The Hollywood Reporter that the film was “the hardest thing I have ever done.”", "Jane Harlow"),
    ("Tom Bell told Fox News on Sunday that the deal was “dead on arrival.”", "Tom Bell"),
    ("In an interview with NBC News, Ann Reyes said she was “not ready to quit.”", "Ann Reyes"),
    ("“I am not ready to quit,” Ann Reyes said in an interview with NBC's Lester Holt on Sunday.", "Ann Reyes"),
    ("Speaking to CNN's Jake Tapper on Sunday, Senator Mary Holt called the bill “a disaster for working families.”",
     "Mary Holt"),
    ("Senator Mary Holt voted against the bill on Friday.\n\n“This bill is a disaster,” the senator told CNN's Dana "
     "Bash on Sunday.", "Mary Holt"),
    ("Asked by The Guardian whether she would stand again, Ann Reyes said: “Never say never.”", "Ann Reyes"),
    ("Jane Harlow plays a detective in the new series.\n\nThe actor told Variety: “It changed my life.”",
     "Jane Harlow"),
    ("Jane Harlow plays a detective in the new series.\n\n“It changed my life,” she tells Variety.", "Jane Harlow"),
    ("“We are going to win this,” Harlow told The New York Times in an interview last week.", "Harlow"),
    ("Variety reports that the studio has cut the budget. “We had no choice,” Jane Harlow told the magazine.",
     "Jane Harlow"),
    ("Jane Harlow, 29, plays a detective in the new series.\n\n“I wanted a role that scared me,” the actress tells "
     "The Hollywood Reporter.", "Jane Harlow"),
    ("“I wanted a role that scared me,” Harlow tells THR.", "Harlow"),
    ("“We will see them in court,” Tom Bell told Fox News Digital on Tuesday.", "Tom Bell"),
    ("Speaking to the BBC on Monday, Ann Reyes said: “We did nothing wrong.”", "Ann Reyes"),
    ("Ann Reyes sat down with CBS News correspondent Lesley Stahl last week. “We did nothing wrong,” she said.",
     "Ann Reyes"),
    ("Ann Reyes spoke to Lesley Stahl of CBS News on Sunday.\n\n“We did nothing wrong,” she said.", "Ann Reyes"),
    ("In an interview with NBC's Chuck Todd on Sunday, Senator Mary Holt said the bill was “dead.”", "Mary Holt"),
    ("Senator Tom Bell told CNN's Anderson Cooper: “The bill is dead.”", "Tom Bell"),
    ("“The bill is dead,” Bell told Fox News host Sean Hannity on Tuesday.", "Bell"),
    ("“The bill is dead,” said Bell in an interview with The Washington Post.", "Bell"),
    ("Tom Bell gave an interview to The Washington Post on Sunday.\n\n“The bill is dead,” he told the newspaper.",
     "Tom Bell"),
    ("Fox News host Sean Hannity asked Tom Bell about the bill on Tuesday.\n\n“The bill is dead,” Bell said.",
     "Tom Bell"),
    ("Tom Bell told The Associated Press that he would “never give up.”", "Tom Bell"),
    ("Mary Holt was asked by Jake Tapper of CNN whether she would run. “I have not decided,” she replied.",
     "Mary Holt"),
    ("Jane Harlow opened up to Vogue about her divorce.\n\n“It was the hardest year of my life,” she told the "
     "magazine.", "Jane Harlow"),
]

# Long organisation and office names with inner "of"/"for"/"and", whole (syntax.name_span,
# speakers._named_in_full), never a fragment nor a fragment taken as a person.
LONG_NAMES = [
    ("The United Nations High Commissioner for Refugees said the camps were “at breaking point.”",
     "United Nations High Commissioner for Refugees"),
    ("“The camps are at breaking point,” the Department of Homeland Security said in a statement.",
     "Department of Homeland Security"),
    ("The Bank of England said inflation would remain “stubbornly high” for the rest of the year.", "Bank of England"),
    ("“We stand ready to act,” a spokesman for the Bank of England said.", "Bank of England"),
    ("The Federation of Small Businesses said the new tax was “a hammer blow to the high street.”",
     "Federation of Small Businesses"),
    ("According to the Office for National Statistics, prices rose at “the fastest rate in forty years.”",
     "Office for National Statistics"),
    ("The Department of Health and Human Services said the rule would “save thousands of lives.”",
     "Department of Health and Human Services"),
    ("“Nobody should be surprised by this,” said Secretary of State Tom Bell.", "Tom Bell"),
    ("Chancellor of the Exchequer Rachel Moss said the budget would “put growth first.”", "Rachel Moss"),
    ("The Royal Society for the Protection of Birds warned that the species was “in freefall.”",
     "Royal Society for the Protection of Birds"),
    ("“The agency will review every case,” the Department of Homeland Security said. The Department of Homeland "
     "Security added that the review would take months: “We will leave no stone unturned.”",
     "Department of Homeland Security"),
    ("Filippo Grandi, the United Nations High Commissioner for Refugees, said the camps were “at breaking point.”",
     "Filippo Grandi"),
]

# A noun phrase that names no speaker where an earlier subject is the speaker
# (rules.sentence_subject), and a pronoun after a list.
EARLIER_SUBJECT = [
    ("Tom Bell, the union's leader, denounced the offer on Tuesday. The deal is “an insult to every worker in this "
     "country.”", "Tom Bell"),
    ("Ann Reyes complained about the announcement. The new rules are “a mess from start to finish.”", "Ann Reyes"),
    ("Ann Reyes has run the shelter for a decade. The need this winter is “the worst I have seen.”", "Ann Reyes"),
    ("Residents packed the hall. Among them was Maria Doyle, who has lived on the estate since 1970. The plans are "
     "“a betrayal of everyone who lives here,” she said.", "Maria Doyle"),
    ("Tom Bell, who chairs the committee, said the report was “damning.” The committee's members agreed, and one of "
     "them, Ann Reyes, called it “the worst failure I have seen.”", "Ann Reyes"),
]

# Vox pop and lists: the nearest name is not the speaker of the next, unnamed, voice; nor is
# the person a title belongs to ("the defendant's lawyer" is not the defendant).
NOT_THE_NEAREST = [
    ("Tom Bell was charged on Monday.\n\n“My client is innocent,” the defendant's lawyer said.", "Tom Bell"),
    ("Shoppers in the town centre were divided. Tom Bell, 34, a bus driver, said he would vote Labour. “They have "
     "never let us down,” he said. His neighbour, who did not want to be named, disagreed: “They have done nothing "
     "for this town.”", "Tom Bell"),
    ("We asked voters in Leeds what they thought. Ann Reyes, a teacher, said: “I will vote for change.” Tom Bell, a "
     "retired miner, said: “I have always voted Labour.” A third voter, a student, said: “I am not voting at all.”",
     "Tom Bell"),
    ("At the rally, Mary Holt introduced the speakers. One of them, a nurse from Derby, said the hospital was "
     "“falling apart.”", "Mary Holt"),
]

# Occupations no title list holds (stop 30): "the novelist said", "the actor told Variety" are the
# person the article printed with that noun ("Tom Bell, a novelist"), else, when more than an
# agentive ending says it is an occupation, the person the article is about
# (entity_types.occupation_noun: train's learned person nouns, the people of a work, the
# article's own "chef, who"; an agentive ending only on the subject of a speech verb).
OCCUPATIONS = [
    ("Tom Bell scored twice on Saturday as Dale Rovers beat Harton 3-1. Striker Tom Bell has now scored nine "
     "goals this season. “We deserved it,” the striker said.", "Tom Bell"),
    ("Ann Reyes, a cardiologist at Dale Hospital, runs the heart clinic. Mayor Tom Bell opened its new wing on "
     "Monday. “Most of these deaths are preventable,” the cardiologist said.", "Ann Reyes"),
    ("Singer Mara Quinn released her third album on Friday.\n\n“I wrote most of it in a week,” the singer "
     "said.", "Mara Quinn"),
    ("Paul Dane has cooked at the Ritz for 20 years. “Nobody eats like this any more,” said the chef, who trained "
     "in Lyon.", "Paul Dane"),
    ("The lawsuit was filed by Tom Bell, a novelist who lives in Maine. Mayor Ann Reyes declined to comment. “They "
     "copied my book,” the novelist said.", "Tom Bell"),
    ("Tom Bell, a photographer, was arrested at the protest on Monday. Police Chief Ann Reyes said officers had "
     "followed procedure. “I was only doing my job,” the photographer said.", "Tom Bell"),
    ("Casino owner Sheldon Adelson met the candidates on Monday. “It was very nice,” the tycoon said.",
     "Sheldon Adelson"),
]

# ... and the other direction: a thing noun stays a thing, an occupation the article brought in
# unnamed ("A striker from the visiting side") is nobody named, a person the article gave
# another title ("Senator Mary Holt") is no guess for "the manufacturer", and an agentive ending
# alone is no guess (wrong every time on PolNeAR train, dev and the web tune pages: "the
# announcer" of an ad, "the Bush-era whistleblower").
NOT_AN_OCCUPATION = [
    ("Tom Bell wrote to the council in May. “We will not pay for the repairs,” the letter said.", "Tom Bell"),
    ("Mayor Ann Reyes has faced criticism. “Fewer buses will run on Sundays,” the new timetable says.", None),
    ("Tom Bell scored twice on Saturday. A striker from the visiting side was sent off. “The referee was blind,” "
     "the striker said.", None),
    ("Senator Mary Holt visited the plant on Monday. “It is the best computer we have ever built,” the manufacturer "
     "said.", None),
    ("Senator Mary Holt spoke on Monday. The order says the state “must halt all executions.”", None),
    ("Ann Reyes took over the club in May. The major danger, she said, is “a slow decline nobody notices.”",
     "Ann Reyes"),
    ("Mary Holt launched her campaign with a television ad on Monday. “It’s 3 a.m., and your children are "
     "asleep,” the announcer says.", None),
]


@pytest.mark.parametrize("text,want", OCCUPATIONS + NOT_AN_OCCUPATION)
def test_occupations_resolve_and_things_stay_things(text, want):
    q = speaker(text)
    assert right(q, want), (q.speaker, q.confidence, q.method)


@pytest.mark.parametrize("text,want", NAMED_AFTER + RECIPIENTS + LONG_NAMES + EARLIER_SUBJECT)
def test_heldout_classes_the_speaker_is_found(text, want):
    q = speaker(text)
    assert q.speaker == want and stored_name_type(q.speaker) is None, (q.speaker, q.confidence, q.method)


@pytest.mark.parametrize("text,wrong", NOT_THE_NEAREST)
def test_heldout_classes_the_nearest_name_is_not_an_unnamed_voice(text, wrong):
    q = speaker(text)
    assert q.speaker != wrong or q.confidence <= NOBODY_OK, (q.speaker, q.confidence, q.method)
