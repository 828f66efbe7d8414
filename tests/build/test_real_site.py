"""A strict build of the real project, asserted on its parsed HTML."""

from __future__ import annotations


from conftest import ROOT, Build

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition

EDITION = load_edition(edition_config_for(ROOT))
SINGAPORE = EDITION.documents["singapore-2018"]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def test_statement_page_has_a_block_per_clause(built_site: Build) -> None:
    page = built_site.html("singapore-2018/index.html")
    blocks = page.select(".ae-document > section.ae-clause")
    assert [b["id"] for b in blocks] == [c.id for c in SINGAPORE.clauses]
    point_3 = page.select_one("section#point-3")
    assert point_3.select_one(".ae-clause__label").get_text(" ", strip=True) == "3 Point 3"
    assert point_3.select_one("a.ae-permalink")["href"] == "#point-3"
    assert point_3.select_one("a.ae-clause__page")["href"] == "point-3.html"
    assert int(point_3["data-notes"]) == len(EDITION.notes_for(SINGAPORE.clause("point-3").ref))
    assert page.select_one("#editorial-note-points") is not None
    numbered = [b["id"] for b in blocks if "ae-clause--point" in b["class"]]
    assert numbered == ["point-1", "point-2", "point-3", "point-4"]


def test_fidelity_not_one_character_lost_added_or_moved(built_site: Build) -> None:
    page = built_site.html("singapore-2018/index.html")
    texts = []
    for clause in SINGAPORE.clauses:
        block = page.select_one(f"section#{clause.id} .ae-clause__text")
        rendered = block.get_text()
        # Paragraphs are separate <p> elements: compare with whitespace normalized, and the
        # exact characters with all whitespace removed.
        assert _normalized(rendered) == _normalized(clause.text)
        assert "".join(rendered.split()) == "".join(clause.text.split())
        texts.append(rendered)
    assert _normalized(" ".join(texts)) == _normalized(SINGAPORE.text)
    assert SINGAPORE.text == (ROOT / "source_texts" / "singapore-2018.en.txt").read_text(encoding="utf-8")


def test_point_3_links_to_panmunjom_and_back(built_site: Build) -> None:
    statement = built_site.html("singapore-2018/index.html")
    in_text = statement.select_one("section#point-3 .ae-clause__text a.ae-text-link")
    assert in_text.get_text() == "April 27, 2018 Panmunjom Declaration"
    assert in_text["href"] == "../panmunjom-2018/index.html"
    aside = [a["href"] for a in statement.select("section#point-3 .ae-clause__links a")]
    assert "../panmunjom-2018/article-3.4.html" in aside and "../panmunjom-2018/index.html" in aside

    article = built_site.html("panmunjom-2018/article-3.4.html")
    backlinks = {a["href"] for a in article.select(".ae-xrefs--in a")}
    assert {"../singapore-2018/point-3.html", "../singapore-2018/intro-2.html"} <= backlinks
    outline = built_site.html("panmunjom-2018/index.html")
    assert [s["id"] for s in outline.select("section.ae-clause")] == [c.id for c in EDITION.documents["panmunjom-2018"].clauses]
    assert "../singapore-2018/point-3.html" in {a["href"] for a in outline.select(".ae-doc-links .ae-xrefs--in a")}
    assert "../singapore-2018/point-2.html" in {a["href"] for a in outline.select("section#article-3\\.3 .ae-xrefs--in a")}


def test_clause_page_renders_every_note_in_full(built_site: Build) -> None:
    for note in EDITION.notes:
        page = built_site.html(f"{note.target.document}/{note.target.clause}.html")
        heading = page.find(id=note.anchor)
        assert heading is not None and heading.get_text(strip=True).startswith(note.title[:20])
        article = page.select_one(f'article.ae-note[data-note="{note.slug}"]')
        meta = article.select_one(".ae-note__meta").get_text(" ", strip=True)
        assert note.authors[0].name in meta and note.date in meta
        assert [li.cite.get_text(" ", strip=True) for li in article.select(".ae-sources li")] == [
            " ".join(s.title.split()) for s in note.sources]
        assert article.select_one(".ae-note__body p") is not None


def test_phrase_note_is_marked_in_the_text_with_a_popover(built_site: Build) -> None:
    phrase_notes = [n for n in EDITION.notes if n.quote]
    assert phrase_notes
    statement = built_site.html("singapore-2018/index.html")
    for note in phrase_notes:
        block = statement.select_one(f"section#{note.target.clause}")
        mark = block.select_one(f'mark.ae-phrase[data-note="{note.slug}"]')
        assert mark is not None
        popover_id = f"pop-{note.target.clause}-{note.slug}"
        marker = block.select_one(f'button.ae-marker[popovertarget="{popover_id}"]')
        assert marker is not None and note.title in marker["aria-label"]
        popover = statement.find(id=popover_id)
        assert popover is not None and popover.has_attr("popover")
        read_more = popover.find("a", string="Read the full note")
        assert read_more["href"] == f"{note.target.clause}.html#{note.anchor}"


def test_clause_pages_exist_with_prev_next_and_stay_out_of_the_nav(built_site: Build) -> None:
    for index, clause in enumerate(SINGAPORE.clauses):
        page = built_site.html(f"singapore-2018/{clause.id}.html")
        nav = page.select_one(".ae-clause-nav")
        prev_link, next_link = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
        assert (prev_link is None) == (index == 0)
        assert (next_link is None) == (index == len(SINGAPORE.clauses) - 1)
        if next_link is not None:
            assert next_link["href"] == f"{SINGAPORE.clauses[index + 1].id}.html"
        assert page.select_one(".ae-clause-page__permalink a")["href"] == f"index.html#{clause.id}"
    home = built_site.html("index.html")
    nav_links = {a.get("href") for a in home.select("nav.md-nav a")}
    assert "singapore-2018/index.html" in nav_links
    assert not any(h and h.startswith("singapore-2018/point") for h in nav_links)


def test_notes_are_data_not_pages(built_site: Build) -> None:
    assert not (built_site.site / "commentary").exists()
    assert (built_site.site / "index.html").exists()
    newest = built_site.html("index.html").select(".ae-newest li a")
    assert len(newest) == min(5, len(EDITION.notes))


