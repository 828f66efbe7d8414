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

    iframe_worker = c.Type(str, default="node_modules/iframe-worker")
    """The installed npm package ``iframe-worker``, relative to ``mkdocs.yml``. When Material's
    ``offline`` plugin is on, its shim is copied into the site instead of linked from a CDN."""

    print_edition = c.Type(bool, default=True)
    """Generate ``print.md``: the whole edition on one page, notes as endnotes, for paper/PDF."""
