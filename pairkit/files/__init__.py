"""The project folder on disk: YAML answer files (written by ruamel, first read by libyaml),
the read cache, atomic writes, the lock, method files."""
