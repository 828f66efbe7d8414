"""Options of the ``annotated-edition`` MkDocs plugin, as written in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..settings import DEFAULT_COMMENTARY_DIR, default

__all__ = ["EditionPluginConfig"]


class EditionPluginConfig(base.Config):
    documents = c.ListOfItems(c.Type(str), default=[])
    """Document IDs, in the order the site presents them; the first is the edition's primary text.
    Required: each names a sidecar ``<sources_dir>/<id>.yml``."""

    sources_dir = c.Type(str, default=default("sources_dir"))
    """Folder of texts and structure files, relative to ``mkdocs.yml``."""

    commentary_dir = c.Type(str, default=DEFAULT_COMMENTARY_DIR)
    """Folder of notes, relative to ``docs_dir``. Its files are data, not pages of their own."""

    crossrefs_file = c.Type(str, default=default("crossrefs_file"))
    """Cross-references file, inside ``sources_dir``."""

    contributing_file = c.Type(str, default="")
    """A repository Markdown file (e.g. ``CONTRIBUTING.md``, relative to ``mkdocs.yml``) to
    publish as the page ``contributing.md``, links rewritten for the site. Empty: none."""

    entities_file = c.Type(str, default=default("entities_file"))
    """People, places, organizations and terms, inside ``sources_dir``; optional."""

    timeline_file = c.Type(str, default=default("timeline_file"))
    """Dated events, inside ``sources_dir``; optional."""

    commitments_file = c.Type(str, default=default("commitments_file"))
    """The implementation tracker (commitments and their dated statuses), inside ``sources_dir``; optional."""

    edition_title = c.Optional(c.Type(str))
    """The edition's title in citations; defaults to ``site_name``."""

    editors = c.ListOfItems(c.Type(str), default=[])
    """The edition's editors in citations; defaults to ``site_author``."""

    edition_version = c.Optional(c.Type(str))
    """The edition's version in citations and exports; defaults to this package's version."""

    iframe_worker = c.Type(str, default="node_modules/iframe-worker")
    """The installed npm package ``iframe-worker``, relative to ``mkdocs.yml``. When Material's
    ``offline`` plugin is on, its shim is copied into the site instead of linked from a CDN."""

    print_edition = c.Type(bool, default=True)
    """Generate ``print.md``: the whole edition on one page, notes as endnotes, for paper/PDF."""

    cache_dir = c.Type(str, default=default("cache_dir"))
    """Folder, relative to ``mkdocs.yml``, where converted note bodies are kept between builds
    (``make clean`` removes it; safe to delete at any time). Empty: convert every note every build."""

    documents_page = c.Type(str, default="")
    """Source path of a generated page listing every document (e.g. ``documents.md``); empty for
    none. A site with many documents names this page in its ``nav`` instead of each document,
    so that the nav, which Material renders into every page, stays the same size."""

    templates_dir = c.Optional(c.Type(str))
    """Folder of override templates, relative to ``mkdocs.yml``: a file there with the name of
    one of the engine's templates (``render/templates/``, e.g. ``clause_block.html`` or
    ``partials/xref.html``) replaces it. Unset: ``overrides/annotated_edition/`` when that
    folder exists, else none. README.md, "Restyling the pages", has a worked example."""

    propose_repository = c.Optional(c.Type(str))
    """The GitHub repository (``owner/name``) readers propose notes to: selecting words in a
    clause then offers "Propose a note on this passage", which opens GitHub's new-file editor
    with the note written. Empty or unset: off (the offline build sets it empty)."""

    propose_branch = c.Type(str, default="main")
    """The branch proposed notes are written against (GitHub offers a fork and a pull request
    to those who cannot write to it)."""
