"""What a citation needs to know about the edition itself: title, editors, version, date, URL.

The date must not change from one build of the same sources to the next, so it is never the
clock: it is the day given by ``SOURCE_DATE_EPOCH`` when that is set (the reproducible-builds
convention), otherwise the newest full date found in the edition's own data.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model import Edition

__all__ = ["EditionInfo", "edition_date", "absolute_url"]

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class EditionInfo:
    title: str
    editors: tuple[str, ...]
    version: str
    date: str
    language: str = "en"
    base_url: str = ""
    """The published site's address (``site_url``); empty when unknown, and then links in
    citations and exports are relative to the site's root."""
    licence: str = ""
    generator: str = "annotated-edition"

    def url(self, site_path: str) -> str:
        """The address of a file of the site, given its path from the site's root."""
        return absolute_url(self.base_url, site_path)


def absolute_url(base_url: str, site_path: str) -> str:
    if not base_url:
        return site_path
    return base_url.rstrip("/") + "/" + site_path.lstrip("/")


def edition_date(edition: Edition, source_date_epoch: str | None = None) -> str:
    """The edition's date as YYYY-MM-DD: from SOURCE_DATE_EPOCH, else the newest data date."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        moment = _dt.datetime.fromtimestamp(int(source_date_epoch.strip()), tz=_dt.timezone.utc)
        return moment.date().isoformat()
    dates = [note.date for note in edition.notes]
    dates += [event.date for event in edition.events]
    dates += [document.date for document in edition.documents.values()]
    full = [date for date in dates if _FULL_DATE.match(date)]
    if full:
        return max(full)
    return max(dates, default="1970-01-01")
