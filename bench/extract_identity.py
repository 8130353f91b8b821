"""Output identity of the extractor: dump every corpus document's graph, compare with a saved dump.

A speed change to the extractor must not change what it writes. This dumps
``extract_document`` of every document under ``corpus/`` (both sets: the
sample corpus and ``corpus/official-shapes``) to one canonical JSON file:
each document's nodes and relationships in the order the extractor wrote
them, with their properties in insertion order (a Mention's ``text``,
``charStart``, ``charEnd`` and ``paragraph`` included), and checks on the way
that every Mention's text is the source at its span. Run it on the base tree
first, then on the branch with ``--compare``; together with ``alliancekg
evaluate`` of both gold sets that is the check of BENCHMARKS.md's speed
rounds.

Usage::

    .venv/bin/python bench/extract_identity.py --out /tmp/base.json               # in the base tree
    .venv/bin/python bench/extract_identity.py --out /tmp/branch.json --compare /tmp/base.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# this tree's packages, not those of an editable install of another tree
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in str(f).lower()]

from extractors.readers import read_document  # noqa: E402
from extractors.rules import extract_document  # noqa: E402
from graph.schema import Kind, Prop  # noqa: E402

SUFFIXES = (".txt", ".html", ".htm", ".pdf")


def _value(value: object) -> object:
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if hasattr(value, "value"):
        return value.value
    msg = f"cannot dump {type(value).__name__}"
    raise TypeError(msg)


def dump(corpus: Path) -> tuple[str, int, int]:
    """Canonical JSON of every document's graph under ``corpus``: (text, documents, records)."""
    out: dict[str, object] = {}
    records = 0
    # documents are read by their path relative to the corpus's parent, so that two trees' dumps compare
    # (a Document's ``source`` is the path it was read from)
    os.chdir(corpus.resolve().parent)
    paths = sorted(
        p.relative_to(corpus.resolve().parent)
        for p in corpus.resolve().rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
    )
    for path in paths:
        doc = read_document(path)
        graph = extract_document(doc)
        for node in graph.nodes:
            if node.kind == Kind.MENTION:
                start, end = node.props[Prop.CHAR_START.value], node.props[Prop.CHAR_END.value]
                assert isinstance(start, int) and isinstance(end, int)
                if doc.original[start:end] != node.props[Prop.TEXT.value]:
                    msg = f"{path}: Mention {node.iri} does not hold the source text at its span"
                    raise SystemExit(msg)
        out[str(path)] = {
            "nodes": [[n.iri, n.kind.value, n.label, list(n.props.items())] for n in graph.nodes],
            "relationships": [[r.type.value, r.source, r.target, list(r.props.items())] for r in graph.relationships],
        }
        records += len(graph.nodes) + len(graph.relationships)
    return json.dumps(out, default=_value, ensure_ascii=False, indent=0), len(paths), records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, required=True, help="where to write the dump")
    parser.add_argument("--compare", type=Path, help="a dump to compare with (exit 1 when it differs)")
    args = parser.parse_args()
    args.out, args.compare = args.out.resolve(), args.compare.resolve() if args.compare else None
    text, documents, records = dump(args.corpus)
    args.out.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    print(f"{documents} documents, {records} records, sha256 {digest} -> {args.out}")
    if args.compare is not None:
        same = args.compare.read_text(encoding="utf-8") == text
        print("identical" if same else f"DIFFERENT from {args.compare}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
