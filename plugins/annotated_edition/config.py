"""Options of the ``annotated-edition`` MkDocs plugin, as written in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

__all__ = ["EditionPluginConfig"]


class EditionPluginConfig(base.Config):
    documents = c.ListOfItems(c.Type(str), default=["singapore-2018", "panmunjom-2018"])
    """Document IDs, in the order the site presents them; the first is the edition's primary text."""

    sources_dir = c.Type(str, default="source_texts")
    """Folder of texts and structure files, relative to ``mkdocs.yml``."""

    commentary_dir = c.Type(str, default="commentary")
    """Folder of notes, relative to ``docs_dir``. Its files are data, not pages of their own."""

    crossrefs_file = c.Type(str, default="crossrefs.yml")
    """Cross-references file, inside ``sources_dir``."""

    documents_page = c.Type(str, default="")
    """Source path of a generated page listing every document (e.g. ``documents.md``); empty for
    none. A site with many documents names this page in its ``nav`` instead of each document,
    so that the nav, which Material renders into every page, stays the same size."""
