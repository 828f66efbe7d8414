"""The portable tree's mkdocs.yml, rewritten from the site's own (tools/portable_config.py)."""

from __future__ import annotations

import pytest
import yaml

from annotated_edition.tools.portable_config import (PortableConfigError, PortableSettings, not_in_nav_pattern,
                                                     portable_config_text, with_front_matter)

SITE = """\
site_name: Test
edit_uri: !ENV [EDITION_EDIT_URI, "https://example.org/edit/main/docs/"]
copyright: !ENV COPYRIGHT_LINE
theme: material
watch: [source_texts]
plugins:
  - search
  - annotated-edition:
      documents: [a]
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
not_in_nav: |
  /drafts/*.md
"""

SETTINGS = PortableSettings(plugin_name="annotated-edition", extra_css=["assets/a.css"],
                            markdown_extensions=("attr_list", "toc"), polyfills=["assets/iframe-worker/shim.js"],
                            not_in_nav=["a/point-1.md", "odd[1].md"], custom_dir="overrides")


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, tag, node: f"<{tag} {node.value!r}>")


def _loaded(text: str) -> dict:
    return yaml.load(text, Loader=_AnyTag)  # noqa: S506 (a SafeLoader that names tags)


def test_the_plugin_and_what_the_tree_lacks_are_removed_and_the_plugins_work_spelled_out() -> None:
    config = _loaded(portable_config_text(SITE, SETTINGS))
    assert config["plugins"] == ["search"]
    assert "watch" not in config and config["docs_dir"] == "docs" and config["edit_uri"] == ""
    assert config["theme"] == {"name": "material", "custom_dir": "overrides"}
    assert config["extra_css"] == ["assets/a.css"]
    assert config["extra"]["polyfills"] == ["assets/iframe-worker/shim.js"]
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert names == ["toc", "pymdownx.emoji", "attr_list"]
    assert config["not_in_nav"].splitlines() == ["/drafts/*.md", "/a/point-1.md", "/odd\\[1\\].md"]


def test_yaml_tags_are_kept_as_written() -> None:
    config = _loaded(portable_config_text(SITE, SETTINGS))
    assert config["copyright"] == "<!ENV 'COPYRIGHT_LINE'>"
    assert config["markdown_extensions"][1]["pymdownx.emoji"]["emoji_index"] == \
        "<tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji ''>"


def test_plugins_as_a_mapping_and_inherit() -> None:
    config = _loaded(portable_config_text("plugins: {search: {}, annotated-edition: {documents: [a]}}\n",
                                          SETTINGS))
    assert config["plugins"] == {"search": {}}
    with pytest.raises(PortableConfigError, match="INHERIT"):
        portable_config_text("INHERIT: base.yml\n", SETTINGS)


@pytest.mark.parametrize("path, pattern", [("a/b.md", "/a/b.md"), ("/x*.md", "/x\\*.md"), ("q?.md", "/q\\?.md")])
def test_not_in_nav_pattern_matches_one_path(path: str, pattern: str) -> None:
    assert not_in_nav_pattern(path) == pattern


def test_front_matter_is_added_or_merged() -> None:
    head = '<meta name="a" content="1">\n<meta name="b" content="2">'
    added = with_front_matter("# Title\n", {"head": head})
    assert added.startswith("---\nhead: |-\n") and added.endswith("---\n\n# Title\n")
    assert yaml.safe_load(added.split("---\n")[1]) == {"head": head}
    merged = with_front_matter("---\ntitle: T\n---\n# Title\n", {"head": head})
    assert yaml.safe_load(merged.split("---\n")[1]) == {"head": head, "title": "T"}
    assert with_front_matter("# Title\n", {}) == "# Title\n"
