"""Page markup lives in templates (render/templates/), not in Python: checked by reading the
engine's sources, and the template environment's escaping and whitespace checked directly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT
from annotated_edition.render.templates import TEMPLATE_DIR, Markup, Templates

PACKAGE = ROOT / "plugins" / "annotated_edition"

# HTML and SVG element names: a string holding "<p", "</li>" or "<svg " builds markup; words in
# angle brackets that are no element ("<document>/<clause>" in a message) do not.
_ELEMENTS = (
    "a abbr address article aside audio b blockquote body br button caption cite code col colgroup data dd "
    "del details dfn dialog div dl dt em figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html "
    "i iframe img input ins kbd label li link main mark meta nav ol p pre q s samp script section select "
    "small span strong style sub summary sup table tbody td template textarea tfoot th thead time tr u ul "
    "var video svg g rect circle line path text title desc polyline polygon ellipse use defs tspan"
).split()
_TAG = re.compile(r"</?(?:" + "|".join(_ELEMENTS) + r")(?=[\s>/]|$)", re.IGNORECASE)

# Modules allowed to hold tags in code, each for a reason that a template would not serve better.
ALLOWED: dict[str, str] = {
    # The timeline overview is one drawing: coordinates computed per marker. Its text goes
    # through html.escape (fragments.esc); the issue lets it stay a single drawing module.
    "render/timeline_svg.py": "SVG drawing",
}
# Single strings allowed elsewhere: (module, the string).
ALLOWED_STRINGS: dict[tuple[str, str], str] = {
    # Part of escaping a verbatim text: a line break inside a clause's paragraph is "<br>",
    # as "&" is "&amp;". The inline renderer is property-tested and runs for every segment.
    ("render/inline.py", "<br>\n"): "escaping a verbatim line break",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _regex_patterns(tree: ast.AST) -> set[int]:
    """Strings passed to ``re.*``: patterns that read HTML, not markup being built."""
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], ast.Constant)):
            found.add(id(node.args[0]))
    return found


def markup_in_code(source: str) -> list[tuple[int, str]]:
    """(line, string) of every string constant or f-string part in ``source`` that holds a tag."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _regex_patterns(tree)
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                  and _TAG.search(node.value))


def _engine_modules() -> list[Path]:
    """Every module outside adapter/ (the adapter may patch the theme's HTML)."""
    return sorted(p for p in PACKAGE.rglob("*.py")
                  if "__pycache__" not in p.parts and p.relative_to(PACKAGE).parts[0] != "adapter")


@pytest.mark.parametrize("path", _engine_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_engine_module_builds_markup_in_code(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    if relative in ALLOWED:
        return
    found = [(line, text) for line, text in markup_in_code(path.read_text(encoding="utf-8"))
             if (relative, text) not in ALLOWED_STRINGS]
    assert not found, (f"{relative} builds markup in code: " + "; ".join(f"line {line}: {text[:60]!r}"
                                                                      for line, text in found)
                       + ". Put it in a template under render/templates/ and pass the data.")


@pytest.mark.parametrize("source, expected", [
    ('x = f"<li>{name}</li>"', [(1, "<li>"), (1, "</li>")]),
    ("x = '<a class=\"ae\">' + text + '</a>'", [(1, "</a>"), (1, '<a class="ae">')]),
    ('x = "<svg/>"', [(1, "<svg/>")]),
    ('"""A <p> in a docstring."""', []),
    ('import re\nm = re.search(r"<p>.*?</p>", html)', []),
    ('message = "notes live at commentary/<document>/<clause>/<slug>.md"', []),
    ('marker = "<!-- placeholder -->"', []),
])
def test_the_scan_finds_tags_and_only_tags(source: str, expected: list[tuple[int, str]]) -> None:
    assert markup_in_code(source) == sorted(expected)


def test_the_allowlist_names_modules_that_exist() -> None:
    for relative, _ in [*((m, "") for m in ALLOWED), *ALLOWED_STRINGS]:
        assert (PACKAGE / relative).is_file(), relative


def test_templates_escape_as_the_engine_always_has(tmp_path: Path) -> None:
    (tmp_path / "probe.html").write_text('<p title="{{ value }}">{{ value }}{{ html }}</p>\n', encoding="utf-8")
    rendered = Templates(tmp_path).render("probe.html", value="\"It's\" <b> & co", html=Markup("<em>ok</em>"))
    # html.escape's entities (&quot; &#x27;), not MarkupSafe's (&#34; &#39;): pages keep their bytes.
    assert rendered == ('<p title="&quot;It&#x27;s&quot; &lt;b&gt; &amp; co">&quot;It&#x27;s&quot; &lt;b&gt; &amp; co'
                        "<em>ok</em></p>")


def test_an_override_folder_comes_before_the_package(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "people.html").write_text(
        "{% macro signatories(people) %}[{{ people|length }} signatories]{% endmacro %}\n"
        "{% macro authors(authors) %}{% endmacro %}\n", encoding="utf-8")
    probe = "{% from 'partials/people.html' import signatories %}{{ signatories(people) }}"
    (tmp_path / "probe.html").write_text(probe, encoding="utf-8")
    assert Templates(tmp_path).render("probe.html", people=[1, 2]) == "[2 signatories]"
    # Without the override, the package's own macro.
    other = tmp_path / "other"
    other.mkdir()
    (other / "probe.html").write_text(probe, encoding="utf-8")
    from annotated_edition.model import Signatory
    assert Templates(other).render("probe.html", people=[Signatory("A", "B"), Signatory("C")]) == "A (B); C"


def test_a_wrapper_template_must_print_its_content_once(tmp_path: Path) -> None:
    (tmp_path / "w.html").write_text("<mark>{{ content }}</mark>\n", encoding="utf-8")
    (tmp_path / "bad.html").write_text("<mark></mark>\n", encoding="utf-8")
    assert Templates(tmp_path).wrapper("w.html") == ("<mark>", "</mark>")
    with pytest.raises(ValueError, match="bad.html must print"):
        Templates(tmp_path).wrapper("bad.html")


def test_every_template_compiles() -> None:
    templates = Templates()
    names = sorted(p.relative_to(TEMPLATE_DIR).as_posix() for p in TEMPLATE_DIR.rglob("*") if p.is_file())
    assert "clause_block.html" in names and "partials/xref.html" in names
    for name in names:
        templates.template(name)


def test_rendered_pages_are_plain_strings(tmp_path: Path) -> None:
    # A Markup result would escape whatever a caller appends to it (a page's Markdown after
    # the preview banner, say); templates hand HTML on only as Markup made at the call site.
    from annotated_edition.diagnostics import Diagnostics
    from annotated_edition.render.preview import problems_banner

    problems = Diagnostics()
    problems.error(tmp_path / "note.md", 3, 1, "a <problem>", "fix it")
    banner = problems_banner(problems, tmp_path)
    assert type(banner) is str
    page = banner + "<p>kept</p>"
    assert page.endswith("\n\n<p>kept</p>") and "a &lt;problem&gt;" in page


@pytest.mark.parametrize("content, line, message", [
    ("first\n{{ nope }}\n", 2, "'nope' is undefined"),
    ("first\nsecond\n{% if %}\n", 3, "Expected an expression"),
])
def test_a_broken_template_is_reported_at_its_file_and_line(tmp_path: Path, content: str, line: int,
                                                              message: str) -> None:
    from annotated_edition.render.templates import TemplateProblem

    (tmp_path / "clause_block.html").write_text(content, encoding="utf-8")
    with pytest.raises(TemplateProblem) as raised:
        Templates(tmp_path).render("clause_block.html")
    assert str(raised.value).startswith(f"{tmp_path / 'clause_block.html'}:{line}: {message}")
    assert "override" in str(raised.value)
