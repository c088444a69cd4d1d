"""What a web page says about itself in its markup: its address, its site names, its title.

Pure functions over an lxml tree. Site names are returned as the page gives them, best
source first (`og:site_name`, the JSON-LD publisher, `application-name`); cleaning them
into one outlet name is `publishers.page_outlet`'s job.
"""
from __future__ import annotations

import json


def _meta(tree, *keys: str) -> list[str]:
    values = []
    for key in keys:
        for value in tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content"):
            value = " ".join(str(value).split())
            if value and value not in values:
                values.append(value)
    return values


def _json_ld_publishers(tree) -> list[str]:
    """Names of the publishers declared in JSON-LD blocks (`publisher.name`, or an
    organisation of a news-media type)."""
    names: list[str] = []

    def visit(node, depth=0):
        if depth > 6:
            return
        if isinstance(node, list):
            for item in node[:50]:
                visit(item, depth + 1)
        elif isinstance(node, dict):
            publisher = node.get("publisher")
            for p in publisher if isinstance(publisher, list) else [publisher]:
                if isinstance(p, dict) and isinstance(p.get("name"), str):
                    names.append(p["name"])
            kind = node.get("@type")
            if isinstance(kind, str) and kind in ("NewsMediaOrganization", "Newspaper") and isinstance(node.get("name"), str):
                names.append(node["name"])
            if "@graph" in node:
                visit(node["@graph"], depth + 1)

    for block in tree.xpath("//script[@type='application/ld+json']/text()")[:20]:
        try:
            visit(json.loads(block))
        except (ValueError, RecursionError):
            continue
    return [" ".join(n.split()) for n in names if n.strip()]


def page_metadata(tree) -> dict:
    """`url` (canonical link, else og:url), `site_names` (best first) and `title`."""
    urls = [u.strip() for u in tree.xpath("//link[@rel='canonical']/@href") if u.strip().startswith(("http://", "https://"))]
    urls += [u for u in _meta(tree, "og:url") if u.startswith(("http://", "https://"))]
    names = []
    for name in [*_meta(tree, "og:site_name"), *_json_ld_publishers(tree), *_meta(tree, "application-name")]:
        if name not in names:
            names.append(name)
    titles = _meta(tree, "og:title") or [" ".join(t.split()) for t in tree.xpath("//title/text()") if t.strip()]
    return {"url": urls[0] if urls else None, "site_names": names, "title": titles[0] if titles else None}
