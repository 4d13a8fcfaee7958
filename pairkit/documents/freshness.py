"""Whether a project's documents are already those its files would give: then `documents` has
nothing to write.

The documents depend on the project's files (and its structure's, for a further recruitment),
the method, the templates that may be used, pairkit's version and the day (each document is
dated, and some points de vigilance follow the calendar); what is in `documents/` is part of
the key too, so that a document deleted or retouched in Word is written again (and a retouched
one set aside, as always). Everything is keyed on content (`cache`), read without loading the
method: an unchanged project is answered about as fast as `statut`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pairkit.files import cache
from pairkit.files.checklists import method_digest
from pairkit.files.project import DOCUMENTS_DIR, SHARED_FILES
from pairkit.resources import template_search_path

_KIND = "documents"


def key(root: Path, today: dt.date | None = None) -> str:
    """What the project's documents are computed from, and what they are now."""
    templates = [cache.folder_digest(folder, suffix=".docx") for folder in template_search_path(root)]
    return cache.digest((today or dt.date.today()).isoformat(), method_digest(),
                        cache.folder_digest(root, SHARED_FILES), *templates,
                        cache.folder_digest(root / DOCUMENTS_DIR, suffix=""))


def unchanged(root: Path, today: dt.date | None = None) -> dict[str, Any] | None:
    """What the last `documents` wrote and left out, when nothing changed since; else None."""
    found = cache.find(_KIND, cache.slot(root), key(root, today))
    return found if isinstance(found, dict) else None


def remember(root: Path, written: list[str], skipped: list[str], today: dt.date | None = None) -> None:
    """Keep, after a `documents`, what it wrote and left out, under the state it left."""
    cache.keep(_KIND, cache.slot(root), key(root, today), {"ecrits": written, "non_generes": skipped})
