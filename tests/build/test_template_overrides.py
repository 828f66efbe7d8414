"""A site restyles the engine's markup by overriding its templates: real builds of a copy of
the project with an override folder (the default one, or one named by ``templates_dir``)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_mkdocs_build
from annotated_edition.render.templates import TEMPLATE_DIR


def _override(folder: Path, name: str, content: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")


def _set_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      contributing_file: CONTRIBUTING.md\n"
    assert anchor in text, "fixture drift: the plugin's options moved in mkdocs.yml"
    config.write_text(text.replace(anchor, anchor + f"      {line}\n", 1), encoding="utf-8")


def test_a_clause_block_from_the_default_override_folder(project: Path) -> None:
    package = (TEMPLATE_DIR / "clause_block.html").read_text(encoding="utf-8")
    assert '<header class="ae-clause__head">' in package, "fixture drift: the clause block's header changed"
    restyled = package.replace('<header class="ae-clause__head">',
                               '<header class="ae-clause__head site-head" data-site="ours">')
    _override(project / "overrides" / "annotated_edition", "clause_block.html", restyled)
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    page = build.html("singapore-2018/index.html")
    heads = page.select("section.ae-clause > header.site-head[data-site=ours]")
    assert len(heads) == len(page.select("section.ae-clause")) == 11
    # Everything else still comes from the package: clause pages are untouched.
    assert not build.html("singapore-2018/point-3.html").select("[data-site=ours]")


def test_a_macro_override_from_a_named_folder_reaches_screen_and_print(project: Path) -> None:
    # One cross-reference template serves the document pages and the print edition.
    _override(project / "site-templates", "partials/xref.html",
              "{% macro xref_item(item) -%}\n"
              '<li class="our-xref" data-print="{{ item.address is not none }}">{{ item.label }}: '
              '<a href="{{ item.href }}">{{ item.text }}</a></li>\n'
              "{%- endmacro %}\n")
    _set_option(project, "templates_dir: site-templates")
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    screen = build.html("singapore-2018/index.html").select("li.our-xref")
    printed = build.html("print.html").select("li.our-xref")
    assert screen and all(li["data-print"] == "False" for li in screen)
    assert printed and all(li["data-print"] == "True" for li in printed)
    assert not build.html("singapore-2018/index.html").select("li.ae-xref")


def test_a_templates_dir_that_does_not_exist_fails_with_its_name(project: Path) -> None:
    _set_option(project, "templates_dir: no-such-folder")
    build = run_mkdocs_build(project)
    assert not build.ok
    assert "templates_dir 'no-such-folder' is not a folder" in build.output


def test_a_broken_override_stops_the_build_at_its_file_and_line(project: Path) -> None:
    _override(project / "overrides" / "annotated_edition", "partials/people.html",
              "{% macro signatories(people) -%}\n{{ people.nobody.name }}\n{%- endmacro %}\n"
              "{% macro authors(authors) %}{% endmacro %}\n")
    build = run_mkdocs_build(project)
    assert not build.ok
    assert "overrides/annotated_edition/partials/people.html:2:" in build.output
    assert "Traceback" not in build.output
