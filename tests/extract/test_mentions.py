"""The per-article name registry: which full name a later bare surname means."""
from quotes.extract.mentions import Registry
from quotes.lexicon.names import split_title


def registry(text, names):
    reg = Registry(text)
    for name in names:
        reg.register(name, text.index(name), kind="person")
    return reg


def test_shared_surname_goes_to_the_first_named_person_without_other_evidence():
    text = ("Hillary Rodham Clinton campaigned in Iowa. Bill Clinton stayed in New York.\n\n"
            "Voters liked the speech. Clinton spoke for an hour.")
    reg = registry(text, ["Hillary Rodham Clinton", "Bill Clinton"])
    assert reg.lookup("Clinton", text.rindex("Clinton")).name == "Hillary Rodham Clinton"


def test_honorific_picks_the_person_of_that_gender():
    text = ("Donald Trump visited the plant with Ivanka Trump on Tuesday.\n\n"
            "Workers cheered. Later Ms. Trump met the managers, and Mr. Trump left early.")
    reg = registry(text, ["Donald Trump", "Ivanka Trump"])
    assert reg.lookup("Trump", text.index("Trump met")).name == "Ivanka Trump"
    assert reg.lookup("Trump", text.index("Trump left")).name == "Donald Trump"


def test_headline_names_the_main_person():
    text = ("Michelle Obama rallies voters in Ohio\n\nBarack Obama flew to Ohio on Monday. "
            "His wife, Michelle Obama, joined him.\n\nThe crowd was large. Obama spoke first.")
    reg = Registry(text)
    reg.register("Barack Obama", text.index("Barack Obama"), kind="person")
    reg.register("Michelle Obama", text.index("Michelle Obama,"), kind="person")
    assert reg.lookup("Obama", text.rindex("Obama")).name == "Michelle Obama"


def test_longer_form_of_one_name_is_not_a_second_person():
    text = "Donald Trump spoke. Republican Donald Trump won. Trump said so."
    reg = registry(text, ["Donald Trump", "Republican Donald Trump"])
    assert reg.lookup("Trump", text.rindex("Trump")).name == "Donald Trump"


def test_last_part_of_a_hyphenated_surname_finds_the_full_name():
    text = "Sue Seedorff-Keninger, 62, voted early. Keninger said she was undecided."
    reg = registry(text, ["Sue Seedorff-Keninger"])
    assert reg.lookup("Keninger", text.index("Keninger said")).name == "Sue Seedorff-Keninger"
    # the full form found after the short one becomes the name
    reg2 = Registry(text)
    reg2.register("Keninger", text.index("Keninger said"), kind="person")
    reg2.register("Sue Seedorff-Keninger", 0, kind="person")
    assert [e.name for e in reg2.entities] == ["Sue Seedorff-Keninger"]


def test_hyphenated_title_is_a_title():
    assert split_title("Workers Secretary-Treasurer Gary Casteel".split()) == (
        ["Workers", "Secretary-Treasurer"], ["Gary", "Casteel"])


def test_honorific_of_the_other_gender_is_not_the_only_full_name():
    text = "Michelle Obama spoke first. Later Mr. Obama took the stage."
    reg = registry(text, ["Michelle Obama"])
    assert reg.lookup("Obama", text.index("Obama took")) is None
    ent = reg.register("Obama", text.index("Obama took"), kind="person")
    assert ent.name == "Obama" and ent.gender == "m"


def test_a_pronoun_is_never_registered_as_a_name():
    # '.“He told reporters“' tokenizes '.“He' as one proper noun; cleaned, it is a pronoun
    reg = Registry(".“He told reporters“")
    assert reg.register(".“He", 0) is None and reg.entities == []
    assert reg.register("He", 0) is None


def test_a_gendered_word_before_a_name_beats_a_first_name_guess():
    # "Terry" is guessed male from the name lists; "widow" says otherwise, so "she" can find her
    text = "The press secretary Josh Earnest spoke first. Later, said widow Terry Strada, the vote came."
    reg = registry(text, ["Josh Earnest", "Terry Strada"])
    strada = reg.lookup("Terry Strada")
    assert strada.gender == "f"
    reg.note_subject(strada, text.index("Terry"))
    reg.note_subject(reg.lookup("Josh Earnest"), text.index("Josh"))
    assert reg.salient_person(len(text), gender="f") is strada
    # no such word: the first-name guess stands
    assert registry("Terry Jones spoke.", ["Terry Jones"]).lookup("Terry Jones").gender == "m"


GENDER_LATER = ("Donald Trump spoke to supporters in Ohio on Monday and attacked the press again. The woman Donald "
                "Trump called a liar last week, Jane Roe, did not attend.\n\n“We are going to win so big,” he said.\n")


def test_a_gendered_word_before_a_later_mention_tells_nothing():
    # (a relative clause: "The woman Donald Trump called a liar"; only the first mention's word counts)
    from quotes.extract.pipeline import extract_quotes

    reg = registry(GENDER_LATER, ["Donald Trump"])
    reg.register("Donald Trump", GENDER_LATER.index("Donald", 10), kind="person")
    assert reg.lookup("Donald Trump").gender == "m"
    assert [q.speaker for q in extract_quotes(GENDER_LATER)] == ["Donald Trump"]


def test_role_words_joined_by_and_tell_no_gender():
    # "husband and wife Bill Gates and Melinda Gates": the word right before Bill is "wife"
    text = "Husband and wife Bill Gates and Melinda Gates gave the money on Monday.\n\n“We are very proud,” he said.\n"
    reg = registry(text, ["Bill Gates"])
    assert reg.lookup("Bill Gates").gender == "m"  # the first-name guess stands


def test_an_organisation_whose_name_opens_with_a_title_word_keeps_its_whole_name():
    from quotes.extract.pipeline import extract_quotes

    for text, name in (("“We disagree with the decision,” the Justice Department said on Monday.", "Justice Department"),
                       ("“We are proud of our workers,” General Motors said in a statement.", "General Motors")):
        assert [q.speaker for q in extract_quotes(text + "\n")] == [name]


def test_an_institution_registered_whole_keeps_the_title_words_inside_its_name():
    text = "The Royal Society for the Protection of Birds said so."
    reg = Registry(text)
    name = "Royal Society for the Protection of Birds"
    assert reg.register(name, 4, kind="organisation").name == "Protection of Birds"  # the title rule's cut
    reg = Registry(text)
    ent = reg.register(name, 4, kind="organisation", whole=True)
    assert ent.name == name and ent.kind == "organisation"
