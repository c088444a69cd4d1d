"""What the public site does about hostile data and hostile visitors (docs/security.md).

- `http_url`: the only URLs the site ever puts in an `href` are http(s) ones. Article URLs
  come from sidecars, JSONL and HTML pages, i.e. from whoever wrote the input files; a
  `javascript:`, `data:` or `vbscript:` URL (any case, any whitespace or control character
  tucked inside it) is shown as text, never linked.
- `ContentSecurityPolicy`: an ASGI middleware that sends a Content-Security-Policy header
  with every response. Scripts may come from the site itself ('self') and nowhere else;
  inline scripts run only when they are one of the inline scripts of the templates the
  site ships (Datasette's, its plugins', ours): each HTML page is given the sha256 hashes
  of those of its inline scripts that match a template script. Inline event handlers
  (`onclick="..."`) and `javascript:` URLs never run; `eval` is not allowed.

A template script with `{{ ... }}` in it (Datasette's `DATASETTE_ALLOW_FACET = {{ ... }}`,
datasette-search-all's list of searchable tables) matches where each `{{ ... }}` stands for
data: a literal without parentheses, semicolons, `=`, backticks or angle brackets, so no
call and no statement can hide in it.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\s<>\"'`]")
_HTTP = re.compile(r"\Ahttps?://[^/?#]", re.I)


def http_url(value) -> str | None:
    """`value` when it is an absolute http(s) URL with a host and nothing a browser would
    strip or reinterpret (spaces, tabs, newlines, control characters) or that would end
    an attribute (quotes, angle brackets); else None."""
    if not isinstance(value, str) or len(value) > 8192:
        return None
    if _CONTROL_OR_SPACE.search(value) or not _HTTP.match(value):
        return None
    return value


# -- Content-Security-Policy ------------------------------------------------------------

BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",  # Datasette's pages colour headers with style=""
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_NOT_CODE = re.compile(r"\btype\s*=\s*[\"']?application/(?:ld\+)?json", re.I)
_TEMPLATE_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
DATA = r"[^()<>;=`]*?"  # what a {{ ... }} inside an allowed inline script may stand for
_HASH_CACHE_SIZE = 256


def policy(script_hashes=()) -> str:
    parts = dict(BASE_POLICY)
    if script_hashes:
        parts["script-src"] += " " + " ".join(f"'sha256-{h}'" for h in sorted(set(script_hashes)))
    return "; ".join(f"{k} {v}" for k, v in parts.items())


def _template_pattern(body: str) -> re.Pattern:
    """A template script as a pattern: its code literally (white space loose, as Jinja's
    whitespace control may change it), each template tag as `DATA`."""
    out = []
    for k, piece in enumerate(_TEMPLATE_TAG.split(body)):
        if k % 2:
            out.append(DATA)
        else:
            out.append(r"\s+".join(re.escape(word) for word in piece.split()) if piece.strip() else "")
            if piece[:1].isspace():
                out[-1] = r"\s*" + out[-1]
            if piece[-1:].isspace() and piece.strip():
                out[-1] += r"\s*"
    return re.compile(r"\s*" + "".join(out) + r"\s*", re.S)


def template_scripts(directories) -> list[re.Pattern]:
    """Patterns for every inline script of the templates in `directories`."""
    patterns = []
    for directory in directories:
        for path in sorted(Path(directory).rglob("*.html")):
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for attrs, body in _SCRIPT.findall(source):
                if _SRC.search(attrs) or _NOT_CODE.search(attrs) or not body.strip():
                    continue
                patterns.append(_template_pattern(body))
    return patterns


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class ScriptAllowList:
    """Hashes of the inline scripts of a page that are the site's own (see module doc)."""

    def __init__(self, patterns: list[re.Pattern]):
        self.patterns = patterns
        self.known: dict[str, str | None] = {}

    def hash_of(self, body: str) -> str | None:
        if body in self.known:
            return self.known[body]
        ok = any(p.fullmatch(body) for p in self.patterns)
        if len(self.known) >= _HASH_CACHE_SIZE:
            self.known.clear()
        self.known[body] = result = _sha256(body) if ok else None
        return result

    def hashes(self, page: str) -> list[str]:
        found = []
        for attrs, body in _SCRIPT.findall(page):
            if _SRC.search(attrs) or _NOT_CODE.search(attrs) or not body:
                continue
            digest = self.hash_of(body)
            if digest:
                found.append(digest)
        return found


MAX_BUFFERED_HTML = 32 * 1024 * 1024  # pages above this are sent with the strict policy


class ContentSecurityPolicy:
    """ASGI middleware: every HTTP response gets the policy; HTML responses are held until
    complete so their own inline scripts can be hashed into it."""

    def __init__(self, app, template_dirs):
        self.app = app
        self.template_dirs = template_dirs
        self._allow = None

    @property
    def allow(self) -> ScriptAllowList:
        if self._allow is None:  # the template directories are known once Datasette runs
            self._allow = ScriptAllowList(template_scripts(self.template_dirs()))
        return self._allow

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)
        state = {"start": None, "chunks": [], "size": 0, "html": False}

        async def sending(message):
            kind = message["type"]
            if kind == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                state["html"] = ctype.lower().startswith(b"text/html")
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                message = dict(message, headers=headers)
                if not state["html"]:
                    message["headers"] = headers + [(b"content-security-policy", policy().encode())]
                    return await send(message)
                state["start"] = message
                return None
            if kind == "http.response.body" and state["start"] is not None:
                state["chunks"].append(message.get("body", b""))
                state["size"] += len(state["chunks"][-1])
                if message.get("more_body") and state["size"] <= MAX_BUFFERED_HTML:
                    return None
                body = b"".join(state["chunks"])
                hashes = self.allow.hashes(body.decode("utf-8", "replace")) if state["size"] <= MAX_BUFFERED_HTML else []
                start = state["start"]
                headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                if not message.get("more_body"):
                    headers.append((b"content-length", str(len(body)).encode()))
                headers.append((b"content-security-policy", policy(hashes).encode()))
                state["start"] = None
                await send(dict(start, headers=headers))
                return await send({"type": "http.response.body", "body": body,
                                   "more_body": message.get("more_body", False)})
            return await send(message)

        return await self.app(scope, receive, sending)
