"""Shipped scripts lose their comments and layout, and nothing else."""

from __future__ import annotations

from pathlib import Path

from annotated_edition.render.script_files import compact_script, read_script

ASSETS = Path(__file__).resolve().parents[2] / "plugins/annotated_edition/assets"


def test_comments_go_and_strings_and_regular_expressions_stay() -> None:
    source = ('/* why */\nvar url = "http://example.org/*not*/";  // a note\n'
              'var INDEX = /\\/search\\/search_index\\.js(on)?([?#]|$)/;\nfunction f (a, b) {\n  return a + b;\n}\n')
    compacted = compact_script(source)
    assert "why" not in compacted and "a note" not in compacted
    assert '"http://example.org/*not*/"' in compacted
    assert "/\\/search\\/search_index\\.js(on)?([?#]|$)/" in compacted
    assert "function f(a,b){return a+b;}" in compacted


def test_every_shipped_script_is_smaller_and_keeps_its_code() -> None:
    for name in ("reader.js", "propose.js", "commitments.js"):
        source = (ASSETS / name).read_text(encoding="utf-8")
        shipped = read_script(ASSETS / name).decode("utf-8")
        assert len(shipped) < 0.8 * len(source), name
        # Every string literal of the source is still there, as it was.
        for literal in ("\"use strict\"", "selectionchange"):
            if literal in source:
                assert literal in shipped, (name, literal)
