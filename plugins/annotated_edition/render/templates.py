"""The engine's page markup lives in Jinja2 templates (``render/templates/``); this module
loads and renders them.

A site restyles any piece by putting a file of the same name in its override folder (the
plugin's ``templates_dir`` option, by default ``overrides/annotated_edition/``): the loader
looks there first, then in the package. Python code prepares data and calls
:meth:`Templates.render`; it never joins tags itself.

Escaping is on for every template. Values are escaped with :func:`html.escape` (``&quot;``,
``&#x27;``) rather than MarkupSafe's ``&#34;``/``&#39;``, so pages keep the exact bytes they had
before the markup moved into templates; a value that is already HTML (a note's sanitized body,
a clause's decorated text) is passed as :class:`markupsafe.Markup` and left as it is.
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template, TemplateError
from jinja2 import TemplateSyntaxError
from markupsafe import Markup

from ..notes.sanitize import safe_href
from .fragments import md_heading_text
from .template_cache import INSTALLED_FOLDER, use_bytecode_cache

__all__ = ["Templates", "TEMPLATE_DIR", "package_templates", "Markup", "TemplateProblem"]

TEMPLATE_DIR = Path(__file__).parent / "templates"

# Stands for an element's content while a wrapper template is rendered; see Templates.wrapper.
_CONTENT = "\x00content\x00"


def _finalize(value: Any) -> Any:
    """Escape every printed value the way the engine always has (``html.escape``)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


class TemplateProblem(Exception):
    """A template that cannot be compiled or rendered, as ``file:line: what is wrong``."""


def _problem(error: TemplateError, name: str, folders: list[str]) -> TemplateProblem:
    """Where in which template file the error is: Jinja puts template lines in the traceback."""
    path, line = name, 0
    if isinstance(error, TemplateSyntaxError):
        path, line = error.filename or name, error.lineno
    else:
        traceback = error.__traceback__
        while traceback is not None:
            filename = traceback.tb_frame.f_code.co_filename
            if any(filename.startswith(os.path.join(folder, "")) for folder in folders):
                path, line = filename, traceback.tb_lineno
            traceback = traceback.tb_next
    hint = (" (a site's override template: compare it with the package's own in "
            f"{TEMPLATE_DIR})") if not str(path).startswith(os.path.join(TEMPLATE_DIR, "")) else ""
    return TemplateProblem(f"{path}:{line}: {error.message or error}{hint}")


def _md_heading(text: str) -> Markup:
    return Markup(md_heading_text(text))


class Templates:
    """One Jinja2 environment per build: the site's override folder (if any) before the
    package's templates. Each template is compiled once and kept for the build, and kept in
    ``cache_folder`` (the note cache's) for the next build; ``installed`` holds the package's
    templates compiled at install time (None: not read)."""

    def __init__(self, override_dir: Path | None = None, cache_folder: Path | None = None,
                 installed: Path | None = INSTALLED_FOLDER) -> None:
        folders = ([str(override_dir)] if override_dir is not None else []) + [str(TEMPLATE_DIR)]
        self.override_dir = override_dir
        self._folders = folders
        self.environment = Environment(
            loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
            autoescape=True, finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=False, undefined=StrictUndefined, auto_reload=False)
        self.environment.filters["md_heading"] = _md_heading
        self.environment.filters["safe_href"] = safe_href
        # Compiled templates kept between runs (see template_cache.py), when there is a cache
        # folder; the engine's own are also read from those compiled at install time.
        use_bytecode_cache(self.environment, cache_folder, installed=installed)
        self._compiled: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        if name not in self._compiled:
            try:
                self._compiled[name] = self.environment.get_template(name)
            except TemplateError as error:
                raise _problem(error, name, self._folders) from None
        return self._compiled[name]

    def render(self, name: str, **data: Any) -> str:
        """The template's output, a plain string. Hand it to another template as
        ``Markup(output)``: a plain string given to a template is escaped."""
        template = self.template(name)
        try:
            return template.render(**data)
        except TemplateError as error:
            raise _problem(error, name, self._folders) from None

    def wrapper(self, name: str, **data: Any) -> tuple[str, str]:
        """The opening and closing markup of a template that wraps ``{{ content }}``: for
        marking ranges of a text whose pieces are placed by :mod:`.inline`."""
        rendered = self.render(name, content=Markup(_CONTENT), **data)
        before, found, after = rendered.partition(_CONTENT)
        if not found:
            raise ValueError(f"template {name} must print {{{{ content }}}} once: it wraps a range of text")
        return before, after


@lru_cache(maxsize=1)
def package_templates() -> Templates:
    """The package's own templates, for callers with no site (tests, scripts)."""
    return Templates()
