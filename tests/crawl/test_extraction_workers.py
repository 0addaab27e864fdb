"""scraper.workers: extraction in real spawned processes, page bodies passed through the spool file.

What the WARC import relies on: results in input order whatever the batching, bodies larger than
a pipe's buffer arriving whole, a barrier handing out every result before it, one set of processes
serving several runs, none started when there is nothing to extract, and a worker that fails or
dies reported as an error instead of a hang.
"""
from __future__ import annotations

import os
from operator import itemgetter

import pytest

from scraper.workers import BARRIER, Spool, Workers, ordered_map


def _bodies(n: int) -> list[bytes]:
    # sizes around and far above a pipe's 64 KB buffer
    return [bytes([i % 251]) * (1 + (i * 37_000) % 900_000) for i in range(n)]


@pytest.mark.parametrize("workers", [1, 2])
def test_bodies_come_back_whole_and_in_order(workers):
    bodies = _bodies(40)
    pairs = [(i, (body, f"http://h/{i}")) for i, body in enumerate(bodies)]
    out = list(ordered_map(itemgetter(0), pairs, workers, window=6, batch=4))
    assert [key for key, _ in out] == list(range(40))
    assert [result for _, result in out] == bodies


def test_a_barrier_hands_out_every_result_before_the_next_pair_is_read():
    seen: list[int] = []

    def pairs():
        for i in range(12):
            seen.append(i)
            yield i, (b"x" * i, "u")
            if i % 5 == 4:
                yield BARRIER

    handed = []
    for key, result in ordered_map(itemgetter(0), pairs(), 2, window=64, batch=8):
        handed.append(key)
        assert result == b"x" * key
        if key in (4, 9):  # the barrier after them: nothing after it read yet
            assert seen[-1] == key
    assert handed == list(range(12))


def test_spooled_bodies_are_not_written_twice_and_one_set_of_workers_serves_two_runs():
    spool = Spool()
    pool = Workers(2, spool)
    try:
        refs = [spool.write(body) for body in _bodies(10)]
        size = os.fstat(spool.fileno()).st_size
        first = list(ordered_map(itemgetter(0), [(i, (ref, "u")) for i, ref in enumerate(refs)], pool, spool=spool))
        assert os.fstat(spool.fileno()).st_size == size  # the workers read what was there
        assert [body for _, body in first] == _bodies(10)
        pids = [proc.pid for proc in pool._procs]
        second = list(ordered_map(itemgetter(1), [(i, (ref, f"u{i}")) for i, ref in enumerate(refs)], pool,
                                  spool=spool))
        assert [url for _, url in second] == [f"u{i}" for i in range(10)]
        assert [proc.pid for proc in pool._procs] == pids
    finally:
        pool.close()
        spool.close()
    assert not pool._procs


def test_nothing_to_extract_starts_no_process():
    spool = Spool()
    pool = Workers(2, spool)
    try:
        assert list(ordered_map(itemgetter(0), [(i, None) for i in range(20)], pool, spool=spool)) == \
            [(i, None) for i in range(20)]
        assert not pool._procs
    finally:
        pool.close()
        spool.close()


def test_a_failing_function_is_reported_not_hung():
    with pytest.raises(RuntimeError, match="extraction process failed: TypeError"):
        list(ordered_map(int, [(i, (b"x", "not a number")) for i in range(5)], 2))


def test_a_worker_that_dies_is_reported_not_hung():
    with pytest.raises(RuntimeError, match="ended unexpectedly"):
        list(ordered_map(os._exit, [(i, 3) for i in range(5)], 2, batch=1))
