"""Each page links only the scripts it uses (issue 12: light pages): the implementation page's
filter, the copy buttons' script where there is a copy button, proposing only on pages that show
a text (and loaded when words are selected); the theme's templates leave no indentation."""

from __future__ import annotations

import re

from conftest import Build

from annotated_edition.render.assets import page_scripts

PAGES = ("index.html", "singapore-2018/index.html", "singapore-2018/point-3.html", "implementation.html",
         "glossary.html", "timeline.html")


def _scripts(build: Build, page: str) -> list[str]:
    return [s["src"].rsplit("/", 1)[-1] for s in build.html(page).find_all("script", src=True)
            if "annotated-edition" in s["src"]]


def test_scripts_are_linked_only_where_they_are_used(built_site: Build) -> None:
    for page in PAGES:
        scripts = _scripts(built_site, page)
        assert scripts[0] == "reader.js", page
        assert ("commitments.js" in scripts) == (page == "implementation.html"), page
        has_copy_button = built_site.html(page).select_one("[data-ae-copy]") is not None
        assert ("copy.js" in scripts) == has_copy_button, page
        assert "propose.js" not in scripts, page
    assert built_site.html("singapore-2018/point-3.html").select_one("[data-ae-copy]") is not None
    for page in PAGES:
        for script in built_site.html(page).find_all("script", src=True):
            if script["src"].rsplit("/", 1)[-1] in ("commitments.js", "copy.js", "reader.js"):
                assert script.has_attr("defer"), (page, script["src"])


def test_page_stylesheets_only_where_their_rules_are_used(built_site: Build) -> None:
    for page in PAGES + ("print.html",):
        sheets = [l["href"].rsplit("/", 1)[-1] for l in built_site.html(page).find_all("link", rel="stylesheet")
                  if "annotated-edition" in l["href"]]
        assert sheets[0] == "edition.css", page
        expected = {"implementation.html": ["implementation.css"], "print.html": ["implementation.css"],
                    "timeline.html": ["timeline.css"]}.get(page, [])
        assert sheets[1:] == expected, page
    # The rules that moved are used on those pages and on no page without the sheet.
    assert built_site.html("implementation.html").select_one("table.ae-commitments-table")
    assert built_site.html("timeline.html").select_one("svg.ae-timeline-svg")
    for page in ("index.html", "singapore-2018/index.html", "singapore-2018/point-3.html", "glossary.html"):
        html = built_site.html(page)
        assert not html.select(".ae-commitments-table, .ae-chart, .ae-filter, .ae-timeline-svg, .ae-level"), page


def test_page_scripts_follow_the_page_and_its_content() -> None:
    assert page_scripts("implementation.md", "<p>table</p>") == ("assets/annotated-edition/commitments.js",)
    assert page_scripts("singapore-2018/point-3.md", '<button data-ae-copy="c">') == \
        ("assets/annotated-edition/copy.js",)
    assert page_scripts("index.md", "<p>home</p>") == ()


def test_pages_carry_no_template_indentation(built_site: Build) -> None:
    for page in PAGES:
        html = (built_site.site / page).read_text(encoding="utf-8")
        # The theme's markup: what is left without the page's own content and kept-space elements.
        outside_kept = re.sub(r"<(pre|textarea|script|style|article)\b.*?</\1>", "", html, flags=re.S)
        indented = [line for line in outside_kept.splitlines() if line[:1] in (" ", "\t")]
        assert len(indented) < 5, (page, indented[:5])
