#!/bin/bash
# `cmake --install` into a fresh prefix installs the binary, the rule packs, the schema, the bash
# completion and the man page, and the installed binary works away from the source tree.
# Usage: tests/cli/install_test.sh BUILD-DIR PREFIX
set -eu
build=$1 prefix=$2
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for file in bin/dutycheck share/bash-completion/completions/dutycheck share/man/man1/dutycheck.1 \
            share/dutycheck/rules/scotland/pack.rules share/dutycheck/schema/partnership.schema.json; do
    [[ -f "$prefix/$file" ]] || { echo "FAIL: $file not installed"; exit 1; }
done
cmp "$prefix/share/bash-completion/completions/dutycheck" <("$prefix/bin/dutycheck" generate bash-completion)
cmp "$prefix/share/man/man1/dutycheck.1" <("$prefix/bin/dutycheck" generate man)
# No data file beside the binary: init's locality list is inside it.
cd "$prefix"
bin/dutycheck init 'Western Isles' -o western-isles.json
set +e
bin/dutycheck check --as-of 2026-01-01 western-isles.json >/dev/null
code=$?
set -e
[[ $code == 1 ]] || { echo "FAIL: the installed check of init's file exited $code, expected 1 (unknowns)"; exit 1; }
echo "installed and ran from $prefix"
