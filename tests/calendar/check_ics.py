#!/usr/bin/python3
"""The iCalendar calendar of each bundled fixture parses with python3-icalendar, and every event
has the date, end and summary of its deadline in the JSON calendar of the same run.

Usage: check_ics.py --dutycheck BINARY --as-of DATE [--as-of DATE]... FIXTURE.json...
"""
import argparse
import datetime
import json
import subprocess
import sys

import icalendar


def run(binary, as_of, fmt, fixture):
    done = subprocess.run([binary, "calendar", "--as-of", as_of, "--format", fmt, fixture],
                          capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{fixture}: dutycheck calendar --format {fmt} exited {done.returncode}: "
                 f"{done.stderr.decode(errors='replace')}")
    return done.stdout


def check(binary, as_of, fixture):
    raw = run(binary, as_of, "ics", fixture)
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        problems.append("the last line does not end with CRLF")
    for number, line in enumerate(lines[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number} has a bare line break")
        if len(line) > 75:
            problems.append(f"line {number} is {len(line)} octets, over 75")
        line.decode("utf-8")  # a fold that split a character would fail here
    calendar = icalendar.Calendar.from_ical(raw)
    if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        problems.append("VCALENDAR lacks VERSION:2.0 or PRODID")

    document = json.loads(run(binary, as_of, "json", fixture))["documents"][0]
    expected = document["missed"] + document["due_soon"] + document["later"]
    events = list(calendar.walk("VEVENT"))
    if len(events) != len(expected):
        problems.append(f"{len(events)} events for {len(expected)} deadlines")
    uids = set()
    for event, entry in zip(events, expected):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if isinstance(start, datetime.datetime) or start.isoformat() != entry["date"]:
            problems.append(f"{entry['rule']} at {entry['pointer']}: DTSTART {start!r}, expected the day {entry['date']}")
        elif end != start + datetime.timedelta(days=1):
            problems.append(f"{entry['rule']}: DTEND {end!r} is not the day after {start}")
        summary = str(event.get("SUMMARY"))
        if not summary.startswith(entry["title"] + " — ") or (entry["object"] and not summary.endswith(entry["object"])):
            problems.append(f"{entry['rule']}: SUMMARY {summary!r} does not name {entry['title']!r} and its object")
        description = str(event.get("DESCRIPTION"))
        if entry["citation"]["source"] not in description or not all(d in description for d in entry["duties"]):
            problems.append(f"{entry['rule']}: DESCRIPTION lacks the duty or the citation")
        uid = str(event.get("UID"))
        if uid in uids:
            problems.append(f"UID {uid} repeated")
        uids.add(uid)
        if not event.get("DTSTAMP"):
            problems.append(f"{entry['rule']}: no DTSTAMP")
    return problems, len(events)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dutycheck", required=True)
    parser.add_argument("--as-of", required=True, action="append")
    parser.add_argument("fixtures", nargs="+")
    args = parser.parse_args()
    failed = False
    total = 0
    for as_of in args.as_of:
        for fixture in args.fixtures:
            problems, count = check(args.dutycheck, as_of, fixture)
            total += count
            for problem in problems:
                print(f"{fixture} as of {as_of}: {problem}")
            failed = failed or bool(problems)
            print(f"{fixture} as of {as_of}: {count} events checked")
    if total == 0:
        print("no event was checked")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
