"""The built site needs no network, and its print edition and offline bundle are complete."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import ROOT, Build, run_mkdocs_build

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.adapter.offline import SHIM_SCRIPT, is_remote_url
from annotated_edition.render.stylesheet import compact_css

EDITION = load_edition(edition_config_for(ROOT))

# Every attribute through which a page makes the browser fetch something by itself.
_FETCHING = [("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
             ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
             ("object", "data"), ("input", "src")]
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def _pages(build: Build) -> list[Path]:
    return sorted(build.site.rglob("*.html"))


def test_no_page_or_stylesheet_fetches_anything_from_the_network(built_site: Build) -> None:
    remote = []
    for path in _pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in _FETCHING:
            for element in soup.find_all(tag, attrs={attribute: True}):
                if is_remote_url(element[attribute].split()[0]):
                    remote.append(f"{path.name}: <{tag} {attribute}={element[attribute]}>")
        for link in soup.find_all("link", href=True):
            relations = set(link.get("rel", []))
            if relations & {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "manifest", "prefetch"} \
                    and is_remote_url(link["href"]):
                remote.append(f"{path.name}: <link rel={' '.join(relations)} href={link['href']}>")
        for style in soup.find_all("style"):
            remote += [f"{path.name}: style url({u})" for u in _CSS_URL.findall(style.get_text()) if is_remote_url(u)]
    for css in built_site.site.rglob("*.css"):
        remote += [f"{css.name}: url({u})" for u in _CSS_URL.findall(css.read_text(encoding="utf-8"))
                   if not u.startswith("data:") and is_remote_url(u)]
    assert remote == []


def test_the_web_worker_shim_ships_inside_the_site_with_its_licence(built_site: Build) -> None:
    for page in ("index.html", "singapore-2018/point-3.html"):
        # Written into the page only when it is read from disk (over HTTP it would only delay
        # the first paint): a <script src> inside a small inline loader.
        html = built_site.html(page)
        assert not [s for s in html.find_all("script", src=True) if "iframe-worker" in s["src"]]
        loaders = [s.string for s in html.find_all("script") if s.string and "iframe-worker" in s.string]
        assert len(loaders) == 1 and 'location.protocol==="file:"' in loaders[0]
        shims = re.findall(r'src="([^"]*iframe-worker[^"]*)"', loaders[0])
        assert len(shims) == 1 and not is_remote_url(shims[0])
        assert (built_site.site / Path(page).parent / shims[0]).resolve() == (built_site.site / SHIM_SCRIPT).resolve()
    shipped = built_site.site / SHIM_SCRIPT
    assert shipped.read_bytes() == (ROOT / "node_modules/iframe-worker/shim/index.js").read_bytes()
    assert (shipped.parent / "LICENSE").read_bytes() == (ROOT / "node_modules/iframe-worker/LICENSE").read_bytes()
    # Offline search reads its index from a script, since file:// pages cannot fetch JSON.
    assert (built_site.site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index =")


def test_theme_fonts_are_off(built_site: Build) -> None:
    home = built_site.html("index.html")
    assert not [l["href"] for l in home.find_all("link", href=True) if "fonts" in l["href"]]


def test_building_without_the_installed_shim_fails_with_the_fix(project: Path) -> None:
    (project / "node_modules").unlink()
    build = run_mkdocs_build(project)
    assert not build.ok
    assert "iframe-worker" in build.output and "make vendor" in build.output


def _print_page(build: Build) -> BeautifulSoup:
    return build.html("print.html")


def test_print_edition_holds_every_clause_in_order_and_every_note_once(built_site: Build) -> None:
    page = _print_page(built_site)
    for document in EDITION.documents.values():
        section = page.select_one(f'section.ae-print-document[data-document="{document.id}"]')
        assert [s["data-clause"] for s in section.select("section.ae-print-clause")] == [c.id for c in document.clauses]
        assert [h.get_text(strip=True) for h in section.select(".ae-print-clause__label")] == [
            c.label for c in document.clauses]
    singapore = page.select_one('section[data-document="singapore-2018"]')
    first_text = singapore.select_one(".ae-print-clause__text")
    for marker in first_text.select("sup.ae-endnote-ref"):  # endnote numbers are not the text
        marker.decompose()
    assert " ".join(first_text.get_text().split()) == \
        " ".join(EDITION.documents["singapore-2018"].clauses[0].text.split())
    endnotes = page.select("ol.ae-endnotes__list > li.ae-endnote")
    assert sorted(e["data-note"] for e in endnotes) == sorted(n.slug for n in EDITION.notes)
    assert [e["id"] for e in endnotes] == [f"endnote-{i}" for i in range(1, len(EDITION.notes) + 1)]


def test_every_endnote_is_keyed_to_its_clause_both_ways(built_site: Build) -> None:
    page = _print_page(built_site)
    notes = {n.slug: n for n in EDITION.notes}
    for endnote in page.select("li.ae-endnote"):
        note = notes[endnote["data-note"]]
        number = endnote["id"].removeprefix("endnote-")
        reference = page.find(id=f"endnote-ref-{number}")
        assert reference is not None and reference.a["href"] == f"#endnote-{number}"
        clause_section = reference.find_parent("section", class_="ae-print-clause")
        assert clause_section["id"] == f"print-{note.target.document}--{note.target.clause}"
        if note.quote:  # the number stands right after the words the note explains
            assert reference.find_previous(string=True).endswith(note.quote.split()[-1])
        assert endnote.select_one(".ae-endnote__key a")["href"] == f"#endnote-ref-{number}"
        assert endnote.select_one(".ae-endnote__title").get_text(strip=True) == note.title
        printed_sources = [a.get_text(strip=True) for a in endnote.select(".ae-sources a.ae-source-url")]
        assert printed_sources == [s.url for s in note.sources if s.url]


def test_print_cross_references_are_spelled_out_with_addresses(built_site: Build) -> None:
    page = _print_page(built_site)
    for link in EDITION.crossrefs:
        source = page.find(id=f"print-{link.source.document}" + (f"--{link.source.clause}" if link.source.clause else ""))
        items = source.find("ul", class_="ae-print-xrefs", recursive=False).find_all("li")
        target = f"print-{link.target.document}" + (f"--{link.target.clause}" if link.target.clause else "")
        item = next(li for li in items if li.a["href"] == f"#{target}")
        expected_page = f"{link.target.document}/{link.target.clause or 'index'}.html"
        # Absolute when the site's address (site_url) is known, else relative to the site root.
        assert re.search(rf"\(edition page: (https://\S+/)?{re.escape(expected_page)}\)", item.get_text(" ", strip=True))
        assert (built_site.site / expected_page).exists()


def test_every_link_on_the_print_page_resolves(built_site: Build) -> None:
    page = _print_page(built_site)
    ids = {element["id"] for element in page.find_all(id=True)}
    for anchor in page.select("article a[href]"):
        href = anchor["href"]
        if is_remote_url(href) or href.startswith("mailto:"):
            continue
        parts = urlsplit(href)
        if parts.path:
            assert (built_site.site / unquote(parts.path)).exists(), href
        elif parts.fragment:
            assert unquote(parts.fragment) in ids, href


def test_print_page_is_in_the_navigation_with_its_stylesheet(built_site: Build) -> None:
    home = built_site.html("index.html")
    assert "print.html" in {a.get("href") for a in home.select("nav.md-nav a")}
    # The print rules travel in the edition's one stylesheet (one render-blocking request, not three).
    sheets = [l["href"] for l in home.find_all("link", rel="stylesheet") if "annotated-edition" in l["href"]]
    assert sheets == ["assets/annotated-edition/edition.css"]
    stylesheet = (built_site.site / sheets[0]).read_text(encoding="utf-8")
    assert compact_css((ROOT / "plugins/annotated_edition/assets/print.css").read_text(encoding="utf-8")).strip() \
        in stylesheet


def test_make_offline_bundles_the_built_site(built_site: Build, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts/make-offline"), "--site", str(built_site.site),
                             "--name", "edition", "--dist", str(tmp_path), "--config", str(ROOT / "mkdocs.yml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    archive = tmp_path / "edition-offline.zip"
    assert str(archive) in result.stdout and "MB zipped" in result.stdout
    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
        readme = bundle.read("README.txt").decode("utf-8")
    site_files = {p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*") if p.is_file()}
    assert names == {n for n in site_files if not n.endswith(".map")} | {"README.txt"}
    assert {"index.html", "print.html", SHIM_SCRIPT, "search/search_index.js"} <= names
    assert "The Singapore Joint Statement, annotated" in readme and "index.html" in readme


def test_features_that_need_a_server_are_off(built_site: Build) -> None:
    """Instant navigation and previews fetch pages with XMLHttpRequest, which file:// forbids."""
    config = json.loads(built_site.html("index.html").find("script", id="__config").get_text())
    needs_a_server = {"navigation.instant", "navigation.instant.prefetch", "navigation.instant.preview",
                      "navigation.instant.progress"} & set(config["features"])
    assert needs_a_server == set()
    assert config["search"].split("/")[-1].startswith("search.")  # the search worker ships with the site
