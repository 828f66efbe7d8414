"""What ``on_config`` works out from ``mkdocs.yml`` besides the edition itself: the edition's
description for citations, the site's override templates, "Propose a note" settings, and the
stylesheet and scripts every page links. Called by the plugin's hooks, nowhere else."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .. import __version__
from ..exports.edition_info import EditionInfo, edition_date
from ..model import Edition
from ..render.propose import ProposeSettings, repository_problem
from ..render.assets import STYLESHEET
from ..settings import settings_from_options
from .config import EditionPluginConfig

__all__ = ["package_version", "edition_info", "templates_dir", "propose_settings", "register_assets",
           "DEFAULT_TEMPLATES_DIR"]

# Where a site keeps its versions of the engine's templates, unless templates_dir names another.
DEFAULT_TEMPLATES_DIR = "overrides/annotated_edition"


def package_version() -> str:
    try:
        return metadata.version("annotated-edition")
    except metadata.PackageNotFoundError:
        return __version__


def edition_info(config: MkDocsConfig, options: EditionPluginConfig, edition: Edition) -> EditionInfo:
    """The edition as its citations describe it: title, editors, version, reproducible date."""
    editors = tuple(options.editors) or ((config.site_author,) if config.site_author else ())
    return EditionInfo(
        title=options.edition_title or config.site_name,
        editors=editors,
        version=options.edition_version or package_version(),
        date=edition_date(edition, os.environ.get("SOURCE_DATE_EPOCH")),
        language=str(config.theme.get("language") or "en"),
        base_url=config.site_url or "",
        licence=config.copyright or "",
        generator=f"annotated-edition {package_version()}",
    )


def templates_dir(root: Path, option: str | None) -> Path | None:
    """The site's override templates: the configured folder, which must exist, or the default
    folder when the site has one."""
    if option is None:
        default_dir = root / DEFAULT_TEMPLATES_DIR
        return default_dir if default_dir.is_dir() else None
    chosen = root / option
    if not chosen.is_dir():
        raise PluginError(f"annotated-edition: templates_dir '{option}' is not a folder (looked for {chosen}); "
                          "create it, or remove the option to use the package's templates only.")
    return chosen


def propose_settings(config: MkDocsConfig, options: EditionPluginConfig, root: Path) -> ProposeSettings | None:
    """"Propose a note on this passage" is on when a repository is named (mkdocs.yml reads it
    from EDITION_PROPOSE_REPOSITORY; the offline build sets that empty: no forge offline)."""
    repository = (options.propose_repository or "").strip()
    if not repository:
        return None
    problem = repository_problem(repository, options.propose_branch)
    if problem:
        raise PluginError(f"annotated-edition: {problem}.")
    commentary_dir = settings_from_options(root, config.docs_dir, options).commentary_dir
    return ProposeSettings(repository, options.propose_branch.strip(), commentary_dir)


def register_assets(config: MkDocsConfig) -> None:
    """One stylesheet, first (a site's extra_css can override it): each stylesheet is
    render-blocking, and on a phone every extra request delays the first paint. The plugin's
    scripts are not added here: each is linked only from the pages that use it
    (``page_scripts``), and proposing loads when a reader first selects words."""
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
