#!/bin/bash
# The generated bash completion script, sourced as bash-completion would: each case sets the
# words typed so far and checks what _dutycheck offers.
# Usage: tests/cli/completion_test.sh GENERATED-SCRIPT
set -u
source "$1" || { echo "cannot source $1"; exit 1; }
failures=0

# complete WORD... : COMPREPLY for the last word as typed.
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _dutycheck
}

expect() {  # expect DESCRIPTION EXPECTED-REPLIES -- WORDS...
    local what=$1 want=$2
    shift 3
    complete_words "$@"
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
    if [[ "$got" != "$want " ]]; then
        echo "FAIL: $what: '$*' completed to '$got', expected '$want '"
        failures=$((failures + 1))
    fi
}

expect_has() {  # expect_has DESCRIPTION REPLY -- WORDS...
    local what=$1 want=$2
    shift 3
    complete_words "$@"
    if [[ " ${COMPREPLY[*]} " != *" $want "* ]]; then
        echo "FAIL: $what: '$*' offered '${COMPREPLY[*]}', not '$want'"
        failures=$((failures + 1))
    fi
}

expect "a command" "check" -- dutycheck ch
expect "an option of check" "--format" -- dutycheck check --for
expect "a command's own options only" "" -- dutycheck lint --for
expect "a format name" "json junit" -- dutycheck check --format j
expect "a format name after =" "--format=json --format=junit" -- dutycheck check --format=j
expect "a subcommand of rules" "coverage" -- dutycheck rules cov
expect "a value of rules coverage --format" "markdown" -- dutycheck rules coverage --format m
expect "after a global option" "check" -- dutycheck -v che
expect_has "a global option after the command" "--quiet" -- dutycheck check --qu
expect_has "init's options" "--force" -- dutycheck init --f
expect "the hidden generate command is not offered" "" -- dutycheck gen

# Files where a command takes them: after an option's value, too.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/partnership.json"
expect "a file" "$dir/partnership.json" -- dutycheck check --as-of 2023-09-20 "$dir/part"
expect "a file for --output's value" "$dir/partnership.json" -- dutycheck init inverclyde -o "$dir/p"

if ((failures)); then
    echo "$failures completion case(s) failed"
    exit 1
fi
echo "every completion case passed"
