"""Links that open a source file in the repository host's editor ("Edit this page/note").

Computed the way MkDocs computes a page's ``edit_url`` from ``repo_url``, ``edit_uri`` and
``edit_uri_template``, so a note's own link and its page's link always agree. Paths are given
relative to ``docs_dir``; files outside it (the texts' structure files in ``source_texts/``)
come out as ``../source_texts/…`` and the resulting URL is normalized, so ``edit_uri:
edit/main/docs/`` yields ``…/edit/main/source_texts/…``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["edit_url", "normalize_url"]


def normalize_url(url: str) -> str:
    """Resolve ``.`` and ``..`` segments in a URL's path (browsers do; we want clean hrefs)."""
    parts = urlsplit(url)
    if "/." not in parts.path:
        return url
    path = posixpath.normpath(parts.path)
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))


def edit_url(repo_url: str | None, edit_uri: str | None, edit_uri_template: str | None,
             path_from_docs: str) -> str | None:
    """The editor URL of a file, or None when the site has no ``edit_uri``."""
    if edit_uri_template:
        stem = posixpath.splitext(path_from_docs)[0]
        relative = edit_uri_template.format(path=path_from_docs, path_noext=stem)
    elif edit_uri:
        relative = (edit_uri if edit_uri.endswith("/") else edit_uri + "/") + path_from_docs
    else:
        return None
    base = repo_url or ""
    if base and not base.endswith("/") and not relative.startswith(("?", "#")):
        base += "/"
    return normalize_url(urljoin(base, relative))
