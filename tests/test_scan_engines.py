"""Engines: in-process, process pool and a real Dask LocalCluster give the same results."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from textdiff.errors import OptionsError
from textdiff.scan import ScanConfig, scan
from textdiff.scan.engines import InProcess, ProcessPool, make_executor, run_all
from textdiff.scan.report import jsonl

from .conftest import CORPORA, SAMPLES
from .test_scan_runner import ARCHIVE_2012, archive_slice

HAVE_DASK = importlib.util.find_spec("distributed") is not None


def _square(x: int) -> int:
    return x * x


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    if ARCHIVE_2012.exists():
        folder = tmp_path_factory.mktemp("engines")
        paths.append(str(archive_slice(folder / "slice.jsonl.gz", 1200)))
        paths.append(str(CORPORA / "kcna-revisions-2024" / "groups"))
    return tuple(paths)


@pytest.fixture(scope="module")
def in_process(inputs: tuple[str, ...]) -> str:
    r = scan(ScanConfig(inputs=inputs, partition_bytes=256 << 10), executor=InProcess())
    assert len(r.collection.families) > 5 or not ARCHIVE_2012.exists()
    return jsonl(r.collection, r.stats, r.documents)


def test_executors_map_everything() -> None:
    pool = ProcessPool(2)
    try:
        assert sorted(run_all(pool, _square, range(20))) == [x * x for x in range(20)]
    finally:
        pool.close()
    assert run_all(InProcess(), _square, [3]) == [9]


def test_options_that_make_no_sense() -> None:
    with pytest.raises(OptionsError, match="--scheduler ADDRESS or --dask-local"):
        make_executor("dask")
    with pytest.raises(OptionsError, match="only with --engine dask"):
        make_executor("local", scheduler="tcp://127.0.0.1:1")
    assert isinstance(make_executor("local", 1), InProcess)


def test_process_pool_gives_the_same_bytes(inputs: tuple[str, ...], in_process: str) -> None:
    pool = ProcessPool(2)
    try:
        r = scan(ScanConfig(inputs=inputs, partition_bytes=256 << 10), executor=pool)
    finally:
        pool.close()
    assert jsonl(r.collection, r.stats, r.documents) == in_process


@pytest.mark.skipif(not HAVE_DASK, reason="dask[distributed] not installed")
def test_dask_local_cluster_gives_the_same_bytes(
    inputs: tuple[str, ...], in_process: str, tmp_path: Path
) -> None:
    executor = make_executor("dask", dask_local=2)
    try:
        assert executor.name.startswith("dask (local cluster")
        address = executor.client.scheduler.address  # type: ignore[attr-defined]
        assert address.startswith("tcp://127.0.0.1:")
        r = scan(
            ScanConfig(inputs=inputs, partition_bytes=256 << 10),
            str(tmp_path / "dask.sqlite"),
            executor,
        )
    finally:
        executor.close()
    assert jsonl(r.collection, r.stats, r.documents) == in_process
