"""The project folder on disk: YAML answer files (ruamel), atomic writes, the lock, method files."""
