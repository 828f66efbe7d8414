"""The plain-YAML reader (sources/plain_yaml.py) gives exactly what PyYAML gives, values and
positions, whenever it answers; it answers for every note of the edition and of the benchmark's
corpus; and what it leaves to PyYAML is still loaded (or refused) by PyYAML."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.sources import yaml_source
from annotated_edition.sources.commentary import split_front_matter
from annotated_edition.sources.plain_yaml import load_plain_yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_corpus import CorpusSize, write_corpus  # noqa: E402
from yaml_oracle import pyyaml_load, same_with_positions  # noqa: E402


def _agrees(text: str, line_offset: int = 0) -> bool:
    """Whether the reader, if it answers, answers what PyYAML answers (which must then load)."""
    plain = load_plain_yaml(text, line_offset)
    if plain is None:
        return True
    try:
        expected = pyyaml_load(text, line_offset)
    except yaml.YAMLError as error:
        raise AssertionError(f"read {text!r}, which PyYAML refuses: {error}") from error
    return same_with_positions(plain, expected)


_KEYS = ["target", "title", "quote", "date", "url", "name", "id", "a-b", "x_y", "yes", "on", "null", "1", "Key"]
_VALUES = [
    "plain words", "Note 1 on article 19", "a: b", "a:b", "a #b", "a#b", "x  y", "2018-06-12", "2018-06-12T10:00:00Z",
    "yes", "No", "~", "null", "1.5", "0x1f", "1_000", "-1", "- x", "? x", "@x", "`x`", "'single'", "'it''s'",
    '"double"', '"esc\\"aped"', '"a \\u00e9"', '"é “x”"', "[a, b]", "[a,b]", "[ a , b ]", "[]", "[ ]", "[a, [b]]",
    "[a, 'b']", "[a, b,]", "[a b, c:d]", "[a, b] c", "{a: b}", "*alias", "&anchor x", "!tag x", "|", ">", "",
    "https://example.org/a#b", "trailing   ", "x:", "…", ".5", "...", "---", "%x", "a, b", "a]", "é", "\U0001F600 x",
    "'q' x", '"unclosed', "a\u2028b", "a\x85b",
]


# Values it reads (most of the time), and values that test where its reading stops.
_READ = ["plain words", "Note 1 on article 19", "a:b", "a#b", "x  y", "2018-06-12", "'single'", '"double"', "[a, b]",
         "[ a , b ]", "[]", "https://example.org/a#b", "trailing   ", "…", ".5", "...", "é", "a, b", '"é “x”"']
_value = st.one_of(st.sampled_from(_READ), st.sampled_from(_READ), st.sampled_from(_VALUES))
_key = st.one_of(st.sampled_from(_KEYS[:7]), st.sampled_from(_KEYS))


@st.composite
def _front_matter(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for key in draw(st.lists(_key, min_size=1, max_size=5, unique=True)):
        shape = draw(st.sampled_from(["scalar"] * 4 + ["list"] * 3 + ["mapping"] * 2 + ["empty", "comment", "continued"]))
        if shape == "scalar":
            lines.append(f"{key}:{draw(st.sampled_from([' ', '  ']))}{draw(_value)}")
        elif shape == "empty":
            lines.append(f"{key}:")
        elif shape == "comment":
            lines.append(draw(st.sampled_from([f"# about {key}", f"{key}: value # comment", "  # indented"])))
        elif shape == "continued":
            lines += [f"{key}: first line", draw(st.sampled_from(["  second line", "   - not an item", "\tx"]))]
        elif shape == "mapping":
            indent = " " * draw(st.sampled_from([1, 2, 4]))
            lines.append(f"{key}:")
            for inner in draw(st.lists(_key, min_size=1, max_size=3, unique=True)):
                lines.append(f"{indent}{inner}: {draw(_value)}")
        else:
            indent = " " * draw(st.sampled_from([0, 2, 4]))
            dash = draw(st.sampled_from(["- ", "-   ", "-", "- ", "- "]))
            lines.append(f"{key}:")
            for _item in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(f"{indent}{dash}{draw(_value)}")
                else:
                    fields = draw(st.lists(_key, min_size=1, max_size=3, unique=True))
                    lines.append(f"{indent}{dash}{fields[0]}: {draw(_value)}")
                    inner = " " * (len(indent) + len(dash) + draw(st.sampled_from([0, 0, 0, 1, -1])))
                    lines += [f"{inner}{field}: {draw(_value)}" for field in fields[1:]]
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["", "  ", "", "..."])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=1500, deadline=None)
@given(_front_matter(), st.sampled_from([0, 1, 7]))
@example("title: T\nauthors:\n- name: A\n  url: https://example.org\n", 1)
@example("tags: [a, b]\nquote: \"q\"\n", 0)
@example("a: b\n c\n", 0)
@example("a:\n  - x\n  - y\nb: z\n", 0)
@example("a: x\na: y\n", 0)
@example("a:\n- x\n-\n- y\n", 0)
@example("a: b\n- c: d\n", 0)
@example("a:\n  - x\n   y\n", 0)
@example("a:\n- x\n- \n- y\n", 0)
@example("s:\n-   name: A\n    url: u\n", 0)
def test_what_it_reads_is_what_pyyaml_reads(text: str, line_offset: int) -> None:
    assert _agrees(text, line_offset), text


def test_it_reads_the_shapes_front_matter_takes() -> None:
    for text in ["title: T\nauthors:\n- name: A\n  url: https://example.org\n",
                 "sources:\n  -   id: s\n      title: 'S'\n\n  - title: \"U\"\ntags: [a, b-c]\ndate: 2026-11-29\n",
                 "a:\n    b: c\n    d: [ ]\ne: f\n"]:
        plain = load_plain_yaml(text, 1)
        assert plain is not None, text
        assert same_with_positions(plain, pyyaml_load(text, 1)), text


def test_it_reads_every_note_of_the_edition_and_of_the_benchmark(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", CorpusSize(documents=2, clauses=3, notes_per_clause=2), False)
    notes = sorted((ROOT / "docs" / "commentary").rglob("*.md")) + sorted((corpus / "docs").rglob("*.md"))
    read = 0
    for path in notes:
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        if parts is None:
            continue
        plain = load_plain_yaml(parts[0], 1)
        assert plain is not None, path
        assert same_with_positions(plain, pyyaml_load(parts[0], 1)), path
        read += 1
    assert read > 40


def test_what_it_leaves_to_pyyaml_is_still_loaded_or_refused() -> None:
    found = Diagnostics()
    value = yaml_source.load_yaml_text("a: 1\nb: yes\nc: [x, 'y']\n", Path("x.yml"), found)
    assert value == {"a": 1, "b": True, "c": ["x", "y"]} and not found.items
    assert yaml_source.load_yaml_text("a: b: c\n", Path("x.yml"), found) is None
    assert "invalid YAML" in found.items[0].message
