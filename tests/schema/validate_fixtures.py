#!/usr/bin/python3
"""Validate partnership files against schema/partnership.schema.json.

Usage: tests/schema/validate_fixtures.py [FOLDER_OR_FILE ...]   (default: fixtures/)

Every *.json under the given folders is validated, except files under a folder named
`invalid` (reserved for deliberately bad inputs). Each error is printed as
`FILE: POINTER: MESSAGE`. Exit status 1 if any file fails, 2 on a usage or schema error.
Needs Debian's python3-jsonschema (4.10 or later).
"""
import json
import os
import sys
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "schema" / "partnership.schema.json"


def shown(file):
    """The file as the user named it, or relative to the working folder."""
    relative = os.path.relpath(file)
    return file if file.is_absolute() and relative.startswith("..") else Path(relative)


def pointer(path):
    """The JSON Pointer (RFC 6901) of a jsonschema error path."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def unique_keys(pairs):
    """Reject duplicate keys, as dutycheck does: two "status" entries are ambiguous."""
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {json.dumps(key)}")
        seen.add(key)
    return dict(pairs)


def not_json(constant):
    raise ValueError(f"{constant} is not JSON")


def error_order(error):
    """Errors in document order: list indexes compare as numbers."""
    return [(0, part, "") if isinstance(part, int) else (1, 0, part) for part in error.absolute_path]


def partnership_files(arguments):
    """The files to validate: named files as given, and every *.json under named folders
    except those under a folder named `invalid`."""
    files = []
    for argument in arguments:
        path = Path(argument)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(file for file in sorted(path.rglob("*.json")) if "invalid" not in file.parts[:-1])
        else:
            raise FileNotFoundError(f"{argument}: no such file or folder")
    return files


def main(arguments):
    try:
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as problem:
        print(f"{SCHEMA}: the schema itself is invalid: {problem}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)

    try:
        files = partnership_files(arguments or [str(REPO / "fixtures")])
    except FileNotFoundError as problem:
        print(problem, file=sys.stderr)
        return 2

    passed = failed = 0
    for file in files:
        try:
            document = json.loads(file.read_text(encoding="utf-8"), object_pairs_hook=unique_keys,
                                  parse_constant=not_json)
        except (OSError, UnicodeDecodeError, ValueError) as problem:
            print(f"{shown(file)}: cannot read as JSON: {problem}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(document), key=error_order)
        for error in errors:
            print(f"{shown(file)}: {pointer(error.absolute_path) or '(top level)'}: {error.message}")
        if errors:
            failed += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
