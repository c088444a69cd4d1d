"""Every direct quote in seeds/, read by hand: (article prefix, first words, speaker).

The speaker is the fullest name the article itself gives.
"""

SEED_QUOTES = [
    ("000", "very, very serious", "Lloyd Austin"),
    ("000", "Our analysts, they continue", "Lloyd Austin"),
    ("000", "What exactly they’re doing, well", "Lloyd Austin"),
    ("000", "dangerous and highly concerning", "Pat Ryder"),
    ("000", "If their intention is to participate", "Lloyd Austin"),
    ("000", "It will also impact things", "Lloyd Austin"),
    ("000", "went tin-cupping early on", "Lloyd Austin"),
    ("000", "now he’s making a move", "Lloyd Austin"),
    ("000", "for the money", "Volodymyr Zelenskiy"),
    ("000", "There is a language barrier", "Andriy Kovalenko"),
    ("001", "a very, very serious issue", "Lloyd Austin"),
    ("001", "We assess that between early", "John Kirby"),
    ("001", "These soldiers then traveled onward", "John Kirby"),  # runs into the next paragraph
    ("001", "We have briefed the Ukrainian government", "John Kirby"),
    ("001", "if North Korean soldiers do enter into combat", "John Kirby"),  # runs into the next paragraph
    ("001", "It would also demonstrate an unprecedented", "John Kirby"),
    ("001", "What exactly are they doing? Left to be seen", "Lloyd Austin"),
    ("001", "significant escalation", "Mark Rutte"),
    ("002", "very serious issue", "Lloyd Austin"),
    ("002", "We are seeing evidence that there are North Korean troops [in Russia]", "Lloyd Austin"),
    ("002", "What exactly they are doing is left to be seen", "Lloyd Austin"),
    ("002", "If they’re co-belligerents", "Lloyd Austin"),
    ("002", "Probably some of the Eastern European countries", "Paul Davis"),
    ("002", "There’s a separate discussion", "Michael DiMino"),
    ("002", "But right now, they’re not", "Michael DiMino"),
    ("002", "[It’s] important not to overreact", "Michael DiMino"),
    ("002", "If they’re only in there to defend Mother Russia", "Paul Davis"),
    ("002", "It’s when they cross the border", "Paul Davis"),
    ("002", "because we just don’t know enough", "John Kirby"),
    ("002", "If Russia is indeed forced to turn to North Korea", "John Kirby"),
    ("002", "strong new sanctions", "Janet Yellen"),
    ("002", "supplying Russia with critical inputs", "Janet Yellen"),
    ("003", "Very, very serious issue", "Lloyd Austin"),  # the headline
    ("003", "very, very serious issue", "Lloyd Austin"),
    ("004", "fair game", "John Kirby"),  # the lede credits the US with words Kirby is quoted saying
    ("004", "next step", "Lloyd Austin"),
    ("004", "These soldiers then traveled to multiple", "John Kirby"),
    ("004", "We don’t yet know if these soldiers", "John Kirby"),
    ("004", "remains to be seen", "Lloyd Austin"),
    ("004", "If they are belligerents", "Lloyd Austin"),
    ("004", "I can tell you one thing", "John Kirby"),
    ("004", "significant escalation", "Mark Rutte"),
]
