"""Accessibility repairs to the theme's own markup, applied to each finished page.

Material renders its search overlay as ``role="dialog"`` without a name, which screen readers
announce as an unnamed dialog (axe rule ``aria-dialog-name``, impact "serious"). The element
is in a template partial with no block to override, so the name is added to the output. When
the theme changes that markup the repair does nothing, and the accessibility test says so.

On a page outside the navigation (every clause page), Material still writes the table of
contents' title as ``<label for="__toc">``, but the checkbox it names only exists for pages in
the navigation: a label for nothing, which the link checker reports. The ``for`` is dropped.

Two more repairs are for the Nu Html Checker and for reading from disk: ``autocomplete`` on the
theme's checkboxes, and the root-absolute paths of ``404.html`` (see each function).
"""

from __future__ import annotations

import json
import re

__all__ = ["name_search_dialog", "drop_dangling_toc_label", "drop_checkbox_autocomplete",
           "relative_not_found_page"]

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


# Material writes autocomplete="off" on its checkbox toggles (drawer, search) so that Firefox
# does not restore them open after "back"; HTML allows autocomplete on text-like inputs only,
# and the Nu Html Checker reports an error on every page. The attribute goes; Firefox may then
# remember an open drawer across "back", which is harmless.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def drop_checkbox_autocomplete(page_html: str) -> str:
    """Remove ``autocomplete`` from checkbox inputs, where HTML does not allow it."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)


_ROOTED = r'(\s(?:href|src|data-scope)=")'
_BASE_SCRIPT = ('<script>/* Served by a host for a missing page at any depth: resolve the site\'s '
                'files from its root. Opened from disk: from this file\'s folder. */'
                '(function(p){{if(location.protocol!=="file:"&&location.pathname.indexOf(p)===0)'
                '{{var b=document.createElement("base");b.href=p;document.head.prepend(b)}}}})({path})</script>')


# The theme's settings (a JSON script) name the site's root and the search worker as paths from
# the server's root, which a browser reading from disk would look for at the file system's root.
_CONFIG_FROM_DISK = ('<script>/* Opened from disk: the theme\'s settings point at this folder, the '
                     'site\'s root. */if(location.protocol==="file:"){var c=document.getElementById("__config"),'
                     's=JSON.parse(c.textContent),r=new URL(".",location).href;'
                     's.search=r+s.search.slice(s.base.length);s.base=r;c.textContent=JSON.stringify(s)}</script>')
_CONFIG_END = re.compile(r'(<script id="__config" type="application/json">.*?</script>)', re.S)


def relative_not_found_page(page_html: str, root_path: str) -> str:
    """The 404 page with paths relative to the site root instead of root-absolute.

    MkDocs writes ``404.html`` with root-absolute paths (``/singapore-2018/assets/…``), since a
    host serves it for a missing page at any depth; opened from disk, such paths point at the
    file system's root and the page shows unstyled. Here the paths are relative to the site root
    (where 404.html lies), and a small script at the top of ``<head>`` adds ``<base href>`` =
    the root path when a host serves the page under it, so both cases find the files. The
    theme's settings keep their server paths and are pointed at the site's folder when the page
    is read from disk.
    """
    if not root_path.startswith("/"):
        return page_html
    root = root_path if root_path.endswith("/") else root_path + "/"
    rooted = re.compile(_ROOTED + re.escape(root) + r'([^"]*)"')
    page_html = rooted.sub(lambda m: f'{m.group(1)}{m.group(2) or "./"}"', page_html)
    script = _BASE_SCRIPT.format(path=json.dumps(root).replace("<", "\\u003c"))
    page_html = _CONFIG_END.sub(lambda m: m.group(1) + _CONFIG_FROM_DISK, page_html, count=1)
    return re.sub(r"<head>", lambda _: "<head>" + script, page_html, count=1)
