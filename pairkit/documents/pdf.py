"""PDF copies of the Word documents, through LibreOffice when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pairkit.errors import LibreOfficeMissing, PairkitError

_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


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
    outdir = documents[0].parent
    # A private profile: conversion works even while the user has LibreOffice open.
    with tempfile.TemporaryDirectory(prefix="pairkit-lo-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(outdir), *(str(d) for d in documents)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=300)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise PairkitError(
                f"LibreOffice n'a pas pu convertir les documents en PDF ({type(exc).__name__}).",
                hint="Fermez LibreOffice s'il est ouvert et relancez ; les documents Word sont "
                "bien écrits.",
            ) from None
    pdfs = [d.with_suffix(".pdf") for d in documents]
    missing = [p.name for p in pdfs if not p.is_file()]
    if missing:
        raise PairkitError(f"PDF non produits : {', '.join(missing)}.",
                           hint="Ouvrez le document dans Word ou LibreOffice et exportez-le en PDF.")
    return pdfs
