"""Extraction is a function of the text: the same document gives the same graph in every process.

Python randomises string hashing per process, so a rule that picks from a set
would give a different evidence span from run to run, and a re-ingest would add
Mentions instead of finding the same ones. Two processes with different hash
seeds must extract the same nodes and relationships.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    "corpus/statements/camp-david-2023.txt",
    "corpus/official-shapes/communiques/dwp2016-appendix-scm-47-2015.txt",
    "corpus/official-shapes/communiques/scm-28-1996.txt",
    "corpus/official-shapes/web/study-drills-as-signals.html",
]
SCRIPT = """
import json, sys
from extractors.extract import extract_file
out = {}
for path in sys.argv[1:]:
    g = extract_file(path)
    out[path] = sorted(n.iri for n in g.nodes) + sorted(f"{r.source} {r.type} {r.target}" for r in g.relationships)
print(json.dumps(out))
"""


def _extract(seed: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *DOCS],
        capture_output=True, text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
    )  # fmt: skip
    return json.loads(done.stdout)


def test_two_hash_seeds_extract_the_same_graph() -> None:
    first, second = _extract("1"), _extract("2")
    assert set(first) == set(DOCS)
    for path in DOCS:
        assert first[path] == second[path], path
