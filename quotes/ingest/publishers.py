"""One outlet per publisher: the outlet of a web page from its address and its site name.

A page says who published it in several places, each unreliable on its own: `og:site_name`
(often a tagline, "Channel 9 | City News, Weather, Sports | Region", sometimes a social-media
address), the JSON-LD publisher, the address itself. `page_outlet` takes, in order:

1. the publisher of the page's domain in `PUBLISHERS` (major news publishers; a regional
   edition or a subdomain counts as its publisher: hosted.ap.org and apnews.com are both the
   Associated Press);
2. the first site name that, once cleaned, reads like the name of this domain's site (its
   words appear in the domain, or the domain in them);
3. else the first cleaned site name that is short enough to be a name (at most three words:
   longer ones that share nothing with the domain are taglines);
4. else the domain itself ("catchitkansas.com"), which names the site without being a URL.

A site name is never a URL, a social-media address or handle, a copyright line or the page's
headline. `outlet_key` makes "The X" and "X" one outlet.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Domain (without "www.") -> the publisher's name. Subdomains inherit their domain's entry.
PUBLISHERS = {
    # wires and agencies
    "ap.org": "Associated Press", "apnews.com": "Associated Press",
    "reuters.com": "Reuters", "afp.com": "AFP", "upi.com": "UPI",
    "bloomberg.com": "Bloomberg", "bnnbloomberg.ca": "BNN Bloomberg",
    # US national newspapers and magazines
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal", "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times", "nypost.com": "New York Post",
    "nydailynews.com": "New York Daily News", "chicagotribune.com": "Chicago Tribune",
    "bostonglobe.com": "The Boston Globe", "sfchronicle.com": "San Francisco Chronicle",
    "sfgate.com": "SFGate", "chron.com": "Houston Chronicle", "houstonchronicle.com": "Houston Chronicle",
    "dallasnews.com": "The Dallas Morning News", "miamiherald.com": "Miami Herald",
    "detroitnews.com": "The Detroit News", "freep.com": "Detroit Free Press",
    "nj.com": "NJ.com", "cleveland.com": "Cleveland.com", "oregonlive.com": "The Oregonian",
    "seattletimes.com": "The Seattle Times", "startribune.com": "Star Tribune",
    "ajc.com": "The Atlanta Journal-Constitution", "denverpost.com": "The Denver Post",
    "philly.com": "The Philadelphia Inquirer", "inquirer.com": "The Philadelphia Inquirer",
    "politico.com": "Politico", "thehill.com": "The Hill", "axios.com": "Axios",
    "newsweek.com": "Newsweek", "time.com": "Time", "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker", "nationalreview.com": "National Review",
    "washingtonexaminer.com": "Washington Examiner", "washingtontimes.com": "The Washington Times",
    "theepochtimes.com": "The Epoch Times", "breitbart.com": "Breitbart",
    "dailycaller.com": "The Daily Caller", "huffpost.com": "HuffPost", "huffingtonpost.com": "HuffPost",
    "vox.com": "Vox", "slate.com": "Slate", "salon.com": "Salon", "motherjones.com": "Mother Jones",
    "propublica.org": "ProPublica", "theintercept.com": "The Intercept", "politifact.com": "PolitiFact",
    "factcheck.org": "FactCheck.org", "snopes.com": "Snopes", "barrons.com": "Barron's",
    "forbes.com": "Forbes", "fortune.com": "Fortune", "businessinsider.com": "Business Insider",
    "insider.com": "Business Insider", "marketwatch.com": "MarketWatch", "ft.com": "Financial Times",
    "economist.com": "The Economist", "cnbc.com": "CNBC", "foxbusiness.com": "Fox Business",
    # US broadcasters
    "cnn.com": "CNN", "foxnews.com": "Fox News", "nbcnews.com": "NBC News", "msnbc.com": "MSNBC",
    "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News", "abcnews.com": "ABC News",
    "npr.org": "NPR", "pbs.org": "PBS", "cbssports.com": "CBS Sports", "nbcsports.com": "NBC Sports",
    "espn.com": "ESPN", "voanews.com": "Voice of America", "c-span.org": "C-SPAN",
    # UK and Ireland
    "bbc.co.uk": "BBC", "bbc.com": "BBC", "theguardian.com": "The Guardian", "guardian.co.uk": "The Guardian",
    "telegraph.co.uk": "The Telegraph", "thetimes.co.uk": "The Times", "independent.co.uk": "The Independent",
    "dailymail.co.uk": "Daily Mail", "express.co.uk": "Daily Express", "mirror.co.uk": "Daily Mirror",
    "thesun.co.uk": "The Sun", "news.sky.com": "Sky News", "sky.com": "Sky", "cityam.com": "City A.M.",
    "standard.co.uk": "Evening Standard", "irishtimes.com": "The Irish Times", "rte.ie": "RTÉ",
    # international
    "aljazeera.com": "Al Jazeera", "aljazeera.net": "Al Jazeera", "dw.com": "Deutsche Welle",
    "france24.com": "France 24", "euronews.com": "Euronews", "rt.com": "RT", "sputniknews.com": "Sputnik",
    "tass.com": "TASS", "scmp.com": "South China Morning Post", "japantimes.co.jp": "The Japan Times",
    "koreaherald.com": "The Korea Herald", "yna.co.kr": "Yonhap", "timesofindia.indiatimes.com": "The Times of India",
    "hindustantimes.com": "Hindustan Times", "thehindu.com": "The Hindu", "deccanherald.com": "Deccan Herald",
    "jpost.com": "The Jerusalem Post", "haaretz.com": "Haaretz", "timesofisrael.com": "The Times of Israel",
    "abc.net.au": "ABC News (Australia)", "smh.com.au": "The Sydney Morning Herald",
    "theaustralian.com.au": "The Australian", "cbc.ca": "CBC", "ctvnews.ca": "CTV News",
    "theglobeandmail.com": "The Globe and Mail", "nationalpost.com": "National Post",
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post", "rferl.org": "Radio Free Europe/Radio Liberty",
    # technology and science press
    "theverge.com": "The Verge", "wired.com": "Wired", "techcrunch.com": "TechCrunch", "arstechnica.com": "Ars Technica",
    "zdnet.com": "ZDNet", "engadget.com": "Engadget", "gizmodo.com": "Gizmodo", "space.com": "Space.com",
    "livescience.com": "Live Science", "phys.org": "Phys.org", "sciencealert.com": "ScienceAlert",
    "scientificamerican.com": "Scientific American", "nature.com": "Nature", "smithsonianmag.com": "Smithsonian Magazine",
}

# Social networks and sharing sites: a page's "site name" pointing there is an address, not a name.
SOCIAL_DOMAINS = ("facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "linkedin.com",
                  "tiktok.com", "pinterest.com", "t.me", "threads.net")

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|::|:|/{2})\s+")
_URLISH = re.compile(r"(?:^[a-z][a-z0-9+.-]*://|^www\.|\.[a-z]{2,6}/)", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LEADING_THE = re.compile(r"^the\s+", re.I)


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case, without "www." / "m." / "amp."; else None."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return re.sub(r"^(?:www\d*|m|amp|mobile)\.", "", host) or None


def publisher_for_host(host: str | None) -> str | None:
    """The `PUBLISHERS` entry of a host or of its nearest listed parent domain."""
    if not host:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = PUBLISHERS.get(".".join(labels[i:]))
        if name:
            return name
    return None


def outlet_for_url(url: str | None) -> str | None:
    """The publisher of a URL when it is a listed one."""
    return publisher_for_host(host_of(url))


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _site_core(host: str) -> str:
    """The distinctive part of a host: "blog.givewell.org" -> "givewell", "bbc.co.uk" -> "bbc"."""
    labels = [x for x in host.split(".") if x]
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "news", "online")):
        labels.pop()
    return re.sub(r"[^a-z0-9]", "", labels[-1] if labels else host)


def names_this_site(name: str, host: str | None) -> bool:
    """True when the name reads like the name of the site at `host`: one of its words (of
    three or more letters) is in the domain, or the domain's core is in the name."""
    if not host:
        return False
    core = _site_core(host)
    whole = re.sub(r"[^a-z0-9]", "", _fold(host))
    letters = re.sub(r"[^a-z0-9]", "", _fold(name))
    if core and len(core) >= 3 and core in letters:
        return True
    tokens = [t for t in _TOKEN.findall(_fold(name)) if len(t) >= 3 and t != "the"]
    return any(t in whole for t in tokens)


def clean_site_name(name: str | None, host: str | None = None, title: str | None = None) -> str | None:
    """A site name as a page gives it, reduced to the name, or None when it is not one.

    Taglines after a separator are cut ("LinkNaija | Nigeria's popular news" -> "LinkNaija"; the
    piece that names the domain wins), a leading "@" of a handle makes it no name, and so
    do URLs, social-media addresses, copyright lines and the page's headline."""
    if not name or not isinstance(name, str):
        return None
    name = " ".join(name.split()).strip(" .,;|-–—·_")
    if not name or name.startswith("@") or _COPYRIGHT.match(name):
        return None
    if _URLISH.search(name) or any(s in name.lower() for s in SOCIAL_DOMAINS):
        return None
    pieces = [p.strip(" .,;|-–—·") for p in _SEPARATORS.split(name) if p.strip(" .,;|-–—·")]
    if not pieces:
        return None
    if len(pieces) > 1:
        matching = [p for p in pieces if names_this_site(p, host)]
        name = matching[0] if matching else pieces[0]
    if title:
        t = " ".join(title.split()).lower()
        if name.lower() == t or (len(name.split()) > 4 and (t.startswith(name.lower()) or name.lower().startswith(t))):
            return None  # the headline, not the site
    if len(name.split()) > 8 or len(name) > 80:
        return None
    return name


def page_outlet(url: str | None, site_names: list[str | None], title: str | None = None) -> str | None:
    """The outlet of a web page from its URL and the site names it carries (best first)."""
    host = host_of(url)
    listed = publisher_for_host(host)
    if listed:
        return listed
    cleaned = [c for c in (clean_site_name(n, host, title) for n in site_names) if c]
    for name in cleaned:
        if names_this_site(name, host):
            return name
    for name in cleaned:
        if len(name.split()) <= 3 and (not host or not names_this_site(name, host)):
            return name
    return host


def outlet_key(name: str) -> str:
    """What makes two outlet names one outlet: case, spacing and a leading "The" aside."""
    return _LEADING_THE.sub("", " ".join(name.split())).lower()
