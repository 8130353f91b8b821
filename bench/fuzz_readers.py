"""Fuzz the readers: mutated corpus files either read or raise ExtractionError, never anything else.

The inputs are the corpus's ``.txt``, ``.html`` and ``.pdf`` files, each
mutated with :func:`tests.test_reader_fuzz.mutate` (the suite's seeded fuzz
test, 300 inputs, uses the same mutations): byte flips, inserted control
bytes, cuts, truncations, splices and damaged PDF/HTML keywords. Each input
goes through :func:`extractors.readers.read_document` (``--extract``: also
the rule extractor, as ``alliancekg extract`` does). The run is bounded by
``--count`` inputs and ``--seconds`` of wall time. Inputs that raise anything
but :class:`~graph.errors.ExtractionError` are kept in ``--keep`` and listed;
the exit status is 1 when there is any.

Usage::

    .venv/bin/python bench/fuzz_readers.py --count 10000 --seconds 600 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_reader_fuzz import corpus_inputs, mutate  # noqa: E402

from extractors.readers import read_document  # noqa: E402
from graph.errors import ExtractionError  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs at most")
    parser.add_argument("--seconds", type=float, default=600.0, help="wall time at most")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extract", action="store_true", help="run the rule extractor too")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "alliancekg-fuzz")
    args = parser.parse_args()

    import logging
    import random

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings on damaged PDFs are the point here

    extract = None
    if args.extract:
        from extractors.rules import extract_document

        extract = extract_document
    rng = random.Random(args.seed)
    inputs = corpus_inputs()
    tally: collections.Counter[tuple[str, str]] = collections.Counter()
    defects: list[str] = []
    t0 = time.perf_counter()
    done = 0
    with tempfile.TemporaryDirectory() as tmp:
        while done < args.count and time.perf_counter() - t0 < args.seconds:
            suffix, data = rng.choice(inputs)
            path = Path(tmp) / f"fuzz-{done}{suffix}"
            path.write_bytes(mutate(data, rng))
            try:
                doc = read_document(path)
                if extract is not None:
                    extract(doc, "https://w3id.org/alliancekg/id/")
                tally[suffix, "read"] += 1
            except ExtractionError:
                tally[suffix, "refused"] += 1
            except Exception as e:
                tally[suffix, "DEFECT"] += 1
                args.keep.mkdir(parents=True, exist_ok=True)
                kept = args.keep / path.name
                kept.write_bytes(path.read_bytes())
                defects.append(f"{kept}: {type(e).__name__}: {e}\n{traceback.format_exc(limit=-2)}")
            path.unlink()
            done += 1
    seconds = time.perf_counter() - t0
    print(f"{done} inputs in {seconds:.1f} s ({done / seconds:.0f}/s), seed {args.seed}")
    for suffix in sorted({s for s, _ in tally}):
        row = ", ".join(f"{tally[suffix, k]} {k}" for k in ("read", "refused", "DEFECT"))
        print(f"  {suffix}: {row}")
    for line in defects[:20]:
        print(line)
    return 1 if defects else 0


if __name__ == "__main__":
    raise SystemExit(main())
