"""One outlet per publisher: names from a page's address and site names."""
from quotes.ingest.outlets import canonical_outlet
from quotes.ingest.publishers import clean_site_name, host_of, outlet_for_url, outlet_key, page_outlet


def test_host_of_only_web_addresses():
    assert host_of("https://www.nytimes.com/2024/x.html") == "nytimes.com"
    assert host_of("http://m.example.co.uk/a") == "example.co.uk"
    assert host_of("javascript:alert(1)") is None
    assert host_of("not a url") is None
    assert host_of(None) is None


def test_listed_publisher_wins_and_covers_its_subdomains_and_editions():
    # one wire service, however its regional editions name themselves
    assert page_outlet("https://hosted.ap.org/citizensvoice/article/1", ["Hosted", "@AP_Europe"]) == "Associated Press"
    assert page_outlet("https://apnews.com/article/x", ["AP News"]) == "Associated Press"
    assert outlet_for_url("https://www.cbsnews.com/news/x/") == "CBS News"
    assert outlet_for_url("https://example.org/x") is None


def test_site_names_that_are_not_names():
    assert clean_site_name("https://www.facebook.com/CBSNews") is None
    assert clean_site_name("facebook.com/WSOCTV") is None
    assert clean_site_name("@politifact") is None
    assert clean_site_name("Copyright 2014") is None
    assert clean_site_name("© 2019 Daily Planet") is None
    # the headline is not the site
    title = "Senate passes the bill after a long night of votes"
    assert clean_site_name(title, "example.com", title) is None


def test_taglines_are_cut_to_the_name_of_the_site():
    assert clean_site_name("Channel 9 | City News, Weather, Sports | Region", "wsoctv.com") == "Channel 9"
    assert clean_site_name("LinkNaija | Nigeria's popular news", "linknaija.com") == "LinkNaija"
    # the piece that names the domain wins, wherever it stands
    assert clean_site_name("Breaking news and weather - KXAN Austin", "kxan.com") == "KXAN Austin"
    assert clean_site_name("Remember 80/90 - Memorabilia anni", "remember8090.it") == "Remember 80/90"


def test_page_outlet_falls_back_to_the_domain_never_a_tagline():
    assert page_outlet("https://www.practicalhorsemanmag.com/x", ["Expert how-to for English Riders"]) == \
        "practicalhorsemanmag.com"
    assert page_outlet("https://www.catchitkansas.com/x", []) == "catchitkansas.com"
    assert page_outlet("https://www.expapp.com/blog/x", ["Experience"]) == "Experience"
    assert page_outlet(None, ["https://www.hawaiinewsnow.com"]) is None


def test_the_x_and_x():
    assert outlet_key("The Daily Planet") == outlet_key("daily  planet")
    assert canonical_outlet("Hill") == canonical_outlet("The Hill") == "The Hill"
    assert canonical_outlet("The Associated Press") == "Associated Press"
    assert canonical_outlet("Daily Planet") == "Daily Planet"  # unknown: kept as printed (store.db.slug joins them)
