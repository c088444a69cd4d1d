"""Hand-made quotes of the five seed articles, as the extractor should report them.

The extractor is another module's job; these fixtures let the speaker index and the
utterance grouping be tested on the real seed text now. Each quote's text is found in its
seed file (offsets exclude the marks), so a typo here fails loudly.
"""
from __future__ import annotations

from pathlib import Path

from quotes.model import Quote, text_hash
from quotes.corpus.speakers import SpeakerMention, build_speaker_index
from quotes.corpus.grouping import QuoteRef

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

BLOOMBERG, FOX, EPOCH, NYPOST, AP = (
    "000_5e82b664032029c8", "001_a4871556e040079a", "002_28767f0d030c328d",
    "003_46cd2f616555e6e6", "004_4517ef6bbb3d0375")
OUTLET = {BLOOMBERG: "Bloomberg", FOX: "Fox News", EPOCH: "The Epoch Times",
          NYPOST: "New York Post", AP: "Associated Press"}

AUSTIN = ("Lloyd Austin", ["US Defense Secretary Lloyd Austin", "Austin"])
KIRBY = ("John Kirby", ["Kirby"])

# (doc, label, quote text, speaker name, aliases, kind, occurrence)
QUOTES = [
    (BLOOMBERG, "austin-serious-lead", "very, very serious", *AUSTIN),
    (BLOOMBERG, "austin-evidence", "Our analysts, they continue to look at this, and we are seeing evidence that there are North Korean troops that have gone to Russia,", *AUSTIN),
    (BLOOMBERG, "austin-seen", "What exactly they’re doing, well, that’s to be seen.", *AUSTIN),
    (BLOOMBERG, "ryder", "dangerous and highly concerning.", "Pat Ryder", ["Major General Pat Ryder"]),
    (BLOOMBERG, "austin-serious", "If their intention is to participate in this war on Russia’s behalf that is a very, very serious issue, and it will have impacts, not only in Europe,", *AUSTIN),
    (BLOOMBERG, "austin-serious-2", "It will also impact things in the Indo-Pacific as well.", "Austin", []),
    (BLOOMBERG, "austin-tincup", "went tin-cupping early on to get additional weapons and materials", *AUSTIN),
    (BLOOMBERG, "austin-people", "now he’s making a move to get more people, if that is the case, if these troops are designed to be a part of the fight in Ukraine.", *AUSTIN),
    (BLOOMBERG, "zelenskiy", "for the money.", "Volodymyr Zelenskiy", ["Ukraine’s President Volodymyr Zelenskiy"]),
    (BLOOMBERG, "kovalenko", "There is a language barrier, though it won’t prevent from digging trenches for Russians,", "Andriy Kovalenko", ["Kovalenko"]),
    (FOX, "austin-serious", "a very, very serious issue", "Lloyd Austin", ["Defense Secretary Lloyd Austin"]),
    (FOX, "kirby-assess", "We assess that between early to mid-October, North Korea moved at least 3,000 soldiers into eastern Russia. We assessed that these soldiers traveled by ship from the Wonsan area in North Korea to Vladivostok, Russia,",
     "John Kirby", ["White House National Security communications director John Kirby", "Kirby"]),
    (FOX, "kirby-training", "These soldiers then traveled onward to multiple Russian military training sites in eastern Russia, where they are currently undergoing training. We do not yet know whether these soldiers will enter into combat alongside the Russian military, but this is certainly a highly concerning probability.\n“After completing training, these soldiers could travel to western Russia and then engage in combat against the Ukrainian military,", *KIRBY),
    (FOX, "kirby-briefed", "We have briefed the Ukrainian government on our understanding of this situation and we’re certainly consulting closely with other allies, partners and countries in the region on the implications of such a dramatic move and on how we might respond.", *KIRBY),
    (FOX, "kirby-weakness", "if North Korean soldiers do enter into combat, this development would demonstrate Russia’s growing desperation in its war against Ukraine.\n“Russia is suffering extraordinary casualties on the battlefield every single day. But President Putin appears intent on continuing this war. If Russia is indeed forced to turn to North Korea for manpower, this would be a sign of weakness, not strength, on the part of the Kremlin,", *KIRBY),
    (FOX, "kirby-cooperation", "It would also demonstrate an unprecedented level of direct military cooperation between Russia and North Korea, with security implications in Europe as well as the Indo-Pacific. As we’ve said before, Russia’s cooperation with the North Korean military is in violation of multiple U.N. Security Council resolutions, which prohibit the procurement of arms from North Korea and military arms training. ", *KIRBY),
    (FOX, "austin-seen", "What exactly are they doing? Left to be seen. These are things that we need to sort out,", "Lloyd Austin", ["Austin"]),
    (FOX, "rutte", "significant escalation", "Mark Rutte", ["NATO Secretary-General Mark Rutte"]),
    (EPOCH, "austin-serious-subhead", "very serious issue", "The U.S. defense secretary", []),
    (EPOCH, "austin-evidence", "We are seeing evidence that there are North Korean troops [in Russia].", "Lloyd Austin", ["U.S. Defense Secretary Lloyd Austin", "Austin"]),
    (EPOCH, "austin-seen", "What exactly they are doing is left to be seen. These are things that we need to sort out,", "Lloyd Austin", ["Austin", "The defense secretary"]),
    (EPOCH, "austin-serious", "If they’re co-belligerents, if their intention is to participate in this war on Russia’s behalf, that is a very, very serious issue,", "Lloyd Austin", ["U.S. Secretary of Defense Lloyd Austin", "Austin"]),
    (EPOCH, "davis-redline", "Probably some of the Eastern European countries, Poland in particular, may be more engaged to add their troops into Ukraine, because putting North Korean troops directly into the conflict definitely steps over a red line,", "Paul Davis", ["Davis"]),
    (EPOCH, "dimino-discussion", "There’s a separate discussion to be had on what should we do with Ukraine, and should they ultimately be in NATO one day,", "Michael DiMino", []),
    (EPOCH, "dimino-nato", "But right now, they’re not. And I think sending NATO troops to fight and die in a war against Russia is an incredibly dangerous step to take.", "Michael DiMino", []),
    (EPOCH, "dimino-overreact", "[It’s] important not to overreact to this or to give this more weight or credibility than it really deserves,", "Michael DiMino", ["DiMino"]),
    (EPOCH, "davis-mother", "If they’re only in there to defend Mother Russia, then we don’t have a lot of say,", "Paul Davis", ["Davis"]),
    (EPOCH, "davis-border", "It’s when they cross the border into Ukraine the problem would be.", "Davis", []),
    (EPOCH, "kirby-intention", "because we just don’t know enough about what the intention is.", "John Kirby", ["White House National Security Council spokesman John Kirby", "Kirby"]),
    (EPOCH, "kirby-weakness", "If Russia is indeed forced to turn to North Korea for manpower, this would be a sign of weakness, not strength, on the part of the Kremlin,", "John Kirby", ["Kirby", "The White House spokesman"]),
    (EPOCH, "yellen-sanctions", "strong new sanctions", "Janet Yellen", ["U.S. Treasury Secretary Janet Yellen"]),
    (EPOCH, "yellen-inputs", "supplying Russia with critical inputs for its military.", "Janet Yellen", ["U.S. Treasury Secretary Janet Yellen"]),
    (NYPOST, "austin-serious-headline", "Very, very serious issue", "Austin", ["US defense chief Austin"]),
    (NYPOST, "austin-serious", "very, very serious issue,", "Lloyd Austin", ["US Defense Secretary Lloyd Austin", "Austin"]),
    (AP, "us-fairgame", "fair game", "The United States", []),
    (AP, "austin-nextstep", "next step", "Lloyd Austin", ["Defense Secretary Lloyd Austin"]),
    (AP, "kirby-training", "These soldiers then traveled to multiple Russian military training sites in eastern Russia where they are currently undergoing training,", "John Kirby", ["White House national security spokesman John Kirby", "Kirby"]),
    (AP, "kirby-training-2", "We don’t yet know if these soldiers will go into battle alongside the Russian army, but it’s certainly a very worrying possibility.", *KIRBY),
    (AP, "austin-seen", "remains to be seen,", "Lloyd Austin", ["Austin"]),
    (AP, "austin-serious", "If they are belligerents, their intention is to engage in this war on behalf of Russia, that is a very, very serious problem and it will have an impact not only in Europe but also in things in the Indo-Pacific.", "Lloyd Austin", ["Austin"]),
    (AP, "kirby-fairgame", "I can tell you one thing, if they deploy to fight Ukraine, they’re fair game.", *KIRBY),
    (AP, "rutte", "significant escalation", "Mark Rutte", ["NATO Secretary General Mark Rutte"]),
]


def seed_text(doc: str) -> str:
    return (SEEDS / f"{doc}.txt").read_text(encoding="utf-8")


def seed_quotes() -> dict[str, tuple[str, str, Quote]]:
    """label "doc/label" -> (doc, article_id, Quote with offsets and speaker)."""
    out = {}
    for doc, label, text, name, aliases in QUOTES:
        full = seed_text(doc)
        start = full.find(text)
        assert start >= 0, f"not in {doc}: {text[:40]!r}"
        kind = "organisation" if name == "The United States" else "person"
        q = Quote(start=start, end=start + len(text), text=text, speaker=name,
                  speaker_aliases=list(aliases), speaker_kind=kind)
        out[f"{doc}/{label}"] = (doc, text_hash(full), q)
    return out


def seed_mentions() -> tuple[list[SpeakerMention], dict[str, str]]:
    """Speaker mentions of all seed quotes, and quote id -> label."""
    mentions, label_of = [], {}
    for label, (doc, aid, q) in seed_quotes().items():
        qid = q.quote_id(aid)
        label_of[qid] = label
        mentions.append(SpeakerMention(qid, aid, OUTLET[doc], q.speaker, q.speaker_aliases,
                                       None, q.speaker_kind))
    return mentions, label_of


def seed_refs() -> tuple[list[QuoteRef], dict[str, str]]:
    """QuoteRefs of all seed quotes with corpus-wide speaker ids; quote id -> label."""
    mentions, label_of = seed_mentions()
    index = build_speaker_index(mentions)
    refs = []
    for label, (doc, aid, q) in seed_quotes().items():
        qid = q.quote_id(aid)
        refs.append(QuoteRef(qid, aid, OUTLET[doc], index.speaker_of.get(qid), q.text,
                             "2024-10-23", start=q.start, end=q.end))
    return refs, label_of
