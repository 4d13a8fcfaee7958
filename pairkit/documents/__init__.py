"""Word documents, calendars and PDFs: rendering, protected writes, the dossier, templates."""
