"""The fast paths give exactly what the general code gives: the compiled schema check agrees
with jsonschema, the direct YAML walk with PyYAML's constructor, the link arithmetic with
posixpath, and a reused Markdown converter with a fresh one."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from annotated_edition.sources import yaml_source
from yaml_oracle import pyyaml_load, same_with_positions
from annotated_edition.diagnostics import Diagnostics
from annotated_edition.notes.markdown import NOTE_EXTENSIONS, render_note_body
from annotated_edition.sources.schema_check import SCHEMA_DIR, fast_check, schema_registry, load_schema
from annotated_edition.sources.schema_fastpath import compile_checker
from annotated_edition.urls import relative_path

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json"))


# --- schema fast path --------------------------------------------------------------------------

def _slow_valid(name: str, data: Any) -> bool:
    return Draft202012Validator(load_schema(name), registry=schema_registry()).is_valid(data)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_compiles_to_a_fast_check(name: str) -> None:
    assert fast_check(name) is not None, f"{name}.schema.json uses a keyword the fast path lacks"


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
                     st.sampled_from(["", " ", "x", "singapore-2018/point-3", "Point 3", "2018-06-12",
                                      "2018-13", "https://example.org/a", "http:// no", "reaffirms",
                                      "Bad Id", "a..b", "A"]))
_keys = st.sampled_from(["target", "quote", "title", "authors", "date", "sources", "tags", "name",
                         "url", "publisher", "id", "label", "clauses", "starts", "summary", "crossrefs",
                         "from", "to", "type", "reason", "language", "source", "extra"])
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_keys, inner, max_size=6)), max_leaves=12)


_valid_note = {"target": "singapore-2018/point-3", "title": "T", "authors": [{"name": "A"}],
               "date": "2026-11-28", "sources": [{"title": "S", "publisher": "P"}]}


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(SCHEMAS), data=_values)
def test_fast_check_agrees_with_jsonschema_on_arbitrary_data(name: str, data: Any) -> None:
    fast = fast_check(name)
    assert fast is not None
    assert fast(data) == _slow_valid(name, data)


@settings(max_examples=300, deadline=None)
@given(key=_keys, value=_values, drop=st.sampled_from([None, *_valid_note]))
def test_fast_check_agrees_with_jsonschema_on_near_valid_notes(key: str, value: Any, drop: str | None) -> None:
    # Mostly-valid notes with one field changed or removed exercise the deep branches.
    data = json.loads(json.dumps(_valid_note))
    data[key] = value
    if drop:
        data.pop(drop, None)
    assert fast_check("note")(data) == _slow_valid("note", data)


def test_unknown_keywords_disable_the_fast_path() -> None:
    resolve = lambda ref, base: (None, base)  # noqa: E731 - never called
    assert compile_checker({"type": "string", "format": "date"}, resolve) is None
    assert compile_checker({"properties": {"a": {"anyOf": [{"type": "string"}]}}}, resolve) is None
    assert compile_checker({"type": "string", "minLength": 1, "description": "ok"}, resolve) is not None


# --- YAML fast path -----------------------------------------------------------------------------

_REAL_FILES = sorted((ROOT / "source_texts").glob("*.yml")) + sorted((ROOT / "docs" / "commentary").rglob("*.md"))


@pytest.mark.parametrize("path", _REAL_FILES, ids=lambda p: p.name)
def test_yaml_fast_path_matches_pyyaml_on_the_real_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    assert same_with_positions(yaml_source.load_yaml_text(text, path, Diagnostics()), pyyaml_load(text))


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: 3\n", "x: !!set {a, b}\n", "a: 2018-06-12\nb: yes\nc: ~\nd: 1.5\ne: 0x1f\n",
    "? [1]\n: x\n", "list:\n  - {name: A, url: 'https://e.org'}\n  - name: B\n", "'quoted': \"é “x”\"\n",
])
def test_yaml_fast_path_matches_pyyaml_on_unusual_yaml(text: str) -> None:
    assert same_with_positions(yaml_source.load_yaml_text(text, Path("x.yml"), Diagnostics()), pyyaml_load(text))


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("a: &r [*r]\n", "alias '*r' is not allowed"),  # refused before any parse
    ("a: [1, 2\n", "invalid YAML"),
])
def test_yaml_errors_are_reported_as_before(text: str, message: str) -> None:
    diagnostics = Diagnostics()
    assert yaml_source.load_yaml_text(text, Path("x.yml"), diagnostics) is None
    assert message in diagnostics.format()


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12)),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=4)),
                    max_leaves=15))
def test_yaml_fast_path_matches_pyyaml_on_generated_documents(data: Any) -> None:
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    assert same_with_positions(yaml_source.load_yaml_text(text, Path("x.yml"), Diagnostics()), pyyaml_load(text))


# --- relative paths ------------------------------------------------------------------------------

_segments = st.lists(st.sampled_from(["a", "b", "index.html", "point-3.html", "."]), max_size=4)


@given(_segments, _segments)
def test_relative_path_matches_posixpath(target: list[str], start: list[str]) -> None:
    target_path, start_path = "/".join(target) or ".", "/".join(start) or "."
    assert relative_path(target_path, start_path) == posixpath.relpath(target_path, start_path)


# --- reused Markdown converter --------------------------------------------------------------------

def _fresh(body: str, anchor: str) -> str:
    """A converter built for this one note, as the code did before converters were reused."""
    import markdown

    from annotated_edition.notes.markdown import NOTE_EXTENSION_CONFIGS, ScopeToNote
    from annotated_edition.notes.sanitize import sanitize_html
    md = markdown.Markdown(extensions=list(NOTE_EXTENSIONS), extension_configs=NOTE_EXTENSION_CONFIGS,
                           output_format="html")
    md.treeprocessors.register(ScopeToNote(md, anchor), "scope_to_note", 1)
    return sanitize_html(md.convert(body), id_prefix=f"{anchor}-").html


_BODIES = [
    "Plain paragraph with *emphasis* and a [link](https://example.org).",
    "Text with a footnote.[^1]\n\n[^1]: The note's own footnote.",
    "# Heading\n\nTerm\n:   Definition\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n",
    "Another footnote[^x] and [a fragment](#x).\n\n[^x]: Second.",
]


def test_a_reused_converter_renders_exactly_like_a_fresh_one() -> None:
    for round_number in range(2):
        for index, body in enumerate(_BODIES):
            anchor = f"note-{round_number}-{index}"
            assert render_note_body(body, anchor) == _fresh(body, anchor)


def test_footnotes_never_leak_from_one_note_into_the_next() -> None:
    first = render_note_body("One.[^1]\n\n[^1]: Only in the first note.", "note-first-leak")
    second = render_note_body("Two, without footnotes.", "note-second-leak")
    assert "Only in the first note" in first
    assert 'class="footnote"' not in second and "Only in the first" not in second
    assert 'id="note-first-leak-fn:1"' in first


def test_a_build_or_check_imports_jsonschema_only_to_explain_a_failure() -> None:
    import subprocess
    import sys
    probe = ("import sys, annotated_edition.adapter.plugin, annotated_edition.tools.cli; "
             "print('jsonschema' in sys.modules, 'referencing' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
    # ...and a failure is still described by jsonschema, at the offending line.
    diagnostics = Diagnostics()
    data = yaml_source.load_yaml_text("target: singapore-2018/point-3\ntitle: 3\n", Path("n.md"), diagnostics)
    from annotated_edition.sources.schema_check import validate
    assert not validate(data, "note", Path("n.md"), diagnostics)
    assert "n.md:2:8: error: 'title' must be text, not a number" in diagnostics.format()


@pytest.mark.parametrize(("html", "removed"), [
    ('<p>A <a href="https://example.org/">link</a>&#160;and a back-reference &#8617;</p>', False),
    ('<p>Quotes &quot;x&quot; and &lt;b&gt; written as text</p>', False),
    ('<p>A <a href="javascript:alert(1)">bad link</a></p>', True),
    ('<p>Text</p><script>alert(1)</script>', True),
    ('<p onclick="x()">Handler</p>', True),
    ('<h1>Too high a heading</h1>', True),
])
def test_the_sanitizer_skips_its_removal_report_only_when_nothing_was_removed(html: str, removed: bool) -> None:
    from annotated_edition.notes.sanitize import cleaner, sanitize_html
    result = sanitize_html(html, id_prefix="note-x-")
    assert bool(result.removed) == removed, result.removed
    assert result.html == cleaner("note-x-").clean(html)  # the published HTML is the cleaned HTML
