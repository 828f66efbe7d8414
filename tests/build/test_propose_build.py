""""Propose a note" is configured once, off by default, and absent from the offline build
(``EDITION_PROPOSE_REPOSITORY=``, as `make offline` sets it): no script, no data, no control."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Build, copy_project, run_mkdocs_build

PAGES = ("singapore-2018/index.html", "singapore-2018/point-3.html", "panmunjom-2018/index.html")
OPTION = '      propose_repository: !ENV [EDITION_PROPOSE_REPOSITORY, "annotated-edition/singapore-2018"]\n'


def _shipped(build: Build, page: str) -> tuple[bool, bool]:
    """Whether the page names the scripts (for reader.js to load when words are first selected;
    no page links them directly), and whether the site has the clause texts they load."""
    soup = build.html(page)
    assert not any(s.get("src", "").endswith("propose.js") for s in soup.find_all("script"))
    reader = soup.find("script", src=lambda src: bool(src) and src.endswith("reader.js"))
    named = reader.get("data-propose", "").split() if reader else []
    if named:
        assert [name.rsplit("/", 1)[-1] for name in named] == ["propose-slugs.js", "propose.js"]
        assert all((Path(build.site) / Path(page).parent / name).resolve().is_file() for name in named)
    return (bool(named), (build.site / "assets/annotated-edition/propose/singapore-2018.js").is_file())


def _assigned(script: str, name: str) -> object:
    """The JSON value a generated script assigns to ``name`` (``… = {...};``)."""
    line = next(line for line in script.splitlines() if name in line.split("=")[0])
    return json.loads(line.split("=", 1)[1].strip().rstrip(";"))


def test_the_published_site_offers_it_with_the_clause_texts_beside_the_script(built_site: Build) -> None:
    for page in PAGES:
        assert _shipped(built_site, page) == (True, True), page
    # Pages that show no text have nothing to propose on.
    assert _shipped(built_site, "index.html")[0] is False
    assets = built_site.site / "assets/annotated-edition"
    assert (assets / "propose.js").is_file()
    shared = (assets / "propose-slugs.js").read_text(encoding="utf-8")
    assert "work-toward" in _assigned(shared, "window.aeProposeTakenSlugs")
    settings = _assigned(shared, "window.aeProposeSettings")
    assert settings["newFileUrl"].startswith("https://github.com/") and settings["newFileUrl"].endswith("/new/main")
    assert settings["notesFolder"] == "docs/commentary"
    statement = (assets / "propose/singapore-2018.js").read_text(encoding="utf-8")
    texts = json.loads(statement.split("] = ", 1)[1].strip().rstrip(";"))
    assert "intro-1" in texts and "point-4" in texts
    # The texts are not in the pages: a second copy there would make annotation tools find
    # every quote twice (the W3C selectors of the exports must anchor once).
    page = built_site.html("singapore-2018/index.html")
    assert texts["point-3"] not in " ".join(s.get_text() for s in page.find_all("script"))
    # Each paragraph of a clause says where it starts in the clause text.
    paragraphs = page.select("#point-3 .ae-clause__text p")
    assert paragraphs and all(p.has_attr("data-at") for p in paragraphs)


@pytest.mark.parametrize("how", ["offline-environment", "option-absent"])
def test_it_is_off_in_the_offline_build_and_by_default(tmp_path: Path, how: str) -> None:
    project = copy_project(tmp_path / "project")
    # As `make offline` builds: no edit links, nothing to propose to.
    env = {"EDITION_PROPOSE_REPOSITORY": "", "EDITION_EDIT_URI": ""} if how == "offline-environment" else {}
    if how == "option-absent":
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert OPTION in text
        config.write_text(text.replace(OPTION, ""), encoding="utf-8")
    build = run_mkdocs_build(project, env=env)
    assert build.ok, build.output
    for page in PAGES:
        assert _shipped(build, page) == (False, False), page
    assert not (build.site / "assets/annotated-edition/propose.js").exists()
    assert "github.com" not in (build.site / "singapore-2018/index.html").read_text(encoding="utf-8").split("<footer")[0] \
        or how == "option-absent"


def test_a_malformed_repository_is_refused_in_words(tmp_path: Path) -> None:
    build = run_mkdocs_build(copy_project(tmp_path / "project"),
                             env={"EDITION_PROPOSE_REPOSITORY": "https://github.com/annotated-edition/singapore-2018"})
    assert not build.ok
    assert "write the GitHub repository as owner/name" in build.output
    assert "Traceback" not in build.output
