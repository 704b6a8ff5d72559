#!/usr/bin/python3
"""Print python3-jsonschema's verdict, "valid" or "invalid", on partnership files and variants
of them, one line per input line, for the engine's differential test.

Reads JSON lines on standard input:
  {"document": D}           a partnership file; its verdict
  {"at": POINTER, "value": V}  the last document with the value at POINTER replaced by V

A variant is judged as a whole document. Only the changed value and the objects and lists that
hold it are validated again, which is exact for a schema whose keywords each judge one value
(type, enum, const, required, minimum, maximum, pattern, minItems, uniqueItems) and reach other
values only through properties, items and $ref: a document is then valid exactly when every value
meets the keywords of the subschema its path leads to, and a variant changes no other value nor
the subschema any other value is held to. The script refuses a schema with any other keyword.
Needs Debian's python3-jsonschema (4.10 or later).
"""
import json
import sys

import jsonschema

from validate_fixtures import SCHEMA, not_json, unique_keys

# Keywords that judge the value they are applied to and nothing else, and annotations.
LOCAL = {"type", "enum", "const", "required", "minimum", "maximum", "pattern", "minItems", "uniqueItems",
         "title", "description", "examples", "$comment", "$schema", "$id", "$defs",
         "x-event", "x-dated-by"}  # the format's own annotations: which dates are events (--as-of)
# Keywords that lead to other values' subschemas.
APPLICATORS = {"properties", "items", "$ref"}


class Judge:
    def __init__(self, schema):
        self.schema = schema
        self.validator = jsonschema.Draft202012Validator(schema)
        self.evolved = {}

    def resolved(self, subschema):
        """The subschema with its local $ref followed (whose siblings may only annotate)."""
        while isinstance(subschema, dict) and "$ref" in subschema:
            if set(subschema) - {"$ref", "title", "description", "examples", "$comment", "x-event"}:
                raise ValueError(f"$ref with other keywords: {sorted(subschema)}")
            target = self.schema
            for part in path(subschema["$ref"].removeprefix("#")):
                target = target[part]
            subschema = target
        if isinstance(subschema, dict) and set(subschema) - LOCAL - APPLICATORS:
            raise ValueError(f"keywords this script cannot split: {sorted(set(subschema) - LOCAL - APPLICATORS)}")
        return subschema

    def valid(self, subschema, instance, own_only=False):
        """jsonschema's verdict on `instance` against `subschema`; with own_only, only the
        subschema's own keywords, not those of its members or elements."""
        key = (id(subschema), own_only)
        if key not in self.evolved:
            applied = {k: v for k, v in subschema.items() if k not in APPLICATORS} if own_only else subschema
            self.evolved[key] = (applied, self.validator.evolve(schema=applied))
        return self.evolved[key][1].is_valid(instance)

    def child(self, subschema, part, container):
        """The subschema a member or element of `container` is held to, or None for none."""
        if isinstance(container, list):
            return self.resolved(subschema["items"]) if "items" in subschema else None
        properties = subschema.get("properties", {})
        return self.resolved(properties[part]) if part in properties else None

    def variant(self, document, parts, value):
        """The verdict on `document` with the value at path `parts` replaced by `value`, when
        `document` itself is valid."""
        subschema, node = self.resolved(self.schema), replaced(document, parts, value)
        for part in parts:
            if subschema is None:
                return True
            if not self.valid(subschema, node, own_only=True):
                return False
            subschema = self.child(subschema, part, node)
            node = node[int(part)] if isinstance(node, list) else node[part]
        return subschema is None or self.valid(subschema, node)


def path(pointer):
    """The keys and indexes of a JSON Pointer (RFC 6901), as strings."""
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


def replaced(node, parts, value):
    """`node` with the value at path `parts` replaced, sharing everything off that path."""
    if not parts:
        return value
    copy = list(node) if isinstance(node, list) else dict(node)
    key = int(parts[0]) if isinstance(node, list) else parts[0]
    copy[key] = replaced(node[key], parts[1:], value)
    return copy


def main():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    judge = Judge(schema)
    document = document_valid = None
    out = []
    for line in sys.stdin:
        entry = json.loads(line, object_pairs_hook=unique_keys, parse_constant=not_json)
        if "document" in entry:
            document = entry["document"]
            document_valid = judge.validator.is_valid(document)
            verdict = document_valid
        elif document_valid:
            verdict = judge.variant(document, path(entry["at"]), entry["value"])
        else:  # the values the variant leaves alone may be invalid too: judge it all
            verdict = judge.validator.is_valid(replaced(document, path(entry["at"]), entry["value"]))
        out.append("valid" if verdict else "invalid")
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


if __name__ == "__main__":
    main()
