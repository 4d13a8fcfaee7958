"""What pairkit writes under `documents/`: hand edits are never silently overwritten.

Each file pairkit writes has its fingerprint recorded in `documents/.empreintes.json`. When a
file about to be regenerated no longer matches (someone retouched it in Word), it is first
renamed « NOM (modifié le …) » and pairkit says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pairkit.errors import DocumentLocked, PairkitError
from pairkit.files.atomic import atomic_write_bytes, atomic_write_text

FINGERPRINTS = ".empreintes.json"
# The parts of a Word document whose text a person edits; their digest is kept inside the
# document itself (its « identifier » property) so that losing .empreintes.json loses nothing.
CONTENT_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
MARK = "pairkit:"


@dataclass(frozen=True)
class Written:
    """A file pairkit wrote, and the hand-edited version it set aside, if any."""

    path: Path
    kept: Path | None = None  # the hand-edited version, renamed


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def content_digest(parts: dict[str, bytes]) -> str:
    """The digest of a document's content parts (by zip name), as written by pairkit."""
    names = sorted(name for name in parts if CONTENT_PARTS.fullmatch(name))
    return hashlib.sha256(b"".join(parts[name] for name in names)).hexdigest()


def _unedited_by_its_own_mark(payload: bytes) -> bool:
    """Whether a .docx still holds the content pairkit wrote, by the mark pairkit left in it."""
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            parts = {n: archive.read(n) for n in archive.namelist() if CONTENT_PARTS.fullmatch(n)}
            core = archive.read("docProps/core.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError):
        return False
    found = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", core)
    return found is not None and found.group(1) == MARK + content_digest(parts)


def _document_content(path: Path) -> str | None:
    """The digest of a Word document's content (not of its zip, which changes at every
    write); None when it cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            return content_digest({n: archive.read(n) for n in archive.namelist()
                                   if CONTENT_PARTS.fullmatch(n)})
    except (zipfile.BadZipFile, KeyError, OSError):
        return None


def _copy_key(copy: Path) -> str:
    return f"{copy.name}#source"


def remember_copy(copy: Path, document: Path) -> None:
    """Record which content of `document` its copy (the PDF) was made from."""
    content = _document_content(document)
    if content is None:
        return
    prints = _load(copy.parent)
    prints[_copy_key(copy)] = [content]
    _save(copy.parent, prints)


def copy_is_current(copy: Path, document: Path) -> bool | None:
    """Whether the copy was made from the document as it is now; None when pairkit does not
    know what it was made from (a copy it did not record)."""
    made_from = _load(copy.parent).get(_copy_key(copy))
    if not made_from:
        return None
    return _document_content(document) in made_from


def _same_calendar(old: bytes, new: bytes) -> bool:
    """Two calendars that differ only by when they were written (DTSTAMP, SEQUENCE)."""
    def events(payload: bytes) -> list[bytes]:
        return [line for line in payload.split(b"\r\n")
                if not line.startswith((b"DTSTAMP:", b"SEQUENCE:"))]

    return events(old) == events(new)


def _load(folder: Path) -> dict[str, list[str]]:
    """Fingerprints by file name: the versions pairkit wrote (two while a write is under way)."""
    try:
        data = json.loads((folder / FINGERPRINTS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(d) for d in v] if isinstance(v, list) else [str(v)] for k, v in data.items()}


def _save(folder: Path, prints: dict[str, list[str]]) -> None:
    plain = {name: digests[0] if len(digests) == 1 else digests for name, digests in prints.items()}
    # Not flushed to the disk: written twice per document, and if a crash loses it, a Word
    # document is still known by the mark inside it and a calendar by its events.
    atomic_write_text(folder / FINGERPRINTS, json.dumps(plain, indent=1, sort_keys=True),
                      durable=False)


def _locked(path: Path) -> DocumentLocked:
    return DocumentLocked(
        f"Impossible d'écrire « {path} » : le fichier est sans doute ouvert (Word, LibreOffice).",
        hint="Fermez le document puis relancez la commande.",
    )


def _keep_aside(path: Path, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y-%m-%d %Hh%M")
    candidate = path.with_name(f"{path.stem} (modifié le {stamp}){path.suffix}")
    index = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} (modifié le {stamp}, {index}){path.suffix}")
        index += 1
    try:
        path.rename(candidate)
    except PermissionError:
        raise _locked(path) from None
    return candidate


def write_output(path: Path, payload: bytes, now: dt.datetime | None = None) -> Written:
    """Write a document, first setting aside a version edited by hand since pairkit wrote it.

    While the write is under way the fingerprints accept both the old and the new version, so
    that a write or a crash between the document and its fingerprint never makes pairkit take
    its own document for one edited by hand.
    """
    folder = path.parent
    prints = _load(folder)
    kept = None
    new = _digest(payload)
    if path.exists():
        try:
            current = _digest(path.read_bytes())
        except PermissionError:
            raise _locked(path) from None
        mine = current in prints.get(path.name, []) or current == new or (
            path.suffix == ".docx" and _unedited_by_its_own_mark(path.read_bytes())) or (
            path.suffix == ".ics" and _same_calendar(path.read_bytes(), payload))
        if not mine:
            kept = _keep_aside(path, now or dt.datetime.now())
        else:
            prints[path.name] = [current, new] if current != new else [new]
            _save(folder, prints)
    try:
        atomic_write_bytes(path, payload)
    except PermissionError:
        raise _locked(path) from None
    prints[path.name] = [new]
    _save(folder, prints)
    return Written(path, kept)


def drop_stale(documents: list[Path]) -> tuple[list[Path], list[Path]]:
    """The PDF copies beside these Word documents that no longer say what they say: removed
    when pairkit recorded the content each was made from and it changed (a copy that says
    something else must not be sent by mistake); those it did not record and that are older
    than their document are only returned, to be pointed out. (removed, doubtful)."""
    removed, doubtful = [], []
    for document in documents:
        copy = document.with_suffix(".pdf")
        if not copy.is_file():
            continue
        current = copy_is_current(copy, document)
        if current is None:
            if copy.stat().st_mtime < document.stat().st_mtime:
                doubtful.append(copy)
            continue
        if current:
            continue
        try:
            copy.unlink()
        except OSError as exc:
            raise PairkitError(f"Impossible de supprimer « {copy} », copie PDF qui n'est plus à jour.",
                               hint=f"Fermez-la si elle est ouverte ({exc.strerror}), ou supprimez-la "
                               "à la main.") from None
        removed.append(copy)
    return removed, doubtful
