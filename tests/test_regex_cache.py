"""The extractor's regex cache gives the patterns ``re.compile`` gives, and never stands in the way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.rules import regex_cache
from extractors.rules.dates import date_pattern
from extractors.rules.patterns import load_rules, rule_files

TEXTS = (
    "The Minister and the Secretary reaffirmed the ironclad U.S. commitment on October 28, 2017 in Seoul.",
    "North Korea launched a Hwasong-15 ICBM on November 29, 2017; the 49th SCM condemned it.",
    "Both sides will continue to strengthen extended deterrence, including the Nuclear Consultative Group.",
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(tmp_path))
    regex_cache.forget()
    yield tmp_path
    regex_cache.forget()


def _every_rule_pattern() -> list[tuple[str, int]]:
    out = [(date_pattern().pattern, date_pattern().flags)]
    for name in sorted(rule_files()):
        rules = load_rules(name)
        out.extend((rules.source(key), rules.flags(key)) for key in rules.patterns)
    return out


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]


def test_every_rule_pattern_read_back_from_the_file_is_re_compiles_own(cache_dir: Path) -> None:
    patterns = _every_rule_pattern()
    assert len(patterns) > 100
    learnt = [regex_cache.compile(p, f) for p, f in patterns]
    written = regex_cache.save()
    assert written is not None and written.parent == cache_dir and written.stat().st_size > 0
    regex_cache.forget()
    read_back = [regex_cache.compile(p, f) for p, f in patterns]
    assert regex_cache.save() is None  # nothing new learnt: the file is not written again
    for (pattern, flags), a, b in zip(patterns, learnt, read_back, strict=True):
        own = re.compile(pattern, flags)
        _same(a, own)
        _same(b, own)


def test_a_damaged_or_foreign_file_is_ignored(cache_dir: Path) -> None:
    regex_cache.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
    path = regex_cache.save()
    assert path is not None
    path.write_bytes(b"\x00not marshal at all")
    regex_cache.forget()
    _same(regex_cache.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE),
          re.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE))  # fmt: skip
    import marshal

    key = (r"\d+", 0)
    path.write_bytes(marshal.dumps({"engine": regex_cache.ENGINE, "entries": {key: (0, [1, 2, 3], 0, {}, (None,))}}))
    regex_cache.forget()
    _same(regex_cache.compile(r"\d+"), re.compile(r"\d+"))  # the engine refused the bad code: compiled afresh
    path.write_bytes(marshal.dumps({"engine": "another-python", "entries": {}}))
    regex_cache.forget()
    _same(regex_cache.compile(r"\d+"), re.compile(r"\d+"))


def test_a_bad_expression_raises_as_re_does(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        regex_cache.compile(r"(unclosed")


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(regex_cache.CACHE_ENV, "off")
    regex_cache.forget()
    try:
        assert regex_cache.cache_path() is None
        _same(regex_cache.compile(r"\bSCM\b"), re.compile(r"\bSCM\b"))
        assert regex_cache.save() is None
    finally:
        regex_cache.forget()


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(blocker / "cache"))
    regex_cache.forget()
    try:
        _same(regex_cache.compile(r"\bNCG\b"), re.compile(r"\bNCG\b"))
        assert regex_cache.save() is None
    finally:
        regex_cache.forget()


def test_no_home_directory_switches_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without HOME and an account with a home (an arbitrary container uid), the rules still compile."""
    import pwd

    def no_account(_uid: int) -> pwd.struct_passwd:
        raise KeyError("no such account")

    for name in (regex_cache.CACHE_ENV, "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_account)
    regex_cache.forget()
    try:
        assert regex_cache.cache_path() is None
        _same(regex_cache.compile(r"\bSCM\b"), re.compile(r"\bSCM\b"))
        assert regex_cache.save() is None
    finally:
        regex_cache.forget()


def test_a_file_others_may_write_is_not_read(cache_dir: Path) -> None:
    """A cache file writable by group or others could have been planted: it is ignored, not trusted."""
    import marshal

    # an entry filed under r"a" with the code of r"b": read back, it would match "b"
    regex_cache.compile(r"b")
    planted = regex_cache._generate(r"b", 0)
    path = regex_cache.cache_path()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(marshal.dumps({"engine": regex_cache.ENGINE, "entries": {(r"a", 0): planted}}))
    path.chmod(0o600)
    regex_cache.forget()
    assert regex_cache.compile(r"a").search("b") is not None  # this user's own file is trusted as it is
    for mode in (0o666, 0o620, 0o602):
        path.chmod(mode)
        regex_cache.forget()
        _same(regex_cache.compile(r"a"), re.compile(r"a"))
        assert regex_cache.compile(r"a").search("b") is None


def test_derivations_read_back_from_the_file_equal_those_computed(cache_dir: Path) -> None:
    from extractors.rules.patterns import _first_word_prefixes, first_word_prefixes
    from extractors.rules.scan import _start_source, start_pattern

    patterns = _every_rule_pattern()
    fresh = [first_word_prefixes(p, f) for p, f in patterns]
    starts = start_pattern(date_pattern())
    assert regex_cache.save() is not None
    regex_cache.forget()
    assert [first_word_prefixes(p, f) for p, f in patterns] == fresh  # read back from the file
    assert regex_cache.save() is None  # ... so nothing new was learnt
    for (pattern, flags), kept in zip(patterns, fresh, strict=True):
        computed = _first_word_prefixes(pattern, flags)
        assert kept == (None if computed is None else set(computed))
    again = start_pattern(date_pattern())
    assert starts is not None and again is not None and again.pattern == starts.pattern == _start_source(date_pattern())


def test_a_derivation_is_kept_under_its_modules_source(cache_dir: Path, tmp_path: Path) -> None:
    module = tmp_path / "derive.py"
    module.write_text("VERSION = 1\n")
    assert regex_cache.derived("words", str(module), "a|b", 0, lambda: ("a", "b")) == ("a", "b")
    assert regex_cache.derived("words", str(module), "a|b", 0, lambda: ("changed",)) == ("a", "b")
    regex_cache.source_tag.cache_clear()
    module.write_text("VERSION = 2\n")  # the derivation was edited: its old answers are not used
    assert regex_cache.derived("words", str(module), "a|b", 0, lambda: ("changed",)) == ("changed",)
    regex_cache.source_tag.cache_clear()
    assert regex_cache.derived("words", str(tmp_path / "gone.py"), "a|b", 0, lambda: ("x",)) == ("x",)


def test_code_is_kept_as_bytes_and_an_old_list_entry_still_builds(cache_dir: Path) -> None:
    """The file keeps each expression's code as one byte string (fast to read however many the file holds); an
    entry holding the code as a list of words, as the first format did, builds the same pattern."""
    import marshal

    pattern, flags = r"\b(?P<n>\d+)(?:st|nd|rd|th)\s+SCM\b", re.IGNORECASE
    regex_cache.compile(pattern, flags)
    path = regex_cache.save()
    assert path is not None and path.name.startswith("regex2-")
    entry = marshal.loads(path.read_bytes())["entries"][(pattern, int(flags))]
    assert isinstance(entry[1], bytes) and regex_cache.CODE_TYPE is not None
    final_flags, code, groups, groupindex, indexgroup = entry
    from array import array

    as_list = (final_flags, array(regex_cache.CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)
    path.write_bytes(marshal.dumps({"engine": regex_cache.ENGINE, "entries": {(pattern, int(flags)): as_list}}))
    path.chmod(0o600)
    regex_cache.forget()
    _same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    assert regex_cache.save() is None  # the list entry was used as it is, not learnt again


def test_a_derived_value_marshal_cannot_write_is_computed_not_kept(cache_dir: Path, tmp_path: Path) -> None:
    import datetime as dt

    module = tmp_path / "derive.py"
    module.write_text("VERSION = 1\n")
    day = dt.date(2017, 10, 28)
    assert regex_cache.derived("dates", str(module), "x", 0, lambda: {"on": day}) == {"on": day}
    assert regex_cache.derived("dates", str(module), "x", 0, lambda: {"on": None}) == {"on": None}  # not kept
    assert regex_cache.save() is not None  # the file is still written (with the value that marshal takes)
    regex_cache.source_tag.cache_clear()


def test_ingest_with_workers_writes_the_cache(tmp_path: Path) -> None:
    """``ingest --workers 2`` leaves the cache file behind (its workers end without exit handlers: the extractor
    is loaded in the parent before they start, which writes what it compiled), and its graphs are those of one
    process."""
    import os
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "The 63rd Security Consultative Meeting was held in Seoul on October 9, 2031. The Minister and the "
        "Secretary pledged to strengthen the combined defense posture.\n", encoding="utf-8",
    )  # fmt: skip
    (docs / "b.txt").write_text(
        "North Korea launched an ICBM on November 29, 2017. The two sides condemned the launch and pledged to "
        "expand their combined exercises.\n", encoding="utf-8",
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIANCEKG_", "NEO4J_"))}
    counts = []
    for workers, cache in (("2", tmp_path / "cache-2"), ("1", tmp_path / "cache-1")):
        done = subprocess.run(
            [sys.executable, "-m", "alliancekg.cli", "ingest", str(docs), "--workers", workers, "--no-progress",
             "--data", str(tmp_path / f"graph-{workers}.json.gz")],
            env={**env, regex_cache.CACHE_ENV: str(cache)}, capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert [p.name for p in cache.iterdir()] == [regex_cache.FILE_NAME.format(tag=regex_cache.ENGINE)]
        line = " ".join(done.stdout.split())
        counts.append(re.search(r"(\d+) ingested, .*?\((\d+) nodes, (\d+) relationships\)", line).groups())  # type: ignore[union-attr]
    assert counts[0] == counts[1] and counts[0][0] == "2" and int(counts[0][1]) > 0


def test_large_derived_values_the_run_did_not_use_are_bounded(cache_dir: Path, tmp_path: Path) -> None:
    """A parsed rule file is kept per version of its text: the file holds at most MAX_LARGE such large values
    beyond those the last run used, so editing rule files does not grow the cache without end."""
    module = tmp_path / "derive.py"
    module.write_text("VERSION = 1\n")
    big = [f"{i:03d}" * 30 for i in range(60)]  # over LARGE_BYTES once marshalled
    for n in range(regex_cache.MAX_LARGE + 10):
        regex_cache.derived("doc", str(module), f"version {n}", 0, lambda: big)
    small = regex_cache.derived("words", str(module), "a|b", 0, lambda: ("a", "b"))
    assert regex_cache.save() is not None
    regex_cache.forget()
    regex_cache.derived("doc", str(module), "version 0", 0, lambda: big)  # this run uses one of them
    regex_cache.derived("doc", str(module), "new", 0, lambda: big)  # and learns another
    path = regex_cache.save()
    assert path is not None
    import marshal

    derived = marshal.loads(path.read_bytes())["derived"]
    docs = [k for k in derived if k[0].startswith("doc:")]
    assert len(docs) == regex_cache.MAX_LARGE
    assert any(k[1] == "version 0" for k in docs) and any(k[1] == "new" for k in docs)  # the used ones stay
    assert regex_cache.derived("words", str(module), "a|b", 0, lambda: ("other",)) == small  # small values stay
    regex_cache.source_tag.cache_clear()
