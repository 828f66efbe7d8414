"""Accessibility repairs to the theme's own markup, applied to each finished page.

Material renders its search overlay as ``role="dialog"`` without a name, which screen readers
announce as an unnamed dialog (axe rule ``aria-dialog-name``, impact "serious"). The element
is in a template partial with no block to override, so the name is added to the output. When
the theme changes that markup the repair does nothing, and the accessibility test says so.

On a page outside the navigation (every clause page), Material still writes the table of
contents' title as ``<label for="__toc">``, but the checkbox it names only exists for pages in
the navigation: a label for nothing, which the link checker reports. The ``for`` is dropped.
"""

from __future__ import annotations

__all__ = ["name_search_dialog", "drop_dangling_toc_label"]

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def name_search_dialog(page_html: str) -> str:
    """Give the theme's search dialog an accessible name (once; the page has one)."""
    return page_html.replace(_SEARCH_DIALOG, _NAMED_SEARCH_DIALOG, 1)


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def drop_dangling_toc_label(page_html: str) -> str:
    """Unlink the table of contents' title from the ``__toc`` toggle when the page has none."""
    if _TOC_LABEL not in page_html or 'id="__toc"' in page_html:
        return page_html
    return page_html.replace(_TOC_LABEL, '<label class="md-nav__title">', 1)
