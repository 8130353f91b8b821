"""Extraction throughput: read + segment + extract on a corpus scaled to >= 50 MB.

The sample corpus (``corpus/``: text, HTML and PDF) is replicated into a
temporary directory until it holds at least ``--mb`` megabytes. Each text and
HTML copy gets its own token (a line or paragraph naming the copy) so that the
copies are different documents; PDF copies are byte-identical (their text
layer cannot be edited cheaply), which does not change the work done. Without
a corpus, communique-style text is generated instead.

Each document is read (:func:`extractors.readers.read_document`: decoding,
normalisation, paragraphs, metadata), split into sentences
(:func:`extractors.segment.iter_sentences`) and extracted
(:func:`extractors.rules.extract_document`, unless ``--no-extract``), once
in one process and once with a process pool over all cores. Throughput is
input bytes per wall-clock second and per CPU second (this process and its
workers): on a shared machine the CPU-second rate is the per-core figure.

``--phases`` adds a one-process breakdown of the CPU time by step (read,
segment, extract) and by file type, which is where an optimisation has to
land.

Usage::

    .venv/bin/python bench/bench_extract.py --mb 50 --workers 1,2
    .venv/bin/python bench/bench_extract.py --mb 10 --workers 1 --phases
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alliancekg.ingest import expand_paths, settle_heap  # noqa: E402
from extractors.readers import read_document  # noqa: E402
from extractors.segment import iter_sentences  # noqa: E402

MB = 1024 * 1024

GENERATED = """JOINT COMMUNIQUE
The {n}th ROK-U.S. Security Consultative Meeting
Seoul, October {day}, 2017

1. The {n}th Republic of Korea (ROK)-United States (U.S.) Security Consultative Meeting (SCM) was held in Seoul
on October {day}, 2017. ROK Minister of National Defense Song Young-moo and U.S. Secretary of Defense James N.
Mattis led their respective delegations.

2. The Minister and the Secretary strongly condemned North Korea's sixth nuclear test on September 3, 2017, and
its launches of intercontinental ballistic missiles, which violate U.N. Security Council resolutions.

3. The Secretary reaffirmed the continued U.S. commitment to provide extended deterrence for the ROK using the full
range of military capabilities, including the U.S. nuclear umbrella, conventional strike and missile defense.

4. The two sides agreed to continue combined exercises and to strengthen the combined defense posture.
"""


def _vary(data: bytes, suffix: str, copy: int) -> bytes:
    if suffix in (".html", ".htm"):
        marker = f"<p>Benchmark copy {copy} of this page.</p>".encode()
        at = data.lower().rfind(b"</body>")
        return data[:at] + marker + data[at:] if at >= 0 else data + marker
    if suffix == ".pdf":
        return data
    return data + f"\n\nBenchmark copy {copy} of this document.\n".encode()


def build_corpus(source: Path | None, target: Path, megabytes: float) -> tuple[list[Path], int]:
    """Replicate the source documents into ``target`` until they reach ``megabytes``."""
    originals = [(p.suffix.lower(), p.read_bytes()) for p in expand_paths([source])] if source else []
    if not originals:
        originals = [(".txt", GENERATED.format(n=40 + k, day=1 + k).encode()) for k in range(20)]
    files: list[Path] = []
    total = 0
    copy = 0
    while total < megabytes * MB:
        folder = target / f"copy-{copy:05d}"
        folder.mkdir(parents=True)
        for index, (suffix, data) in enumerate(originals):
            path = folder / f"doc-{index:03d}{suffix}"
            body = _vary(data, suffix, copy)
            path.write_bytes(body)
            files.append(path)
            total += len(body)
        copy += 1
    return files, total


def work(path: Path, extract: bool) -> tuple[int, int, int, int]:
    """Read, segment and extract one file: (input bytes, text chars, sentences, graph records)."""
    doc = read_document(path)
    sentences = sum(1 for _ in iter_sentences(doc))
    records = 0
    if extract:
        from extractors.rules import extract_document

        graph = extract_document(doc)
        records = len(graph.nodes) + len(graph.relationships)
    return path.stat().st_size, len(doc.text), sentences, records


def _work_many(paths: list[Path], extract: bool) -> tuple[int, int, int, int]:
    totals = [0, 0, 0, 0]
    for path in paths:
        for i, value in enumerate(work(path, extract)):
            totals[i] += value
    return totals[0], totals[1], totals[2], totals[3]


def phases(files: list[Path], extract: bool) -> dict[str, list[float]]:
    """CPU seconds of each step by file type: {suffix: [read, segment, extract, input bytes]}."""
    out: dict[str, list[float]] = {}
    for path in files:
        t0 = time.process_time()
        doc = read_document(path)
        t1 = time.process_time()
        sum(1 for _ in iter_sentences(doc))
        t2 = time.process_time()
        if extract:
            from extractors.rules import extract_document

            extract_document(doc)
        t3 = time.process_time()
        row = out.setdefault(path.suffix.lower(), [0.0, 0.0, 0.0, 0.0])
        row[0] += t1 - t0
        row[1] += t2 - t1
        row[2] += t3 - t2
        row[3] += path.stat().st_size
    return out


def print_phases(table: dict[str, list[float]]) -> None:
    """Print :func:`phases` as a table with a share of the total CPU time per cell."""
    total = sum(sum(row[:3]) for row in table.values()) or 1.0
    print("CPU seconds by step and file type (one process):")
    print(" ".join(f"{h:>12}" for h in ("type", "MB", "read s", "segment s", "extract s", "MB/CPU-s")))
    rows = sorted(table.items())
    rows.append(("all", [sum(r[i] for _, r in rows) for i in range(4)]))
    for suffix, (read, seg, ext, size) in rows:
        cells = [f"{v:.2f} ({v / total:.0%})" for v in (read, seg, ext)]
        rate = size / MB / (read + seg + ext) if read + seg + ext else 0.0
        print(" ".join(f"{v:>12}" for v in (suffix, f"{size / MB:.1f}", *cells, f"{rate:.2f}")))


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(files: list[Path], workers: int, extract: bool) -> tuple[float, float, tuple[int, int, int, int]]:
    """Process every file with ``workers`` processes; return (wall seconds, CPU seconds, totals)."""
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    if workers == 1:
        totals = _work_many(files, extract)
    else:
        chunks = [files[i : i + 50] for i in range(0, len(files), 50)]
        sums = [0, 0, 0, 0]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(_work_many, chunks, [extract] * len(chunks)):
                for i, value in enumerate(part):
                    sums[i] += value
        totals = (sums[0], sums[1], sums[2], sums[3])
    return time.perf_counter() - t0, _cpu_seconds() - cpu0, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the scaled corpus in MB (default 50)")
    parser.add_argument("--workers", default=f"1,{os.cpu_count() or 1}", help="process counts to measure")
    parser.add_argument("--source", type=Path, default=ROOT / "corpus", help="sample corpus to replicate")
    parser.add_argument("--no-extract", action="store_true", help="measure reading and segmentation only")
    parser.add_argument("--phases", action="store_true", help="also print CPU time by step and file type")
    args = parser.parse_args()
    source = args.source if args.source.is_dir() else None
    extract = not args.no_extract
    if extract:
        from extractors.rules import extract_document

        if source:
            extract_document(read_document(expand_paths([source])[0]))  # compile the lexicon once
        settle_heap()  # as ingest does after its first document (workers inherit it)
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        t0 = time.perf_counter()
        files, total = build_corpus(source, Path(tmp), args.mb)
        print(
            f"corpus: {len(files)} documents, {total / MB:.1f} MB from {source or 'generated text'} "
            f"(built in {time.perf_counter() - t0:.1f} s); steps: read+segment{'+extract' if extract else ''}"
        )
        header = ("workers", "wall s", "CPU s", "MB/s", "MB/CPU-s", "docs/s", "text MB", "sentences", "records")
        print(" ".join(f"{h:>9}" for h in header))
        for workers in (int(w) for w in args.workers.split(",")):
            seconds, cpu, (size, chars, sentences, records) = run(files, workers, extract)
            row = (
                workers,
                f"{seconds:.1f}",
                f"{cpu:.1f}",
                f"{size / MB / seconds:.2f}",
                f"{size / MB / cpu:.2f}",
                f"{len(files) / seconds:.1f}",
                f"{chars / MB:.1f}",
                sentences,
                records,
            )
            print(" ".join(f"{v:>9}" for v in row))
        if args.phases:
            print_phases(phases(files, extract))
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
