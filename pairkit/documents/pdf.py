"""PDF copies of the Word documents, through LibreOffice when it is installed.

A plain ``soffice --convert-to pdf`` lays the document out as saved: a table of contents made
by pairkit has no page numbers in it (Word fills them when it opens the file, LibreOffice does
not). So pairkit gives LibreOffice a private profile holding one small Basic macro that opens
each document, updates its indexes, then exports it. Where the macro cannot run (an unusual
LibreOffice), the plain conversion is used instead, so a PDF is still written.

PDFs are made in a private folder and then moved beside the documents, so a failed
conversion never leaves a stale or half-written PDF that looks new.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pairkit.errors import LibreOfficeMissing, PairkitError
from pairkit.files.atomic import atomic_write_bytes

_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
_TIMEOUT = 300

# Arguments arrive as one string « source|target|source|target… » of file URLs, in which a
# « | » or a quote is always percent-encoded. Errors skip the document: Python then sees its
# PDF missing and falls back to the plain conversion.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub ToPdf(pairs As String)
  Dim urls() As String
  urls = Split(pairs, &quot;|&quot;)
  For k = 0 To UBound(urls) - 1 Step 2
    ConvertOne(urls(k), urls(k + 1))
  Next k
End Sub

Sub ConvertOne(source As String, target As String)
  On Error GoTo Failed
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(target, store())
  doc.close(True)
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(doc) And Not IsEmpty(doc) Then doc.close(True)
End Sub
</script:module>
"""


def find_soffice() -> str | None:
    """LibreOffice's command, where it is installed, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in (*_WINDOWS_PLACES, _MAC_PLACE):
        if os.path.isfile(place):
            return place
    return None


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        raise PairkitError(
            f"LibreOffice n'a pas pu convertir les documents en PDF ({type(exc).__name__}).",
            hint="Fermez LibreOffice s'il est ouvert et relancez ; les documents Word sont "
            "bien écrits.",
        ) from None


def _with_indexes_updated(soffice: str, profile: Path, pairs: list[tuple[Path, Path]]) -> None:
    """Convert through the macro; any failure is left for the plain conversion to mend."""
    profile_arg = f"-env:UserInstallation={profile.as_uri()}"
    try:
        # The first start writes the profile (and its empty Basic library) ...
        subprocess.run([soffice, profile_arg, "--headless", "--terminate_after_init"],
                       check=True, capture_output=True, timeout=_TIMEOUT)
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.is_file():
            return
        # ... which then receives the macro.
        module.write_text(_MACRO, encoding="utf-8")
        urls = "|".join(f"{source.resolve().as_uri()}|{target.resolve().as_uri()}"
                        for source, target in pairs)
        subprocess.run([soffice, profile_arg, "--headless",
                        f'macro:///Standard.Module1.ToPdf("{urls}")'],
                       check=True, capture_output=True, timeout=_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return


def to_pdf(documents: list[Path]) -> list[Path]:
    """Convert .docx files to PDF beside them; return the PDFs written."""
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(
            "Les documents Word sont écrits, mais pas les PDF : LibreOffice n'est pas installé "
            "sur cet ordinateur.",
            hint="Installez LibreOffice (gratuit : https://fr.libreoffice.org/download/), ou sous "
            "Linux « sudo apt install libreoffice-writer », puis relancez avec --pdf.",
        )
    # A private profile: conversion works even while the user has LibreOffice open.
    with tempfile.TemporaryDirectory(prefix="pairkit-lo-") as work:
        profile, staging = Path(work) / "profil", Path(work) / "pdf"
        staging.mkdir()
        pairs = [(d, staging / d.with_suffix(".pdf").name) for d in documents]
        _with_indexes_updated(soffice, profile, pairs)
        left = [source for source, target in pairs if not target.is_file()]
        if left:
            _run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(staging), *(str(d) for d in left)])
        missing = [target.name for _, target in pairs if not target.is_file()]
        if missing:
            raise PairkitError(f"PDF non produits : {', '.join(missing)}.",
                               hint="Ouvrez le document dans Word ou LibreOffice et "
                               "exportez-le en PDF.")
        written = []
        for source, target in pairs:
            final = source.with_suffix(".pdf")
            atomic_write_bytes(final, target.read_bytes())
            written.append(final)
    return written

