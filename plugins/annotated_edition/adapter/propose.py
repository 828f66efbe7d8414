"""The MkDocs side of "Propose a note on this passage" (see render/propose.py for the page data).

Off unless the plugin's ``propose_repository`` names a GitHub repository. ``mkdocs.yml`` reads it
from the environment (``EDITION_PROPOSE_REPOSITORY``), so the offline build, which sets it empty,
ships neither the script nor the page data: an offline reader has no forge to propose to.

- ``on_config``: check the repository and branch; register the script and its stylesheet.
- ``on_files``: ship them; remember which generated page shows which clauses.
- ``on_page_markdown``: append the data block to document and clause pages.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..model import Edition, Ref
from ..package_files import ASSETS_DIR
from ..render.propose import ProposeSettings, propose_data_html, repository_problem, taken_slugs_script
from ..urls import page_source_path

__all__ = ["ProposeAdapter"]

_SCRIPT = "assets/annotated-edition/propose.js"
_SLUGS = "assets/annotated-edition/propose-slugs.js"
_STYLESHEET = "assets/annotated-edition/propose.css"


class ProposeAdapter:
    def __init__(self) -> None:
        self.settings: ProposeSettings | None = None
        self.pages: dict[str, list[Ref]] = {}

    def on_config(self, config: MkDocsConfig, repository: str | None, branch: str, notes_folder: str) -> None:
        self.settings, self.pages = None, {}
        repository = (repository or "").strip()
        if not repository:
            return
        problem = repository_problem(repository, branch)
        if problem:
            raise PluginError(f"annotated-edition: {problem}.")
        self.settings = ProposeSettings(repository, branch.strip(), notes_folder)
        scripts = [str(script) for script in config.extra_javascript]
        for script in (_SLUGS, _SCRIPT):  # the slugs first: the script reads them
            if script not in scripts:
                config.extra_javascript.append(script)
        if _STYLESHEET not in config.extra_css:
            config.extra_css.append(_STYLESHEET)

    def on_files(self, files: Files, config: MkDocsConfig, edition: Edition) -> None:
        if self.settings is None:
            return
        for document in edition.documents.values():
            self.pages[page_source_path(Ref(document.id))] = [clause.ref for clause in document.clauses]
            for clause in document.clauses:
                self.pages[page_source_path(clause.ref)] = [clause.ref]
        files.append(File.generated(config, _SCRIPT, content=(ASSETS_DIR / "propose.js").read_bytes()))
        files.append(File.generated(config, _SLUGS, content=taken_slugs_script(edition)))
        files.append(File.generated(config, _STYLESHEET, content=(ASSETS_DIR / "propose.css").read_bytes()))

    def page_markdown(self, markdown: str, src_uri: str, edition: Edition | None) -> str:
        refs = self.pages.get(src_uri)
        if self.settings is None or not refs or edition is None:
            return markdown
        return markdown + "\n\n" + propose_data_html(edition, refs, self.settings) + "\n"
