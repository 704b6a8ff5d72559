#!/usr/bin/python3
"""Prints a partnership file's HTML report to PDF in headless Chromium and holds it to a page budget.

Usage: print_pages.py --dutycheck BINARY --as-of DATE --budget PAGES [--out DIR] FIXTURE.json

The report is what `dutycheck check --format html` writes; Chromium (Debian's `chromium`) prints it
to A4 as a browser's "Save as PDF" does, without the browser's own header and footer. Fails when
the PDF has more pages than the budget, or a page that is nearly blank (read with pdftotext,
Debian's poppler-utils): fewer than MIN_WORDS words besides the page header and footer, or, before
the last page, text on less than MIN_FILL of the page's height, which is what a forced break
landing just after a heading or a short section leaves behind.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

MIN_WORDS = 12
MIN_FILL = 0.25
# A4 is 595 x 842 points; the stylesheet's margins are 15 mm at the top and 13 mm at the foot.
TOP, FOOT = 42.5, 842 - 36.8


def page_count(pdf: bytes) -> int:
    # Each page is one object of /Type /Page; the page tree's nodes are /Type /Pages.
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def body_extents(pdf_path: str) -> list[tuple[int, float]]:
    """Per page: how many words it has inside its margins, and how far down the page they reach
    (0 to 1 of the space between the margins). The header and footer every page has are left out."""
    html = subprocess.run(["pdftotext", "-bbox", pdf_path, "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        words, bottom = 0, TOP
        for y_min, y_max in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', page):
            if float(y_min) < TOP or float(y_max) > FOOT:
                continue
            words += 1
            bottom = max(bottom, float(y_max))
        pages.append((words, (bottom - TOP) / (FOOT - TOP)))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dutycheck", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--budget", type=int, required=True)
    parser.add_argument("--out", help="folder to keep the report and its PDF in")
    parser.add_argument("fixture")
    args = parser.parse_args()

    chromium = shutil.which("chromium")
    if chromium is None:
        print("print_pages.py: chromium not found: run scripts/install-deps", file=sys.stderr)
        return 1
    name = os.path.splitext(os.path.basename(args.fixture))[0]
    with tempfile.TemporaryDirectory() as work:
        out = args.out or work
        os.makedirs(out, exist_ok=True)
        html = os.path.join(out, name + ".html")
        pdf_path = os.path.join(out, name + ".pdf")
        report = subprocess.run([args.dutycheck, "check", "--format", "html", "--as-of", args.as_of,
                                 "--fail-on", "none", args.fixture], capture_output=True)
        if report.returncode != 0:
            sys.stderr.write(report.stderr.decode(errors="replace"))
            print(f"print_pages.py: dutycheck check failed (exit {report.returncode})", file=sys.stderr)
            return 1
        with open(html, "wb") as f:
            f.write(report.stdout)
        # No network and a profile of its own: the report must print from the file alone.
        printed = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                  "--user-data-dir=" + os.path.join(work, "profile"), "--no-pdf-header-footer",
                                  "--print-to-pdf=" + pdf_path, "file://" + os.path.abspath(html)],
                                 capture_output=True, timeout=120)
        if printed.returncode != 0 or not os.path.exists(pdf_path):
            sys.stderr.write(printed.stderr.decode(errors="replace"))
            print("print_pages.py: chromium did not print the report", file=sys.stderr)
            return 1
        with open(pdf_path, "rb") as f:
            pages = page_count(f.read())

        failures = []
        if pages == 0:
            failures.append("the PDF has no pages")
        if pages > args.budget:
            failures.append(f"{pages} pages, over the budget of {args.budget}")
        if shutil.which("pdftotext"):
            extents = body_extents(pdf_path)
            for page, (words, fill) in enumerate(extents, start=1):
                # The last page ends where the report ends; any other page ends early only when a
                # break was forced, and a break that leaves a page this empty is a wasted page.
                if words < MIN_WORDS or (page < len(extents) and fill < MIN_FILL):
                    failures.append(f"page {page} is nearly blank ({words} words, {fill:.0%} of the page used)")
        else:
            print("print_pages.py: pdftotext not found (poppler-utils): blank pages not checked", file=sys.stderr)

        print(f"{name}: {pages} pages (budget {args.budget})")
        for failure in failures:
            print(f"{name}: {failure}", file=sys.stderr)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
