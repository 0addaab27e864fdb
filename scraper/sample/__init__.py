"""Sample portals for tests, demos and benchmarks: a server for manifest folders and a generator."""
