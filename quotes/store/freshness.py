"""Is a database up to date with its inputs and its code?

Plain ``sqlite3`` on purpose: a rebuild that finds nothing new answers from here and never
imports sqlite-utils (and the numpy it pulls in), let alone spaCy. ``quotes.db`` re-exports
these names.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

# Bump when extraction changes, so a build re-extracts articles stored by older code.
EXTRACTOR_VERSION = "20"  # 2: attribution rules of the attr branch; 3: shared and hyphenated surnames; 4: said_from/said_to; 5: outlets and bylines of web pages (one outlet per publisher); 6: a pronoun is never registered as a name; 7: learned speaker ranker, entity typing, calibrated confidence, echo credit (issue 18); 8: confidence of resolved and carried speakers, plain confidence per quote kind, smoothed (issue 18); 9: descriptions point back to issuers and institutions, salience from unparsed sentence openers, gender from role words, "it" to the organisation, no stored name that is a thing, time, place or heading (issue 18); 10: a statement's issuer read off unparsed text, the name ending a run of titles, when/as clauses introduce their quote, "they" = the name in apposition to the subject, pronoun chains parse further back, a full name owning the subject is talked about, fuller organisation names, refit ranker (issue 18); with it: articles not in English keep only quoted sentences, with no speaker (articles.language), one title notion and work titles in the quote filter (refit), mentioned terms marked (quotes.mention), rev24a's gender and name fixes, single-marked terms meet the quote filter's outright rejects; 11: speech-verb subjects the parse doubled, coordinated clauses, indefinite descriptions name nobody, party words, passive agents, colon clauses, two signed authors, time words in names, mark fixes (qf), refit filter and ranker (issue 18); 12: quote filter term features (how far the quote hangs below its cue, a quoted modifier of a noun, words quoted twice, the writer's voice, a person speaker, an article that attributes few quotes) and quotes credited to nobody, or only to the writer or the reader, on pages that talk to their reader dropped, refit filter and ranker (issue 18, qprec); 13: a sentence-opening name the parse made a compound of its verb is a subject, he/she after an unnamed speaker is that speaker, a person he/she resolved to gets that gender, "“…” That was the verdict of X", "a voter from <name>" is no affiliation, "continued to <verb>" is no speech cue (issue 18); 14: a definite document points back to the latest document of its kind or the verb that issued it ("the ruling" <- "the court ruled", "the book" <- "wrote a memoir"), the paragraphs before it parsed for that, a heading between a pronoun and its name passed over, a capitalised office after "the" is a title, an institution keeps its full name, an email's "From:" header credits its sender, a name inside a prepositional phrase ("an email to Tom Bell") is no nearby speaker (issue 18, spk18); 15: office words and abbreviated titles glued to names are titles (the parser sees the dot of "Det." "Supt." blanked), "the senator" tagged as a proper noun is a title, a he/she answering after "X asked Y" is Y, the paragraph after a question put to someone is the one asked's, a definite description has the paragraph before parsed, a name the parse made a second subject after a description is its appositive (issue 18, nam18); 16 (typ18): common nouns typed from PolNeAR train's gold speakers (training/train_speaker_nouns.py, lexicon.speaker_nouns: person nouns no hand list holds, nouns that never speak, "a group of" people), "-ment" no person suffix, speech nouns typed document, and a short partial quote whose only stored speaker names nobody is no quote (quotefilter.term_without_speaker) (issue 18, typ18); 16 (aft18): institutions and offices named in full with inner "of"/"for"/"and" ("Office for National Statistics", "United Nations High Commissioner for Refugees"), the speaker named after the quote in the next sentence or the paragraph after a quote standing alone ("That is how X describes", "With those words, X"), a noun phrase naming nobody gives way to the earlier subject who speaks, a title its owner holds is no guess for that owner (issue 18, aft18); 17: both, merged (the ranker and filter refit on them); 18 (qf30): two single closing marks close a double quote (“…,’’ he said) (issue 18, qf30); 18 (term30): the quote filter reads how the speaker found stands to a short partial quote (shape.speaker_link: speaks it, nested below his speech, acts, apart), refit (issue 18, term30); 18 (spk30): a definite occupation no title list holds ("the striker", "the actor", "the cardiologist": entity_types.occupation_noun) is the person the article printed with that noun, else a guess of the person it is about, its paragraph before parsed; a fronted phrase the parse made the subject ("Of Carson, Levine ... said") is passed over (issue 18, spk30); 19: the three merged (filter and ranker refit on them); 20 (spk31): a guessed title or occupation has a confidence of its own (ranker_weights' `guess` factor, fit on train's labelled guesses), no guess and no "he" is the person the quote speaks to ("As you know, Mr. Trump, ...": referents.addressed_names), learned nouns with document evidence and no person evidence are documents ("passage", "cable") (issue 18, spk31)
# Bump when the speaker index or the utterance grouping changes: a database whose corpus
# index was made by other rules is regrouped in full (kept in PRAGMA user_version).
GROUPING_VERSION = 15  # 2: late re-quotes and surname aliases; 3: aliases naming someone else ignored; 4: occasions;
# 5: grouped one speaker family at a time (corpus.families)
# 6: possessives fold (NATO's = NATO), split-quote parts join (corpus.splitparts)
# 7: a quote whose speaker is unsure (a guess, a group noun) may join another family's utterance (corpus.unsure)
# 8: a quoted title (“Going Viral,”) is no part of a split quote (splitparts, ranking.is_title); a two-word
# slogan said more than 30 days apart joins no longer quote (grouping._recurring_pair)
# 9: a term the writer mentions (quotes.mention: “the words "radical Islam"”) is no utterance across
# articles; editions of one outlet's story join two parts parted by the speaker's role (SPLIT_EDITION_GAP)
# 10: the speaker index: descriptions key and name no named speaker, a full name outranks a bare one corpus-wide,
# a courtesy honorific makes the next word a surname of a fitting gender, given-name titles join no full name
# 11: identical copies of a catchphrase (grouping._recurring) keep to short_span_days; an alignment on a few
# shared words (short_len or fewer) joins only within short_span_days (issue 13, benchmarks/pair_sources.py)
# 12: a speaker known in its article only by descriptions ("a man", "the company") is no speaker of the index
# 13: a coordinated pair printed the other way round ("farmers and ranchers" / "ranchers and farmers") is
# matched turned round (worddiff.flipped_like, also in a late re-quote); a quote without speaker that is the
# longer one joins a named utterance on a shared run of 8 words or on holding a whole member of 4+ words (issue 13, rec13)
# 14: a recurring phrase is measured by the days a quote's own attribution dates it to ("last month"), not its
# article's date; a lone late two-word quote so dated joins the one earlier utterance printing (or holding) its
# words then (grouping._rejoin_dated_pairs); identical speakerless copies of a phrase the speakerless quotes print
# more than 30 days apart keep to short_span_days (grouping._recurring_unnamed) (issue 13, pairs30)
# 15: an unsure quote's cut passes over stock 4-grams (held by the sure quotes of two families or more) both
# ways, as no home match and no other family's match (corpus.unsure.UnsureLinks.is_stock) (issue 13, cross31)

# PRAGMA application_id of the databases we make ("QUOT"): a build adds to an empty file or
# to one of ours, never to someone else's database (which it would migrate in place).
APPLICATION_ID = 0x51554F54

# Utterances whose quotes are no longer all there (save_article replaced their article).
STALE_UTTERANCES = ("select u.id from utterances u where u.n_quotes !="
                    " (select count(*) from quotes q where q.utterance_id = u.id)")


def article_is_current(db, article_id: str) -> bool:
    """True when this exact text was already extracted by this extractor version.
    ``db``: a sqlite3 connection or a sqlite-utils Database."""
    rows = db.execute(
        "select 1 from articles where id = ? and extractor_version = ?", [article_id, EXTRACTOR_VERSION]
    ).fetchall()
    return bool(rows)


def corpus_index_is_stale(db) -> bool:
    """True when the corpus index lags behind the quotes (e.g. a build was killed between
    saving articles and indexing the corpus): some quote has no utterance yet, some
    utterance lost quotes when its article was extracted again, or the index was made by
    other grouping rules (``GROUPING_VERSION``)."""
    has_quotes = db.execute("select exists (select 1 from quotes)").fetchone()[0]
    if has_quotes and db.execute("PRAGMA user_version").fetchone()[0] != GROUPING_VERSION:
        return True  # indexed by other grouping rules
    return bool(db.execute("select 1 from quotes where utterance_id is null limit 1").fetchall()) or bool(
        db.execute(f"{STALE_UTTERANCES} limit 1").fetchall())


def open_if_complete(path: str) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` when it is a quotes database that a build left
    complete (one file, not in WAL mode, with planner statistics); otherwise None, and the
    caller takes the full path (which also reports a file that is not a database)."""
    file = Path(path)
    if not file.is_file():
        return None
    try:
        conn = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.Error:
        conn.close()
        return None
    # not marked as ours: the full path (store.db.check_ours) decides, and refuses foreign files
    if app_id != APPLICATION_ID or str(mode).lower() == "wal" \
            or not {"articles", "quotes", "utterances", "sqlite_stat1"} <= tables:
        conn.close()
        return None
    return conn


def unreadable_reason(path: str) -> str | None:
    """Why SQLite cannot serve ``path`` (not a database, a damaged schema or table root), in
    one line; None when its schema and the first page of every table read. Cheap: no full
    integrity check (that reads the whole file)."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"cannot open it ({exc})"
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
        for table in tables:
            conn.execute(f"select * from [{table}] limit 1").fetchall()
    except sqlite3.Error as exc:
        return f"not a readable SQLite database ({exc})"
    finally:
        conn.close()
    return None
