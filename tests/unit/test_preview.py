"""The live preview's problem banner: the checker's exact lines, escaped, on one source line."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.render.preview import problems_banner


def test_banner_lists_the_diagnostics_verbatim_and_safely(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    note = tmp_path / "docs/commentary/a/b/<script>.md"
    diagnostics.error(note, 3, 8, "quote not found: '<b>x</b>'", "Clause text:\nFirst paragraph.\n\nSecond & last.")
    banner = problems_banner(diagnostics, tmp_path)
    assert banner.count("\n") == 2 and banner.endswith("\n\n"), "one source line, so blank lines cannot end the block"
    html = markdown.markdown(banner + "# Page title\n", extensions=["md_in_html"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("script") is None and soup.select_one("b") is None
    assert soup.select_one(".ae-problems pre").get_text() == diagnostics.format(tmp_path)
    assert "1 problem" in soup.select_one(".admonition-title").get_text()
    assert soup.h1.get_text() == "Page title"
