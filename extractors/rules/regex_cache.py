"""The extractor's regular expressions, compiled once per machine rather than once per process.

The extractor builds about 400 expressions from its rule files and
vocabularies, and Python compiles each in two steps: parsing and code
generation in pure Python (``re._parser``, ``re._compiler``: about 0.15 CPU
seconds for these expressions, a third of a small ``alliancekg extract``),
then building the pattern object from the generated code in C
(``_sre.compile``). :func:`compile` keeps the generated code of each
expression in a file of the user's cache directory and, on the next run,
hands it straight to ``_sre.compile``, which checks the code it is given
(an invalid program is refused, never run).

Nothing else changes: the pattern object is the one ``re.compile`` would
build (same pattern, flags, groups; the equality is tested). The file is
keyed by the interpreter and the regex engine's version, so another Python
ignores it. A file of another user, or one that group or others may write,
is not read (see :func:`_trusted`). Any problem (no cache directory, an unreadable or foreign file,
an engine that refuses the code) falls back to ``re.compile`` silently; the
cache is never required.

The same file keeps what the extractor derives from an expression by parsing
it (:func:`derived`: the literal first words of a rule, the characters a date
can start with), which would otherwise parse each expression again at every
start, and the parsed rule files (:func:`extractors.rules.patterns.parse_rule_file`,
under a digest of each file's text), so that a start imports no YAML parser.

Where: ``$ALLIANCEKG_CACHE_DIR`` when set (empty or ``off`` disables the
cache), else ``$XDG_CACHE_HOME/alliancekg`` or ``~/.cache/alliancekg``. The
file is written once, when the process ends, and only when it learnt an
expression; it is replaced atomically, so concurrent runs cannot tear it.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # CPython's regex engine; elsewhere the cache is off
    import _sre
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _sre = None

CACHE_ENV = "ALLIANCEKG_CACHE_DIR"
"""Environment variable naming the cache directory (empty or ``off``: no cache)."""
FILE_NAME = "regex2-{tag}.marshal"
"""The file's name; ``regex2``: each expression's code is kept as one byte string (see :data:`CODE_TYPE`), not
as the list of integers the first format (``regex-``) held, which older checkouts still read and write."""
MAX_ENTRIES = 4000
"""Beyond this many expressions the file keeps only those used by the last run that wrote it."""
MAX_LARGE = 48
"""Derived values larger than :data:`LARGE_BYTES` (a parsed rule file) the file keeps beyond those the last run
used: every edited rule file adds one, so without a bound a developer's cache would grow by tens of kilobytes per
edit until :data:`MAX_ENTRIES`."""
LARGE_BYTES = 4096
"""Marshalled size above which a derived value counts against :data:`MAX_LARGE`."""
ENGINE = (
    f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}"
    if _sre is not None
    else ""
)
"""What the cached code depends on: the interpreter and its regex engine."""

CODE_TYPE = next((t for t in ("I", "L", "H") if array(t).itemsize == getattr(_sre, "CODESIZE", 0)), None)
"""The ``array`` type of one word of the engine's code: the code is kept as that array's bytes, which marshal
reads as one object, where a list is one object per word (a file of 1,800 expressions, grown by several
checkouts or versions, took 0.03 CPU s to read as lists, most of a start-up's reading of it); it becomes a list
only for the expressions a run uses."""

Entry = tuple[int, bytes | list[int], int, dict[str, int], tuple[Any, ...]]
"""``_sre.compile``'s arguments after the pattern: flags, code (bytes of :data:`CODE_TYPE`, or a list of
words), groups - 1, group index, index group."""

_lock = threading.Lock()
_table: dict[tuple[str, int], Entry] | None = None
_derived: dict[tuple[str, str, int], Any] = {}
_learnt = False
_used: set[tuple[str, int]] = set()
_used_derived: set[tuple[str, str, int]] = set()
_registered = False


def cache_path() -> Path | None:
    """The cache file of this interpreter, or None when the cache is off."""
    if not ENGINE:
        return None
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        if value.strip().lower() in ("", "off", "0", "none"):
            return None
        folder = Path(value)
    else:
        base = os.environ.get("XDG_CACHE_HOME")
        if not base:
            try:
                base = str(Path.home() / ".cache")
            except RuntimeError:  # no HOME and an account without one (an arbitrary container uid)
                return None
        folder = Path(base) / "alliancekg"
    return folder / FILE_NAME.format(tag=ENGINE.replace("/", "_"))


def _trusted(stat: os.stat_result) -> bool:
    """Only a file of this user that nobody else may write is read: marshal is not made for hostile data, and a
    planted entry would give a pattern another pattern's code (a shared ``$ALLIANCEKG_CACHE_DIR``, say)."""
    if not hasattr(os, "geteuid"):  # Windows: no owners or group bits in st_mode (files read 0o666)
        return True
    return stat.st_uid == os.geteuid() and not stat.st_mode & 0o022


def _read(path: Path | None) -> tuple[dict[tuple[str, int], Entry], dict[tuple[str, str, int], Any]]:
    if path is None:
        return {}, {}
    try:
        with path.open("rb") as f:
            if not _trusted(os.fstat(f.fileno())):
                return {}, {}
            data = marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}, {}
    if not isinstance(data, dict) or data.get("engine") != ENGINE or not isinstance(data.get("entries"), dict):
        return {}, {}
    derived = data.get("derived")
    return data["entries"], derived if isinstance(derived, dict) else {}


def _load() -> dict[tuple[str, int], Entry]:
    global _table, _registered
    if _table is None:
        _table, found = _read(cache_path())
        _derived.update(found)
        if not _registered:
            atexit.register(save)
            _registered = True
    return _table


@functools.cache
def source_tag(module_file: str) -> str | None:
    """A short digest of a module's source: the version of the derivations it defines (None if unreadable)."""
    try:
        return hashlib.blake2b(Path(module_file).read_bytes(), digest_size=8).hexdigest()
    except OSError:
        return None


def derived(kind: str, module_file: str, pattern: str, flags: int, compute: Callable[[], Any]) -> Any:
    """``compute()``, a value derived from the expression ``pattern`` by parsing it, from the cache when known.

    ``kind`` names the derivation (one function of the pattern and flags, such as ``"first-words"``) and
    ``module_file`` the module that defines it: a value is kept under the digest of that module's source, so
    an edited derivation is never answered from the file. The value must be one that marshal writes (None,
    str, int, tuples and lists of them).
    """
    tag = source_tag(module_file)
    if _sre is None or tag is None:
        return compute()
    key = (f"{kind}:{tag}", pattern, int(flags))
    with _lock:
        _load()
        if key in _derived:
            _used_derived.add(key)
            return _derived[key]
    value = compute()
    try:
        marshal.dumps(value)
    except ValueError:  # a value marshal cannot write (a date of a YAML file, say) is computed at every start
        return value
    global _learnt
    with _lock:
        _derived[key] = value
        _used_derived.add(key)
        _learnt = True
    return value


def _generate(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for ``pattern`` (its code, step for step)."""
    parsed = _sre_parse.parse(pattern, flags)
    code = _sre_compile._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # the opcodes are int subclasses (re's named constants): plain ints marshal, and _sre reads the same values
    final_flags = int(flags | parsed.state.flags)
    words = [int(c) for c in code]
    kept: bytes | list[int] = array(CODE_TYPE, words).tobytes() if CODE_TYPE is not None else words
    return final_flags, kept, int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = entry
    if isinstance(code, bytes):
        if CODE_TYPE is None:
            raise TypeError("code kept as bytes by an engine of another word size")
        code = array(CODE_TYPE, code).tolist()
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name re gives it
    """``re.compile(pattern, flags)``, from the cache when this expression was compiled before.

    Raises:
        re.error: the expression does not compile (as ``re.compile`` does).
    """
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    with _lock:
        table = _load()
        entry = table.get(key)
    if entry is not None:
        try:
            compiled = _build(pattern, entry)
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile it afresh below
            entry = None
        else:
            with _lock:
                _used.add(key)
            return compiled
    try:
        entry = _generate(pattern, int(flags))
        compiled = _build(pattern, entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - an engine this module does not know: the ordinary way
        return re.compile(pattern, flags)
    global _learnt
    with _lock:
        table[key] = entry
        _used.add(key)
        _learnt = True
    return compiled


def save() -> Path | None:
    """Write what this process learnt to the cache file (at exit; a no-op when nothing was learnt).

    Returns the file written, or None. Errors (a read-only home, a full
    disk) are ignored: the cache is an optimisation.
    """
    global _learnt
    path = cache_path()
    with _lock:
        if not _learnt or _table is None or path is None:
            return None
        entries = dict(_table) if len(_table) <= MAX_ENTRIES else {k: _table[k] for k in _used}
        kept = dict(_derived) if len(_derived) <= MAX_ENTRIES else {k: _derived[k] for k in _used_derived}
        large = [k for k, v in kept.items() if len(marshal.dumps(v)) > LARGE_BYTES]
        if len(large) > MAX_LARGE:  # the unused ones go first (another checkout's rule files parse again once)
            unused = [k for k in large if k not in _used_derived]
            for k in unused[: len(large) - MAX_LARGE]:
                del kept[k]
        _learnt = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".regex-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                marshal.dump({"engine": ENGINE, "entries": entries, "derived": kept}, out)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, ValueError):
        return None
    return path


def forget() -> None:
    """Drop what was read or learnt in this process (for tests; the file stays)."""
    global _table, _learnt
    with _lock:
        _table = None
        _learnt = False
        _used.clear()
        _derived.clear()
        _used_derived.clear()
