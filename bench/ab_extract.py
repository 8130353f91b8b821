"""In-process A/B of the extraction path: a base tree against this tree, alternating, CPU time summed.

On a shared machine two bench runs a few minutes apart differ by more than
most speed changes; this runs both versions in one process instead. The
base tree (e.g. ``git archive main | tar -x -C /tmp/base``) and this tree are
imported under separate module tables; the corpus (``corpus/``, both sets,
replicated ``--copies`` times with the bench's per-copy line, see
``bench_extract.py``) is read, segmented and extracted by each in turn, the
order alternating from trial to trial, after one warm-up pass each. Every
node and relationship is consumed as a store would (its fields and a copy of
its properties), so that nothing made lazily escapes the count.

``--focus module:Qualified.name`` also sums the CPU time spent inside one
function on each side (a wrapper around it; the wrapper's own cost is the
same on both sides). Two runs of one tree differ by up to about 3 % here
at a load average of 6 on the 2 cores.

Usage::

    .venv/bin/python bench/ab_extract.py /tmp/base --copies 2 --trials 6
    .venv/bin/python bench/ab_extract.py /tmp/base --extract-only \
        --focus extractors.rules.evidence:GraphBuilder.evidence
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "graph", "alliancekg", "ontology")

Side = tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]


def _load(tree: Path, focus: str | None, spent: list[float]) -> Side:
    """read_document, iter_sentences and extract_document of ``tree``, in a module table of their own."""
    for name in [n for n in sys.modules if n.split(".")[0] in PACKAGES]:
        del sys.modules[name]
    sys.path.insert(0, str(tree))
    try:
        read = importlib.import_module("extractors.readers").read_document
        split = importlib.import_module("extractors.segment").iter_sentences
        rules = importlib.import_module("extractors.rules")
        if not str(rules.__file__).startswith(str(tree)):
            msg = f"{tree}: imported {rules.__file__} instead (is another copy installed as editable?)"
            raise SystemExit(msg)
        if focus:
            module, qualified = focus.split(":")
            owner: Any = importlib.import_module(module)
            *path, attr = qualified.split(".")
            for part in path:
                owner = getattr(owner, part)
            inner = getattr(owner, attr)

            def timed(*args: Any, **kwargs: Any) -> Any:
                t0 = time.process_time()
                try:
                    return inner(*args, **kwargs)
                finally:
                    spent[0] += time.process_time() - t0

            setattr(owner, attr, timed)
    finally:
        sys.path.remove(str(tree))
    return read, split, rules.extract_document


def _consume(graph: Any) -> int:
    for node in graph.nodes:
        _ = (node.iri, node.kind, node.label, dict(node.props))
    for rel in graph.relationships:
        _ = (rel.type, rel.source, rel.target, dict(rel.props))
    return len(graph.nodes) + len(graph.relationships)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="the base tree (a checkout or an unpacked archive)")
    parser.add_argument("--copies", type=int, default=2, help="corpus copies per pass")
    parser.add_argument("--trials", type=int, default=6, help="timed passes per side")
    parser.add_argument("--extract-only", action="store_true", help="read once, time extraction alone")
    parser.add_argument("--focus", help="module:Qualified.name of a function to time on each side")
    args = parser.parse_args()
    # the editable install of this tree would shadow the base tree's packages
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in str(f).lower()]
    spent = {"base": [0.0], "branch": [0.0]}
    sides = {
        "base": _load(args.base.resolve(), args.focus, spent["base"]),
        "branch": _load(ROOT, args.focus, spent["branch"]),
    }
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    work = Path(tempfile.mkdtemp(prefix="ab-extract-"))
    try:
        one = sum(p.stat().st_size for p in bench.expand_paths([ROOT / "corpus"]))
        files, total = bench.build_corpus(ROOT / "corpus", work, one * args.copies / bench.MB - 1e-6)
        docs = {name: [side[0](p) for p in files] for name, side in sides.items()} if args.extract_only else {}

        def run(name: str) -> tuple[float, float, int]:
            read, split, extract = sides[name]
            t_read = t_extract = 0.0
            records = 0
            for i, path in enumerate(files):
                t0 = time.process_time()
                if args.extract_only:
                    doc = docs[name][i]
                else:
                    doc = read(path)
                    sum(1 for _ in split(doc))
                t1 = time.process_time()
                records += _consume(extract(doc))
                t_read += t1 - t0
                t_extract += time.process_time() - t1
            return t_read, t_extract, records

        for name in sides:
            run(name)
        for cell in spent.values():
            cell[0] = 0.0
        sums = {name: [0.0, 0.0] for name in sides}
        order = ["base", "branch"]
        for trial in range(args.trials):
            for name in order if trial % 2 == 0 else order[::-1]:
                t_read, t_extract, records = run(name)
                sums[name][0] += t_read
                sums[name][1] += t_extract
                print(
                    f"trial {trial} {name:6}: read+segment {t_read:.2f} s, extract {t_extract:.2f} s, {records} records"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mb = total / bench.MB * args.trials
    for name, (t_read, t_extract) in sums.items():
        print(f"{name:6}: {mb / (t_read + t_extract):.3f} MB/CPU-s, read+seg {t_read:.2f} s, extract {t_extract:.2f} s")
    base, branch = sums["base"], sums["branch"]
    print(f"branch vs base: whole {sum(base) / sum(branch):.3f}x, extract {base[1] / branch[1]:.3f}x")
    if args.focus:
        b, r = spent["base"][0], spent["branch"][0]
        print(f"{args.focus}: base {b:.3f} s, branch {r:.3f} s, {b / r if r else float('nan'):.3f}x")


if __name__ == "__main__":
    main()
