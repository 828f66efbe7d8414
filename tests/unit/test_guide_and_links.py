"""Pure pieces of the contributor tooling: edit links, the guide's link rewriting, and reading
mkdocs.yml the way the build does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

from annotated_edition.adapter.edit_links import edit_url
from annotated_edition.sources.edition import EditionConfig
from annotated_edition.adapter.guide import GuideLinkError, rewrite_links
from annotated_edition.tools.project_config import edition_config_for, read_mkdocs_yml

REPO = "https://github.com/annotated-edition/singapore-2018"


@pytest.mark.parametrize(("repo_url", "edit_uri", "template", "path", "expected"), [
    # repo_url without a trailing slash must not lose the repository's name (urljoin would).
    (REPO, "edit/main/docs/", None, "commentary/a/b/c.md", f"{REPO}/edit/main/docs/commentary/a/b/c.md"),
    (REPO + "/", "edit/main/docs", None, "index.md", f"{REPO}/edit/main/docs/index.md"),
    (None, f"{REPO}/edit/main/docs/", None, "index.md", f"{REPO}/edit/main/docs/index.md"),
    # Structure files live outside docs/: the ../ is resolved away.
    (None, f"{REPO}/edit/main/docs/", None, "../source_texts/singapore-2018.yml",
     f"{REPO}/edit/main/source_texts/singapore-2018.yml"),
    (REPO, None, "blob/main/docs/{path}", "../CONTRIBUTING.md", f"{REPO}/blob/main/CONTRIBUTING.md"),
    (REPO, None, None, "index.md", None),
])
def test_edit_url(repo_url: str | None, edit_uri: str | None, template: str | None, path: str,
                  expected: str | None) -> None:
    assert edit_url(repo_url, edit_uri, template, path) == expected


def _resolve(path: str) -> str | None:
    if path.startswith("docs/"):
        return path[len("docs/"):]
    return "schemas/note.schema.json" if path.endswith("schemas/note.schema.json") else None


def test_guide_links_are_rewritten_for_the_site() -> None:
    text = ("See [formats](docs/data-formats.md#notes), [schema](plugins/x/schemas/note.schema.json \"t\"),\n"
            "[out](https://example.org/a), [here](#top) and <http://127.0.0.1:8000/>.\n"
            "```\n[literal](Makefile)\n```\n"
            "[ref]: docs/index.md\n")
    assert rewrite_links(text, _resolve) == (
        "See [formats](data-formats.md#notes), [schema](schemas/note.schema.json \"t\"),\n"
        "[out](https://example.org/a), [here](#top) and <http://127.0.0.1:8000/>.\n"
        "```\n[literal](Makefile)\n```\n"
        "[ref]: index.md\n")


def test_a_guide_link_the_site_cannot_serve_is_an_error_with_its_line() -> None:
    with pytest.raises(GuideLinkError) as error:
        rewrite_links("fine\n\nsee [the Makefile](Makefile)\n", _resolve)
    assert error.value.line == 3 and error.value.link == "Makefile"


def test_real_contributing_guide_links_all_resolve() -> None:
    rewrite_links((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), _resolve)


def test_checker_reads_the_same_settings_as_the_build() -> None:
    config = edition_config_for(ROOT)
    assert config == EditionConfig(ROOT, documents=("singapore-2018", "panmunjom-2018"),
                                   sources_dir="source_texts", commentary_dir="docs/commentary",
                                   crossrefs_file=config.crossrefs_file)


def test_mkdocs_yml_tags_are_read_leniently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "docs_dir: pages\n"
        "edit_uri: !ENV [EDIT_URI_FOR_TEST, 'https://example.org/edit/']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - annotated-edition:\n      documents: [a-doc]\n      commentary_dir: notes\n"
        "      sources_dir: texts\n", encoding="utf-8")
    assert read_mkdocs_yml(tmp_path)["edit_uri"] == "https://example.org/edit/"
    monkeypatch.setenv("EDIT_URI_FOR_TEST", "https://fork.example/edit/")
    assert read_mkdocs_yml(tmp_path)["edit_uri"] == "https://fork.example/edit/"
    config = edition_config_for(tmp_path)
    assert (config.documents, config.sources_dir, config.commentary_dir) == (("a-doc",), "texts", "pages/notes")
