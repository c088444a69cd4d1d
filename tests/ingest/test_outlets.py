from quotes.ingest.outlets import canonical_outlet, detect_byline, detect_metadata, detect_outlet, detect_published, detect_title


def read(seeds, name):
    return next(seeds.glob(name + "*.txt")).read_text(encoding="utf-8")


def test_bloomberg_dateline_and_date():
    text = " date 2024-10-23 (Bloomberg) -- US Defense Secretary Lloyd Austin said there’s evidence."
    assert detect_outlet(text) == "Bloomberg"
    assert detect_published(text) == "2024-10-23"


def test_copyright_line():
    assert detect_outlet("Some story.\n\n©2024 Bloomberg L.P.") == "Bloomberg"


def test_associated_press_byline():
    text = "By Hyung Jin-Kim and Lolita C. Baldor, Associated Press\nPosted on Wednesday, October 23, 2024 | 7:34 in the morning\nWASHINGTON — The United States said"
    assert detect_outlet(text) == "Associated Press"
    assert detect_byline(text) == "Hyung Jin-Kim and Lolita C. Baldor"
    assert detect_published(text) == "2024-10-23"


def test_told_the_epoch_times():
    text = "“It definitely steps over a red line,” Davis told The Epoch Times."
    assert detect_outlet(text) == "The Epoch Times"


def test_author_blurb_gives_byline_and_outlet():
    text = "Story text.\nRyan Morgan\nAuthor\nRyan Morgan is a reporter for The Epoch Times focusing on military affairs."
    assert detect_byline(text) == "Ryan Morgan"
    assert detect_outlet(text) == "The Epoch Times"


def test_post_wires_is_new_york_post():
    assert detect_outlet("Seoul fears the worst.\nWith Post wires") == "New York Post"


def test_title_is_a_headline_like_first_line():
    assert detect_title("US Has Evidence North Korean Troops Are in Russia, Austin Says\n\nThe U.S. defense secretary said.") == "US Has Evidence North Korean Troops Are in Russia, Austin Says"
    assert detect_title("North Korea has sent troops to Russia, the Pentagon confirmed Wednesday.\nMore.") is None


def test_canonical_outlet_spellings():
    assert canonical_outlet("The Associated Press") == "Associated Press"
    assert canonical_outlet("  Some  Local Paper ") == "Some Local Paper"
    assert canonical_outlet("") is None


def test_seed_outlets():
    from conftest import SEEDS

    found = {p.name[:3]: detect_metadata(p.read_text(encoding="utf-8"))["outlet"] for p in sorted(SEEDS.glob("*.txt"))}
    assert found == {
        "000": "Bloomberg",
        "001": None,  # Fox News never says so: the sidecar file supplies it
        "002": "The Epoch Times",
        "003": "New York Post",
        "004": "Associated Press",
    }
