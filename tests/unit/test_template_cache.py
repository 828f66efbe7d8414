"""Compiled templates kept between runs (render/template_cache.py): a hit renders what a fresh
compilation renders without compiling; an edited template, or an environment with other
settings, is compiled again; a damaged file is compiled again and rewritten; two processes
filling one folder at once both succeed; a folder that cannot be written costs only time. The
engine's templates compiled at install time are read, never written, and checked like the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from conftest import copy_project, run_mkdocs_build
from at_once import exit_codes_at_once

from annotated_edition.render.template_cache import compile_package_templates, environment_digest, \
    use_bytecode_cache
from annotated_edition.render.templates import TEMPLATE_DIR, Templates

NAMES = sorted(str(path.relative_to(TEMPLATE_DIR)) for path in TEMPLATE_DIR.rglob("*.html"))[:8]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates Jinja2 compiles from source from now on."""
    compiled: list[str] = []
    original = Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)
    monkeypatch.setattr(Environment, "compile", compile)
    return compiled


def test_a_second_run_compiles_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _counting(monkeypatch)
    first = Templates(cache_folder=tmp_path, installed=None)
    for name in NAMES:
        first.template(name)
    assert len(compiled) == len(NAMES)
    compiled.clear()
    second = Templates(cache_folder=tmp_path, installed=None)
    for name in NAMES:
        second.template(name)
    assert compiled == [], "every template came from the folder"
    cite = dict(id="n-cite-1", href="#n-src-a", source={"title": "T", "publisher": "P"}, number=1)
    assert second.render("text/citation.html", **cite) == Templates().render("text/citation.html", **cite)


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "text").mkdir(parents=True)
    (overrides / "text" / "citation.html").write_text("<sup>{{ number }}</sup>", encoding="utf-8")
    cite = dict(id="x", href="#y", source={}, number=3)
    assert Templates(overrides, tmp_path / "cache").render("text/citation.html", **cite) == "<sup>3</sup>"
    (overrides / "text" / "citation.html").write_text("<sup>[{{ number }}]</sup>", encoding="utf-8")
    compiled = _counting(monkeypatch)
    assert Templates(overrides, tmp_path / "cache").render("text/citation.html", **cite) == "<sup>[3]</sup>"
    assert compiled == ["text/citation.html"]


def test_other_environment_settings_use_another_folder(tmp_path: Path) -> None:
    def environment(**options: object) -> Environment:
        return Environment(loader=DictLoader({"t": "{% if x %}\n  {{ x }}\n{% endif %}\n"}), **options)  # type: ignore[arg-type]
    plain, trimmed = environment(), environment(trim_blocks=True, lstrip_blocks=True)
    assert environment_digest(plain) == environment_digest(environment())
    assert environment_digest(plain) != environment_digest(trimmed)
    assert environment_digest(plain) != environment_digest(environment(autoescape=True))
    assert environment_digest(plain, "theme 1") != environment_digest(plain, "theme 2")
    with_filter = environment()
    with_filter.filters["shout"] = str.upper
    assert environment_digest(plain) != environment_digest(with_filter)
    for env in (plain, trimmed):
        use_bytecode_cache(env, tmp_path)
    expected = [environment().get_template("t").render(x=1),
                environment(trim_blocks=True, lstrip_blocks=True).get_template("t").render(x=1)]
    assert [plain.get_template("t").render(x=1), trimmed.get_template("t").render(x=1)] == expected
    # Each read back in a new environment of its own settings: still its own output.
    again_plain, again_trimmed = environment(), environment(trim_blocks=True, lstrip_blocks=True)
    for env in (again_plain, again_trimmed):
        use_bytecode_cache(env, tmp_path)
    assert [again_plain.get_template("t").render(x=1), again_trimmed.get_template("t").render(x=1)] == expected
    assert len(list(tmp_path.glob("templates-*"))) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", b"j2\x00" * 10], ids=["empty", "garbage", "bad-header"])
def test_a_damaged_file_is_compiled_again_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        damage: bytes) -> None:
    Templates(cache_folder=tmp_path, installed=None).template(NAMES[0])
    files = list(tmp_path.glob("templates-*/*.jinja"))
    assert len(files) == 1
    good = files[0].read_bytes()
    files[0].write_bytes(damage + good[len(damage) // 2:] if damage else b"")
    compiled = _counting(monkeypatch)
    Templates(cache_folder=tmp_path, installed=None).template(NAMES[0])
    assert compiled == [NAMES[0]]
    assert files[0].read_bytes() == good, "rewritten"
    compiled.clear()
    Templates(cache_folder=tmp_path, installed=None).template(NAMES[0])
    assert compiled == []


def test_an_unwritable_folder_costs_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    templates = Templates(cache_folder=blocker / "cache")
    cite = dict(id="x", href="#y", source={"title": "T"}, number=1)
    assert templates.render("text/citation.html", **cite) == Templates().render("text/citation.html", **cite)


def _compile_all(folder: str, ready: object) -> None:
    ready.wait()  # type: ignore[attr-defined]
    templates = Templates(cache_folder=Path(folder), installed=None)
    for name in NAMES:
        templates.template(name)


def test_two_processes_filling_one_folder_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert exit_codes_at_once(_compile_all, [(str(tmp_path),) for _ in range(2)], timeout=120) == [0, 0]
    assert not list(tmp_path.glob("templates-*/*.tmp")), "no temporary file left behind"
    compiled = _counting(monkeypatch)
    Templates(cache_folder=tmp_path, installed=None).template(NAMES[0])
    for name in NAMES:
        Templates(cache_folder=tmp_path, installed=None).template(name)
    assert compiled == [], "every file either process wrote is whole"


def test_an_extension_and_its_code_name_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An extension may rewrite every template's source before it is compiled (the theme's
    TemplateLayout does): compiled code made with one version of it must not be read with another."""
    import importlib
    import sys
    module = tmp_path / "layout_for_test.py"
    module.write_text("from jinja2.ext import Extension\nclass Layout(Extension):\n"
                      "    def preprocess(self, source, name, filename=None):\n        return source.strip()\n",
                      encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    layout = importlib.import_module("layout_for_test")
    plain = Environment(loader=DictLoader({"t": "  x  "}))
    with_layout = Environment(loader=DictLoader({"t": "  x  "}), extensions=[layout.Layout])
    first = environment_digest(with_layout)
    assert environment_digest(plain) != first
    use_bytecode_cache(with_layout, tmp_path / "cache")
    assert with_layout.get_template("t").render() == "x"

    module.write_text(module.read_text(encoding="utf-8").replace("source.strip()", "source.upper()"),
                      encoding="utf-8")
    layout = importlib.reload(layout)
    changed = Environment(loader=DictLoader({"t": "  x  "}), extensions=[layout.Layout])
    assert environment_digest(changed) != first, "the extension's code is part of the name"
    use_bytecode_cache(changed, tmp_path / "cache")
    assert changed.get_template("t").render() == "  X  "
    sys.modules.pop("layout_for_test", None)


def test_the_theme_environment_of_a_build_uses_the_folder(tmp_path: Path) -> None:
    """The site's own build: MkDocs' environment (with the theme's layout extension) compiles
    into the cache folder, and a second build gives the same pages from it."""
    root = copy_project(tmp_path / "project")
    first = run_mkdocs_build(root)
    # The theme's folder; the engine's own templates come from those compiled at install time
    # (a folder of their own here only for templates changed since).
    folders = sorted((root / ".cache" / "annotated-edition").glob("templates-*"))
    assert 1 <= len(folders) <= 2 and any(folder.glob("*.jinja") for folder in folders)
    pages = {path.relative_to(first.site): path.read_bytes() for path in first.site.rglob("*.html")}
    second = run_mkdocs_build(root)
    assert {path.relative_to(second.site): path.read_bytes() for path in second.site.rglob("*.html")} == pages


def test_templates_compiled_at_install_are_read_and_never_written(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    installed = tmp_path / "installed"
    assert compile_package_templates(installed) == len(list(TEMPLATE_DIR.rglob("*.*")))
    files = sorted(installed.glob("templates-*/*.jinja"))
    before = {path: path.read_bytes() for path in files}
    compiled = _counting(monkeypatch)
    cache = tmp_path / "cache"
    templates = Templates(cache_folder=cache, installed=installed)
    for name in NAMES:
        templates.template(name)
    assert compiled == [], "a first run in a new project compiles none of the engine's templates"
    assert not list(cache.glob("templates-*/*.jinja")), "nothing copied into the project's cache"
    cite = dict(id="n-cite-1", href="#n-src-a", source={"title": "T", "publisher": "P"}, number=1)
    assert templates.render("text/citation.html", **cite) == Templates(installed=None).render("text/citation.html", **cite)

    # A damaged entry, and one whose source no longer matches (another template's code in its
    # place): both compiled again, into the project's cache; the installed files stay as they are.
    files[0].write_bytes(b"garbage")
    files[1].write_bytes(before[files[2]])
    compiled.clear()
    again = Templates(cache_folder=cache, installed=installed)
    for name in sorted(str(path.relative_to(TEMPLATE_DIR)) for path in TEMPLATE_DIR.rglob("*.*")):
        again.template(name)
    assert len(compiled) == 2
    assert len(list(cache.glob("templates-*/*.jinja"))) == 2
    assert files[0].read_bytes() == b"garbage" and files[1].read_bytes() == before[files[2]]
