"""Make the built site work with no network: the web-worker shim ships inside the site.

Browsers refuse to start a Web Worker from a ``file://`` page, and Material's search runs in
one. Material's ``offline`` plugin fixes that with a small shim (the npm package
``iframe-worker``, which runs the worker script in a hidden iframe) but links it from a CDN, so
search dies without a network. Here the shim is copied from the package installed at set-up
time (``npm ci``, see ``package.json``) into the site, with its licence, and the polyfill list
points at that copy. Material skips its CDN link when any listed polyfill's path contains
"iframe-worker"; a CDN link already added is removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["SHIM_SITE_DIR", "SHIM_SCRIPT", "ShippedFile", "OfflineAssetError", "worker_shim_files",
           "use_local_worker_shim", "is_remote_url"]

# Site paths. The folder name must contain "iframe-worker": that is how Material recognizes
# a shim it need not add from the CDN.
SHIM_SITE_DIR = "assets/annotated-edition/iframe-worker"
SHIM_SCRIPT = f"{SHIM_SITE_DIR}/shim.js"

# Inside the npm package: the bundled browser shim, and the licence that must travel with it.
_PACKAGE_FILES = {"shim/index.js": "shim.js", "LICENSE": "LICENSE"}


@dataclass(frozen=True)
class ShippedFile:
    """A file copied into the site: where it goes (site path) and where it comes from."""

    site_path: str
    source: Path


class OfflineAssetError(Exception):
    """A file the offline site needs is missing; the message says how to install it."""


def worker_shim_files(package_dir: Path) -> list[ShippedFile]:
    """The shim and its licence, from the installed package at ``package_dir``."""
    shipped = []
    for inside, site_name in _PACKAGE_FILES.items():
        source = package_dir / inside
        if not source.is_file():
            raise OfflineAssetError(
                f"the offline web-worker shim is missing: {source} does not exist. "
                "Run `make vendor` (it runs `npm ci`, installing the npm package iframe-worker "
                "listed in package.json), or point the plugin's `iframe_worker` option at the package.")
        shipped.append(ShippedFile(f"{SHIM_SITE_DIR}/{site_name}", source))
    return shipped


def is_remote_url(url: str) -> bool:
    """True for anything a browser would fetch from the network (``https:``, ``//host``)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "file", "data", "blob")


def use_local_worker_shim(polyfills: list[str]) -> list[str]:
    """The polyfill list with every remote iframe-worker link replaced by the local copy."""
    kept = [url for url in polyfills if not ("iframe-worker" in url and is_remote_url(url))]
    if SHIM_SCRIPT not in kept:
        kept.append(SHIM_SCRIPT)
    return kept
