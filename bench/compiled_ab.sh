#!/usr/bin/env bash
# Throwaway compiled build of the extractor's hot modules, checked and timed against this tree.
#
# The speed rounds of issue 15 asked whether compiling the pure-Python rule engine would reach
# 2 MB/CPU-s (BENCHMARKS.md, "Fourth speed round"). This script answers it again after any change:
# it unpacks HEAD into a temporary directory, compiles the modules below there (mypyc, from the dev
# dependencies, or Cython without type declarations, installed into the temporary directory), checks
# that the compiled tree writes byte-identical output (bench/extract_identity.py) and times it against
# this tree in one process (bench/ab_extract.py). Nothing is installed into the project or its venv;
# the package itself stays pure Python.
#
# Usage: bash bench/compiled_ab.sh [mypyc|cython] [ab_extract.py options...]
# Takes 2 (mypyc) to 4 (Cython) CPU minutes to build.
set -euo pipefail

tool=${1:-mypyc}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
py=$root/.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git -C "$root" archive HEAD | tar -x -C "$work"
cd "$work"
modules=(extractors/rules/*.py extractors/segment.py extractors/document.py
         extractors/readers/layout.py extractors/readers/normalize.py)

# The venv's setuptools may be older than the one pyproject.toml's licence field needs; the build
# here needs no project metadata, so pyproject.toml is set aside while it runs.
mv pyproject.toml pyproject.toml.off
case "$tool" in
  mypyc)
    # mypy 2.4's mypyc stops with an internal error on a starred name inside a tuple display
    # ("not in (*_JOINT_KINDS, ...)", on every line that has it); the copy gets the equivalent test.
    sed -i 's/self\.doc\.kind not in (\*_JOINT_KINDS, "other")/(self.doc.kind not in _JOINT_KINDS and self.doc.kind != "other")/' \
      extractors/rules/__init__.py
    printf '[mypy]\npython_version = 3.11\ncheck_untyped_defs = True\nignore_missing_imports = True\nplugins = pydantic.mypy\n' > mypy.ini
    "$root/.venv/bin/mypyc" "${modules[@]}" > build.log 2>&1 || { tail -20 build.log; exit 1; }
    ;;
  cython)
    "$py" -m pip install -q --target "$work/.cython" cython
    cat > cy_setup.py <<EOF
from setuptools import Extension, setup
from Cython.Build import cythonize
mods = "${modules[*]}".split()
# annotation_typing off: the annotations say "str" where str subclasses (enums) are passed
setup(name="x", script_args=["build_ext", "--inplace"], ext_modules=cythonize(
    mods, language_level=3, quiet=True, compiler_directives={"binding": True, "annotation_typing": False}))
EOF
    PYTHONPATH="$work/.cython" "$py" cy_setup.py > build.log 2>&1 || { tail -20 build.log; exit 1; }
    ;;
  *)
    echo "usage: bash bench/compiled_ab.sh [mypyc|cython] [ab_extract.py options...]" >&2
    exit 2
    ;;
esac
mv pyproject.toml.off pyproject.toml
echo "$tool: $(find extractors -name '*.so' | wc -l) compiled modules"

"$py" "$root/bench/extract_identity.py" --out "$work/base.json" > /dev/null
"$py" bench/extract_identity.py --out "$work/compiled.json" --compare "$work/base.json"
"$py" bench/ab_extract.py "$root" "$@"
