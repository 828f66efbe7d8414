"""The built site as a reader, a search engine and the Nu Html Checker see it: valid HTML on
every page, citable addresses (canonical, OpenGraph), a search index of readers' pages, the
engineering pages in a section of their own, a 404 page that reads from disk, no links to a
developer's machine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, Build

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ENGINEERING = ["data-formats.html", "architecture.html", "security.html", "benchmarks.html", "contributing.html"]
OUT_OF_SEARCH = {"print.html", "tags.html", *ENGINEERING}


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _site_url() -> str:
    match = re.search(r'^site_url: !ENV \[EDITION_SITE_URL, "([^"]*)"\]',
                      (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert match is not None
    return match.group(1)


def test_the_nu_html_checker_finds_no_error_on_any_page(built_site: Build) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail("the Nu Html Checker needs Java 11+ (Debian: default-jre-headless) and `make vendor` "
                    "(npm ci installs vnu-jar from package.json)")
    pages = _pages(built_site.site)
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
                             *map(str, pages)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert len(pages) > 50
    assert errors == [], "\n".join(errors[:20])


def test_the_checker_run_can_fail(tmp_path: Path) -> None:
    """The check above reads the checker's report correctly: a known error is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off">',
                    encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
                             str(page)], capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert any("autocomplete" in m["message"] for m in messages if m.get("type") == "error")


def test_no_page_links_to_a_developer_machine(built_site: Build) -> None:
    loopback = {"localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1"}
    found = []
    for page in _pages(built_site.site):
        for link in built_site.html(page.relative_to(built_site.site).as_posix()).select("a[href]"):
            host = urlsplit(link["href"]).hostname or ""
            if host in loopback or host.startswith("127."):
                found.append(f"{page.name}: {link['href']}")
    assert found == []


def test_every_page_names_its_published_address_and_shares_well(built_site: Build) -> None:
    site_url = _site_url()
    for page in _pages(built_site.site):
        relative = page.relative_to(built_site.site).as_posix()
        if relative == "404.html":
            continue  # served for any missing address: it has none of its own
        html = built_site.html(relative)
        canonical = html.head.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == site_url + relative, relative
        og = {m["property"]: m["content"] for m in html.head.find_all("meta", property=True)}
        assert og.get("og:url") == canonical["href"], relative
        assert og.get("og:title") and og.get("og:site_name") and og.get("og:description"), relative
        assert og.get("og:type") in ("website", "article"), relative


def test_the_search_index_holds_readers_pages_only(built_site: Build) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not pages & OUT_OF_SEARCH, pages & OUT_OF_SEARCH
    assert {"singapore-2018/index.html", "singapore-2018/point-3.html", "panmunjom-2018/article-3.4.html",
            "glossary.html", "timeline.html"} <= pages
    script = (built_site.site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(script.split("=", 1)[1]) == index, "the offline copy says the same"


def test_engineering_pages_sit_in_one_section_out_of_the_reading_nav(built_site: Build) -> None:
    nav = built_site.html("index.html").select_one("nav.md-nav--primary > ul.md-nav__list")
    top = [item for item in nav.find_all("li", recursive=False)]
    top_links = {a["href"] for item in top for a in item.find_all("a", recursive=False, href=True)}
    assert not top_links & set(ENGINEERING), "no engineering page at the top of the navigation"
    section = next(item for item in top if item.find(["label", "span"], string=re.compile("About the project")))
    inside = {a["href"] for a in section.select("a[href]")}
    assert set(ENGINEERING) <= inside and "about.html" in inside


def test_the_404_page_has_no_root_absolute_paths(built_site: Build) -> None:
    html = built_site.html("404.html")
    rooted = [f"{tag.name} {attribute}={tag[attribute]}" for tag in html.find_all(True)
              for attribute in ("href", "src") if tag.has_attr(attribute) and tag[attribute].startswith("/")]
    assert rooted == []
    assert html.select_one("[data-md-component=search][role=dialog]")["aria-label"] == "Search"
