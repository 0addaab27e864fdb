"""The SQLite archive: storage, search, export and the `portal-archive` command line."""
