"""Benchmarks: `make bench` (or `python -m bench [AREA...]`) writes figures to bench/RESULTS.md.

Each area is a module `bench/<area>.py` with `run() -> str` returning a Markdown section
(the command, the machine, the figures and the baseline measured in the same run).
"""
