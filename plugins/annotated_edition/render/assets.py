"""The stylesheets and scripts the site ships, and which pages link which.

Every page links the edition's one stylesheet (render-blocking: one request, not several) and
``reader.js`` (deferred). Anything else is linked only from the pages that use it, so the
others neither download nor run it: on a phone, each kilobyte before the first paint counts
(docs/benchmarks.md, Lighthouse). The files are shipped compacted (:mod:`.stylesheet`,
:mod:`.script_files`); the adapter links them (theme/main.html reads what
:func:`page_stylesheets` and :func:`page_scripts` say).
"""

from __future__ import annotations

from ..package_files import ASSETS_DIR
from .commitments_page import IMPLEMENTATION_PAGE
from .print_edition import PRINT_PAGE
from .script_files import read_script
from .stylesheet import compact_css, join_stylesheet
from .timeline_page import TIMELINE_PAGE

__all__ = ["STYLESHEET", "STYLESHEET_PARTS", "READER_SCRIPT", "SCRIPTS", "PAGE_SCRIPTS", "CONTENT_SCRIPTS",
           "PAGE_STYLESHEETS", "page_scripts", "page_stylesheets", "asset_files"]

# The site's one stylesheet, made of these parts of assets/ in this order: each stylesheet is
# render-blocking, and on a phone every extra request delays the first paint (docs/benchmarks.md,
# Lighthouse).
STYLESHEET = "assets/annotated-edition/edition.css"
STYLESHEET_PARTS: tuple[str, ...] = ("edition.css", "print.css", "knowledge.css", "commitments.css", "propose.css")
# The reading view switch and popover focus; theme/main.html links it, deferred.
READER_SCRIPT = ("assets/annotated-edition/reader.js", "reader.js")
# Scripts the plugin ships (progressive enhancement: every page is complete without them).
SCRIPTS: tuple[tuple[str, str], ...] = (
    ("assets/annotated-edition/commitments.js", "commitments.js"),
    ("assets/annotated-edition/copy.js", "copy.js"),
)
# The pages that use each of them: a script is linked (deferred) from these pages only, so the
# other pages neither fetch nor run it (docs/benchmarks.md, Lighthouse).
PAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    IMPLEMENTATION_PAGE: ("assets/annotated-edition/commitments.js",),
}
# Scripts linked from every page whose HTML holds a marker: the copy buttons' script where
# there is a copy button (the citation blocks).
CONTENT_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("data-ae-copy", "assets/annotated-edition/copy.js"),
)


# Stylesheets for the few pages that need rules no other page does (the implementation table
# and chart, the timeline's picture), linked after the edition's one stylesheet from those
# pages only: every page is spared their bytes before its first paint.
PAGE_STYLESHEETS: dict[str, tuple[str, ...]] = {
    IMPLEMENTATION_PAGE: ("assets/annotated-edition/implementation.css",),
    PRINT_PAGE: ("assets/annotated-edition/implementation.css",),
    TIMELINE_PAGE: ("assets/annotated-edition/timeline.css",),
}
_PAGE_STYLESHEET_SOURCES = {"assets/annotated-edition/implementation.css": "implementation.css",
                            "assets/annotated-edition/timeline.css": "timeline.css"}


def page_stylesheets(src_uri: str) -> tuple[str, ...]:
    """The stylesheets one page links besides the edition's (usually none)."""
    return PAGE_STYLESHEETS.get(src_uri, ())


def page_scripts(src_uri: str, html: str) -> tuple[str, ...]:
    """The plugin's scripts one page uses, given its source path and its rendered content."""
    return PAGE_SCRIPTS.get(src_uri, ()) + tuple(script for marker, script in CONTENT_SCRIPTS if marker in html)


def asset_files() -> list[tuple[str, bytes]]:
    """Every stylesheet and script above, as (site path, the bytes shipped)."""
    files = [(STYLESHEET, join_stylesheet((ASSETS_DIR / part).read_text(encoding="utf-8")
                                          for part in STYLESHEET_PARTS).encode("utf-8"))]
    files += [(path, compact_css((ASSETS_DIR / name).read_text(encoding="utf-8")).encode("utf-8"))
              for path, name in _PAGE_STYLESHEET_SOURCES.items()]
    files += [(path, read_script(ASSETS_DIR / name)) for path, name in (*SCRIPTS, READER_SCRIPT)]
    return files
