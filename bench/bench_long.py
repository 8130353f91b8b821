"""Long documents: time per MB and peak memory of read + segment + extract, at 1, 4, 16 and 64 MB.

Each size runs in its own process (so that its peak resident memory is its
own) on a generated document in the shape of a Defense White Paper appendix
converted from PDF: communique after communique, hard-wrapped at about 110
characters, with running headers and page numbers every forty lines and an
ordinal suffix on a line of its own now and then, so that the layout repair,
the splitter and every rule do their full work. ``--shape us`` instead repeats
"U.S. " (the input that once made sentence splitting quadratic).

Reported per size: CPU seconds per MB for reading (decoding, normalisation,
layout repair, metadata), sentence splitting and extraction; the peak
resident memory of the process and the part of it above what the process
held before reading the document, per MB of text. The time per MB should be
flat (within 1.5x from the smallest to the largest size) and so should the
memory per MB.

Usage::

    .venv/bin/python bench/bench_long.py                      # 1, 4, 16, 64 MB
    .venv/bin/python bench/bench_long.py --mb 1,4 --shape us
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 1_000_000

PARAGRAPHS = [
    "The {n}{sfx} Republic of Korea (ROK) and United States (U.S.) Security Consultative Meeting (SCM) was held in "
    "Seoul on October {day}, {year}. The ROK Minister of National Defense and the U.S. Secretary of Defense led their "
    "respective delegations, which included senior defense and foreign affairs officials.",
    "The Minister and the Secretary strongly condemned North Korea's sixth nuclear test of September 3, 2017, and its "
    "launches of intercontinental ballistic missiles, and called them clear violations of United Nations Security "
    "Council resolutions.",
    "In light of these provocations, the Minister and the Secretary pledged to fully implement the sanctions of the "
    "Security Council and to work with the international community to maximize pressure on North Korea.",
    "The Secretary reaffirmed the U.S. commitment to provide extended deterrence for the ROK using the full range of "
    "military capabilities, including the nuclear umbrella, conventional strike and missile defense capabilities.",
    "The two sides reaffirmed the mutual commitment of the two nations to defend the ROK through a robust combined "
    "defense posture under the ROK-U.S. Mutual Defense Treaty, and agreed to continue combined exercises.",
    "The Minister and the Secretary agreed to continue the conditions-based transition of wartime operational "
    "control and to strengthen the capabilities of the combined forces.",
    "The Secretary reaffirmed the U.S. commitment to maintain the current level of U.S. forces in the ROK, and both "
    "sides agreed to complete the relocation of U.S. forces to Camp Humphreys in a timely manner.",
    "The two sides noted the importance of trilateral security cooperation with Japan and agreed to continue "
    "trilateral exercises and the sharing of missile warning data.",
    "The Minister and the Secretary agreed to deepen cooperation in space, cyberspace and the defense industry, and "
    "to hold the next round of talks before the end of the coming year.",
    "Both sides expect the {next}{nsfx} SCM to be held in Washington, D.C., at a mutually convenient time.",
]


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _wrap(text: str, width: int = 110) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def appendix_text(megabytes: float) -> str:
    """Communiques in the layout of a converted White Paper appendix, about ``megabytes`` MB."""
    out: list[str] = []
    size = 0
    lines_on_page = 0
    page = 300
    block = 0
    while size < megabytes * MB:
        n = 40 + block % 60
        year = 1990 + block % 40
        title = f"Joint Communique of the {n}{_suffix(n)} ROK-U.S. Security Consultative Meeting"
        lines = [f"Appendix {block % 20 + 1}", title]
        lines.append(f"Seoul, October {1 + block % 28}, {year}")
        for k, template in enumerate(PARAGRAPHS, start=1):
            body = template.format(n=n, sfx=_suffix(n), day=1 + block % 28, year=year, next=n + 1, nsfx=_suffix(n + 1))
            wrapped = _wrap(f"{k}. {body}")
            if k == 1:  # the suffix set as a superscript on a line of its own, below its line
                wrapped[0] = wrapped[0].replace(f"{n}{_suffix(n)}", str(n), 1)
                wrapped.insert(1, _suffix(n))
            lines.extend(wrapped)
        for line in lines:
            out.append(line)
            size += len(line) + 1
            lines_on_page += 1
            if lines_on_page == 40:
                page += 1
                out.extend(["", f"{year} Defense White Paper", "", str(page)])
                lines_on_page = 0
        block += 1
    return "\n".join(out) + "\n"


def us_text(megabytes: float) -> str:
    """ "U.S. " repeated to about ``megabytes`` MB."""
    return "U.S. " * int(megabytes * MB / 5)


def run_one(megabytes: float, shape: str) -> dict[str, float]:
    """Read, split and extract one generated document in this process; the figures as a dict."""
    from extractors.readers import read_bytes
    from extractors.rules import extract_document
    from extractors.segment import iter_sentences

    read_bytes(b"Warm-up. The 1st SCM was held in Seoul on May 28, 1968.", suffix=".txt")
    data = (appendix_text(megabytes) if shape == "appendix" else us_text(megabytes)).encode("utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.process_time()
    doc = read_bytes(data, suffix=".txt")
    t1 = time.process_time()
    sentences = sum(1 for _ in iter_sentences(doc))
    t2 = time.process_time()
    graph = extract_document(doc)
    t3 = time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = len(data) / MB
    return {
        "mb": size,
        "read_s_per_mb": (t1 - t0) / size,
        "segment_s_per_mb": (t2 - t1) / size,
        "extract_s_per_mb": (t3 - t2) / size,
        "total_s_per_mb": (t3 - t0) / size,
        "sentences": sentences,
        "records": len(graph.nodes) + len(graph.relationships),
        "peak_rss_mb": peak,
        "rss_per_mb": (peak - before) / size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", default="1,4,16,64", help="comma-separated document sizes in MB")
    parser.add_argument("--shape", choices=("appendix", "us"), default="appendix")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.shape)))
        return
    rows = []
    print(f"shape: {args.shape}")
    print(
        f"{'MB':>6} {'read s/MB':>10} {'split s/MB':>11} {'extract s/MB':>13} {'total s/MB':>11} "
        f"{'sentences':>10} {'records':>10} {'peak RSS MB':>12} {'RSS MB/MB':>10}"
    )
    for size in (float(x) for x in args.mb.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--shape", args.shape],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['mb']:>6.1f} {row['read_s_per_mb']:>10.3f} {row['segment_s_per_mb']:>11.3f} "
            f"{row['extract_s_per_mb']:>13.3f} {row['total_s_per_mb']:>11.3f} {row['sentences']:>10} "
            f"{row['records']:>10} {row['peak_rss_mb']:>12.0f} {row['rss_per_mb']:>10.1f}",
            flush=True,
        )
    per_mb = [r["total_s_per_mb"] for r in rows]
    print(
        f"time per MB, largest / smallest: {max(per_mb) / min(per_mb):.2f} (flat within 1.5x: "
        f"{'yes' if max(per_mb) / min(per_mb) <= 1.5 else 'NO'})"
    )


if __name__ == "__main__":
    main()
