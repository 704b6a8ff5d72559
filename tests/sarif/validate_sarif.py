#!/usr/bin/python3
"""Check a partnership file with dutycheck's SARIF format and validate the log for real.

Usage: tests/sarif/validate_sarif.py --dutycheck BIN --out DIR [--as-of DATE] PARTNERSHIP_FILE

Runs `BIN check --format sarif` on the file (from the repository root, so paths in the log are
relative to it as GitHub expects), writes the log to DIR, then validates it twice:

1. against the SARIF 2.1.0 JSON Schema the validator ships (with Debian's python3-jsonschema),
   which checks every enumeration and required property;
2. with Microsoft's `sarif-multitool validate` (npm package @microsoft/sarif-multitool, pinned in
   tests/sarif/package.json, installed by scripts/install-deps), with the SARIF rules and the
   GitHub code-scanning ingestion rules (`--rule-kind Sarif;Gh`).

Every validator result is printed; the exit status is 1 if the schema check fails or the
multitool reports any error (its own exit status is 0 even then, so its log is read), 2 if
something could not be run.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CONFIG = HERE / "validation.config.xml"
INSTALL_HINT = "run scripts/install-deps (it runs: npm ci --prefix tests/sarif --no-audit --no-fund)"


def multitool_folder():
    """The platform package of the multitool, as the npm wrapper would pick it. The wrapper itself
    (node_modules/.bin/sarif-multitool) is not used: it passes its arguments through a shell
    unquoted, which splits "Sarif;Gh" at the semicolon."""
    platform = {"linux": "linux", "darwin": "darwin", "win32": "win32", "cygwin": "win32"}.get(sys.platform)
    if platform is None:
        sys.exit(f"validate_sarif: no sarif-multitool build for platform {sys.platform}")
    return HERE / "node_modules" / "@microsoft" / f"sarif-multitool-{platform}"


def multitool_binary(folder):
    binary = folder / ("Sarif.Multitool.exe" if sys.platform in ("win32", "cygwin") else "Sarif.Multitool")
    if not binary.is_file():
        print(f"validate_sarif: {binary} is missing; {INSTALL_HINT}", file=sys.stderr)
        sys.exit(2)
    if not os.access(binary, os.X_OK):
        # Its package makes it executable in a postinstall script, which newer npm may not run.
        binary.chmod(binary.stat().st_mode | 0o100)
    return binary


def run_dutycheck(dutycheck, partnership_file, as_of, log_path):
    command = [dutycheck, "check", "--format", "sarif", "--as-of", as_of, partnership_file]
    run = subprocess.run(command, cwd=REPO, capture_output=True)
    # 0: nothing fails the gate; 1: findings fail it. Both write a complete report.
    if run.returncode not in (0, 1):
        print(f"validate_sarif: {' '.join(command)} exited {run.returncode}", file=sys.stderr)
        sys.stderr.write(run.stderr.decode("utf-8", "replace"))
        sys.exit(2)
    log_path.write_bytes(run.stdout)
    return json.loads(run.stdout.decode("utf-8"))


def schema_errors(log, schema_path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = []
    for error in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path))):
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)
        errors.append(f"$" + where + ": " + error.message)
    return errors


def multitool_findings(binary, log_path, report_path):
    command = [str(binary), "validate", str(log_path), "--output", str(report_path), "--log", "ForceOverwrite",
               "--rule-kind", "Sarif;Gh", "--config", str(CONFIG)]
    run = subprocess.run(command, capture_output=True)
    if run.returncode != 0 or not report_path.is_file():
        print(f"validate_sarif: sarif-multitool exited {run.returncode}", file=sys.stderr)
        sys.stderr.write(run.stdout.decode("utf-8", "replace") + run.stderr.decode("utf-8", "replace"))
        sys.exit(2)
    report = json.loads(report_path.read_text(encoding="utf-8-sig"))
    findings = []
    for validation_run in report.get("runs", []):
        for result in validation_run.get("results", []):
            level = result.get("level", "warning")  # SARIF's default level
            region = {}
            for location in result.get("locations", [])[:1]:
                region = location.get("physicalLocation", {}).get("region", {})
            text = result.get("message", {}).get("text") or " ".join(result.get("message", {}).get("arguments", []))
            findings.append((level, f"{log_path.name}({region.get('startLine', '?')},{region.get('startColumn', '?')}): "
                                    f"{level} {result.get('ruleId', '?')}: {text}"))
        for invocation in validation_run.get("invocations", []):
            if not invocation.get("executionSuccessful", True):
                findings.append(("error", "sarif-multitool: execution was not successful"))
            for kind in ("toolExecutionNotifications", "toolConfigurationNotifications"):
                for notification in invocation.get(kind, []):
                    level = notification.get("level", "warning")
                    descriptor = notification.get("descriptor", {}).get("id", "?")
                    findings.append((level, f"sarif-multitool: {level} {descriptor}: "
                                            f"{notification.get('message', {}).get('text', '')}"))
    return findings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dutycheck", required=True, help="the built dutycheck binary")
    parser.add_argument("--out", required=True, type=Path, help="folder for the SARIF log and the validator's report")
    parser.add_argument("--as-of", default="2026-01-01", help="evaluation date, so the log is reproducible")
    parser.add_argument("partnership_file")
    arguments = parser.parse_args()

    folder = multitool_folder()
    binary = multitool_binary(folder)
    arguments.out.mkdir(parents=True, exist_ok=True)
    stem = Path(arguments.partnership_file).stem
    log_path = arguments.out / f"{stem}.sarif"
    report_path = arguments.out / f"{stem}.validation.sarif"

    log = run_dutycheck(arguments.dutycheck, arguments.partnership_file, arguments.as_of, log_path)
    results = sum(len(run.get("results", [])) for run in log.get("runs", []))
    print(f"{log_path}: {results} results")

    failed = False
    for error in schema_errors(log, folder / "sarif-2.1.0.json"):
        print(f"{log_path.name}: schema: {error}")
        failed = True

    findings = multitool_findings(binary, log_path, report_path)
    for _, line in findings:
        print(line)
    counts = {level: sum(1 for found, _ in findings if found == level) for level in ("error", "warning", "note")}
    print(f"sarif-multitool: {counts['error']} errors, {counts['warning']} warnings, {counts['note']} notes "
          f"(report: {report_path})")
    failed = failed or counts["error"] > 0
    print("FAILED" if failed else "valid SARIF 2.1.0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
