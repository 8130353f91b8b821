"""The rule files' lock: each file's version with a digest of its content, so that a change needs a new version.

A rule file's ``version:`` says which rules read a text, so it must move whenever what the extractor reads
from the file moves. Nothing made it so: versions were bumped by hand. ``extractors/data/rules/lock.json``
records, for every rule file, its version and the SHA-256 of its content (:func:`content_digest`: the parsed
document without its ``version``, so a comment or a re-wrapped line changes nothing, while any pattern, word or
setting does), and the name of the extractor (:data:`~extractors.rules.lexicon.EXTRACTOR`) that reads them.
``tests/test_rule_files.py`` fails while a file differs from its entry; refresh the lock with::

    .venv/bin/python -m extractors.rules.lock

which refuses a file whose content changed while its version did not go up (bump ``version:`` first) and
changes nothing then. ``--check`` only reports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from extractors.rules.patterns import RULES_DIR, RULES_PACKAGE, RulesError, _parse_yaml, rule_files

LOCK_NAME = "lock.json"
REFRESH = ".venv/bin/python -m extractors.rules.lock"
"""The command that refreshes the lock (named in every refusal)."""


@dataclass(frozen=True)
class Entry:
    """One rule file as the lock knows it."""

    version: int
    sha256: str


def lock_path() -> Path:
    """``extractors/data/rules/lock.json``."""
    return Path(str(resources.files(RULES_PACKAGE).joinpath(*RULES_DIR, LOCK_NAME)))


def content_digest(text: str, origin: str = "rule file") -> tuple[int, str]:
    """The version of a rule file's text and the SHA-256 of its content without the version.

    The content is the parsed YAML document (comments and layout are not content) written as JSON in the file's
    own key order (an ``any:`` list's order is content; so, conservatively, is the order of patterns).

    >>> content_digest("name: x\\nversion: 2\\nwords:\\n  w: [a, b]  # a comment\\n")[0]
    2
    >>> a = content_digest("name: x\\nversion: 2\\nwords:\\n  w: [a, b]\\n")[1]
    >>> a == content_digest("# notes\\nname: x\\nversion: 3\\nwords: {w: [a, b]}\\n")[1]
    True
    >>> a == content_digest("name: x\\nversion: 2\\nwords:\\n  w: [b, a]\\n")[1]
    False

    Raises:
        RulesError: the text is not a rule file (no mapping with an integer ``version``).
    """
    doc = _parse_yaml(text, origin)
    if not isinstance(doc, dict) or not isinstance(doc.get("version"), int):
        msg = f"{origin}: expected a mapping with an integer 'version'"
        raise RulesError(msg)
    body = {k: v for k, v in doc.items() if k != "version"}
    canonical = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)
    return doc["version"], hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def current(files: Mapping[str, Path] | None = None) -> dict[str, Entry]:
    """Every rule file's entry as the files stand, by name."""
    found = rule_files() if files is None else files
    out: dict[str, Entry] = {}
    for name in sorted(found):
        path = found[name]
        version, digest = content_digest(path.read_text(encoding="utf-8"), str(path))
        out[name] = Entry(version, digest)
    return out


def read_lock(path: Path | None = None) -> tuple[str | None, dict[str, Entry]]:
    """The extractor name and the entries the lock file records (none when there is no lock file).

    Raises:
        RulesError: the lock file is not what :func:`write_lock` writes.
    """
    where = lock_path() if path is None else path
    try:
        doc: Any = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, {}
    except (OSError, ValueError) as e:
        msg = f"the rule lock {where} is unreadable ({e}); refresh it with {REFRESH}"
        raise RulesError(msg) from e
    try:
        entries = {str(n): Entry(int(e["version"]), str(e["sha256"])) for n, e in doc["rules"].items()}
        return (str(doc["extractor"]), entries)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        msg = f"the rule lock {where} is malformed ({e!r}); refresh it with {REFRESH}"
        raise RulesError(msg) from e


def problems(locked: Mapping[str, Entry], now: Mapping[str, Entry]) -> list[str]:
    """What keeps ``now`` from being locked: each file whose content changed while its version did not go up."""
    out = []
    for name, entry in sorted(now.items()):
        old = locked.get(name)
        if old is None or old == entry:
            continue
        if entry.version <= old.version and entry.sha256 != old.sha256:
            out.append(f"{name}.yaml changed but its version is {entry.version} (locked: {old.version}): "
                       f"raise 'version:' above {old.version}")  # fmt: skip
        elif entry.version < old.version:
            out.append(f"{name}.yaml went back from version {old.version} to {entry.version}")
    return out


def differences(
    locked: Mapping[str, Entry], now: Mapping[str, Entry], extractor: str | None, locked_extractor: str | None
) -> list[str]:
    """Every way the files (and the extractor's name) differ from the lock, worded for the one who edits them."""
    out = problems(locked, now)
    for name, entry in sorted(now.items()):
        old = locked.get(name)
        if old is None:
            out.append(f"{name}.yaml is not in the lock")
        elif old != entry and entry.version > old.version:
            out.append(f"{name}.yaml is at version {entry.version}, the lock at {old.version}")
    out += [f"{name}.yaml is in the lock but gone" for name in sorted(set(locked) - set(now))]
    if extractor != locked_extractor:
        out.append(f"the extractor is {extractor!r}, the lock says {locked_extractor!r}")
    return out


def write_lock(extractor: str, entries: Mapping[str, Entry], path: Path | None = None) -> Path:
    """Write the lock file (one rule file a line, so that two branches' changes merge line by line)."""
    where = lock_path() if path is None else path
    lines = [
        "{",
        f'  "about": "Rule file versions and content digests (extractors/rules/lock.py); refresh: {REFRESH}",',
        f'  "extractor": {json.dumps(extractor)},',
        '  "rules": {',
    ]
    names = sorted(entries)
    for k, name in enumerate(names):
        e = entries[name]
        comma = "," if k < len(names) - 1 else ""
        lines.append(f'    {json.dumps(name)}: {{"version": {e.version}, "sha256": "{e.sha256}"}}{comma}')
    lines += ["  }", "}", ""]
    where.write_text("\n".join(lines), encoding="utf-8")
    return where


def refresh(
    extractor: str, files: Mapping[str, Path] | None = None, path: Path | None = None
) -> tuple[list[str], list[str]]:
    """Lock the rule files as they stand: (what changed in the lock, what was refused).

    Nothing is written when anything is refused (a file changed without a higher version).
    """
    locked_extractor, locked = read_lock(path)
    now = current(files)
    refused = problems(locked, now)
    if refused:
        return [], refused
    changed = differences(locked, now, extractor, locked_extractor)
    where = lock_path() if path is None else path
    if changed or not where.exists():
        write_lock(extractor, now, where)
    return changed, []


def main(argv: list[str] | None = None) -> int:
    """``python -m extractors.rules.lock [--check]``: refresh (or check) the rule lock; 1 when refused or stale."""
    from extractors.rules.lexicon import EXTRACTOR

    parser = argparse.ArgumentParser(prog="python -m extractors.rules.lock", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report how the files differ from the lock")
    args = parser.parse_args(argv)
    try:
        if args.check:
            locked_extractor, locked = read_lock()
            found = differences(locked, current(), EXTRACTOR, locked_extractor)
            for line in found:
                sys.stdout.write(f"{line}\n")
            sys.stdout.write("the rule lock is stale\n" if found else "the rule lock holds\n")
            return 1 if found else 0
        changed, refused = refresh(EXTRACTOR)
    except RulesError as e:
        sys.stderr.write(f"error: {e}\n")
        return 1
    if refused:
        for line in refused:
            sys.stderr.write(f"refused: {line}\n")
        sys.stderr.write("the lock was not changed\n")
        return 1
    for line in changed:
        sys.stdout.write(f"{line}\n")
    sys.stdout.write(f"locked {lock_path()}\n" if changed else "the rule lock already holds\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
