"""Vocabulary and name rules shared by every stage, each defined once.

`quotes.lexicon.words`: the word lists (pronouns, honorifics, roles, organisations, places,
first names, speech verbs and nouns, work/label/scare words, function words).
`quotes.lexicon.names`: the rules over names (`clean_name`, THE `split_title` and the
`name_and_role` built on it, surnames, THE `same_person` rule, gender evidence).
"""
