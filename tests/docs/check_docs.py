#!/usr/bin/env python3
"""Keeps the documentation true: runs every console example and follows every local link.

A ```console block is a transcript. Each line that starts with "$ " is a command, run with bash
in a scratch folder that links to every top-level entry of the repository (so `fixtures/…`
resolves and a file an example writes, `init -o partnership.json`, lands outside the repository), with `build/release/dutycheck` and a bare `dutycheck` at the start of a
command standing for the program under test; the lines after it, up to the next command, are
what it prints (stdout and stderr together, as on a terminal). A line "..." in the expected
output stands for any number of lines, so an example may show only the start of a long report.
`echo $?` prints the exit status of the command before it.

Every relative link in the same files must name a file or folder of the repository, and a link
with a #fragment must name a heading of the file it points to (GitHub's anchors). A repository
path in inline code (`fixtures/…`, `rules/…`) must exist too, or name the stem of files that do
(`dsl/text` for dsl/text.hpp and dsl/text.cpp); what bench/run and the build write is exempt.

Usage: check_docs.py --dutycheck PATH [FILE.md...]   (run from the repository root; default: every
page of the repository outside build/, node_modules/ and the tests' golden files)
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

CONSOLE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
CODE_PATH = re.compile(r"`((?:bench|data|docs|dsl|engine|fixtures|report|rules|schema|scripts|tests|tools)/[^`\s]*)`")
GENERATED = ("bench/results/",)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    with open(path, encoding="utf-8") as f:
        text = FENCE.sub("", f.read())
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


def transcript(block):
    """[(command, [expected lines])] of a console block."""
    steps = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def matches(expected, actual):
    """True if `actual` lines match `expected`, where a "..." line matches any run of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def scratch_folder():
    """A temporary folder with a link to each top-level entry of the repository (the current folder)."""
    folder = tempfile.mkdtemp(prefix="dutycheck-docs-")
    for name in os.listdir("."):
        if name not in ("build", ".git"):
            os.symlink(os.path.abspath(name), os.path.join(folder, name))
    return folder


def run(command, program, status, folder):
    if command.strip() == "echo $?":
        return [str(status)], 0
    command = re.sub(r"^(build/release/)?dutycheck(?=\s|$)", lambda _: program, command)
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    done = subprocess.run(["bash", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=env, timeout=120, cwd=folder)
    return done.stdout.decode("utf-8", "replace").splitlines(), done.returncode


def check_examples(path, text, program):
    failures = []
    for block in CONSOLE.finditer(text):
        line_no = text.count("\n", 0, block.start()) + 1
        status = 0
        folder = scratch_folder()  # one per transcript: its commands may build on each other's files
        for command, expected in transcript(block.group(1)):
            actual, status = run(command, program, status, folder)
            # A transcript may end an output with blank lines the page does not show.
            while actual and not actual[-1].strip():
                actual.pop()
            while expected and not expected[-1].strip():
                expected.pop()
            if not matches(expected, actual):
                failures.append(f"{path}:{line_no}: `$ {command}` printed:\n"
                                + "\n".join("    " + a for a in actual)
                                + "\n  but the page shows:\n" + "\n".join("    " + e for e in expected))
        shutil.rmtree(folder)
    return failures


def exists_or_stem(target):
    """True if `target` exists, or is the stem of files that do (dsl/text: dsl/text.hpp)."""
    stem = os.path.basename(target.rstrip("/")) + "."
    folder = os.path.dirname(target.rstrip("/")) or "."
    return os.path.exists(target) or (os.path.isdir(folder) and any(n.startswith(stem) for n in os.listdir(folder)))


def check_links(path, text):
    failures = []
    prose = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for link in LINK.finditer(prose):
        target = link.group(1)
        if re.match(r"^[a-z]+:", target) or target.startswith("//"):
            continue
        line_no = prose.count("\n", 0, link.start()) + 1
        file_part, _, fragment = target.partition("#")
        resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
        if not os.path.exists(resolved):
            failures.append(f"{path}:{line_no}: the link ({target}) names {resolved}, which does not exist")
        elif fragment and resolved.endswith(".md") and fragment not in anchors(resolved):
            failures.append(f"{path}:{line_no}: the link ({target}) names a heading {resolved} does not have")
    for code in CODE_PATH.finditer(prose):
        target = code.group(1).split(":")[0]
        # Placeholders (RULE, FILE) and globs are patterns, not paths.
        if re.search(r"[*{}<>…]|[A-Z]{2,}", target) or target.startswith(GENERATED):
            continue
        if not any(exists_or_stem(os.path.join(base, target)) for base in ("", os.path.dirname(path))):
            line_no = prose.count("\n", 0, code.start()) + 1
            failures.append(f"{path}:{line_no}: `{code.group(1)}` names a path that is not in the repository")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dutycheck", required=True)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if not args.files:
        for folder, subfolders, names in os.walk("."):
            # Golden files are reports the tests compare, not pages anyone reads as docs.
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                                   and d not in ("build", "node_modules", "golden"))
            args.files += [os.path.normpath(os.path.join(folder, n)) for n in sorted(names) if n.endswith(".md")]
    program = os.path.abspath(args.dutycheck)
    failures = []
    examples = 0
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        examples += len(CONSOLE.findall(text))
        failures += check_examples(path, text, program)
        failures += check_links(path, text)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(args.files)} pages, {examples} console examples, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
