"""Questions as data: their model, their types (one parser each), the schema of step files."""
