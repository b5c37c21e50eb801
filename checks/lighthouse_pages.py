"""Lighthouse (mobile) on every public page kind, all four categories, for issue notes.

Builds and serves the site exactly as site_checks.py does (production settings, TLS, demo
content, gunicorn), finds the pages by following links as a reader does, runs Lighthouse 12
with its default mobile settings on each and prints a table of the four category scores, plus
the audits under 0.9 that cost the most. Figures only: it fails nothing.

    .venv/bin/python checks/lighthouse_pages.py                   # every page kind
    .venv/bin/python checks/lighthouse_pages.py home article      # only these
    .venv/bin/python checks/lighthouse_pages.py --vnu ...         # and the Nu HTML Checker

CHECK_SITE_HOST picks the loopback address and CHECK_SITE_DATABASE the throwaway database, so
that two copies of the project can measure at once (defaults: those of site_checks.py).
Needs checks/node_modules (checks/run.sh installs it) and root for ports 80 and 443.
"""

import os
import re
import sys
from pathlib import Path

import site_checks as checks

checks.DATABASE = os.environ.get("CHECK_SITE_DATABASE", checks.DATABASE)
checks.PYTHON = Path(sys.executable)
checks.GUNICORN = Path(sys.executable).with_name("gunicorn")
checks.Site._environment_of_checks = staticmethod(checks.Site._environment)
checks.Site._environment = staticmethod(
    lambda: {
        **checks.Site._environment_of_checks(),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{checks.DATABASE}",
    }
)

PAGES = (
    "home",
    "category",
    "article",
    "search",
    "documents",
    "document",
    "organisation",
    "unit",
    "contact",
    "questions",
    "question",
    "consultations",
    "consultation",
    "poll",
    "town page",
    "english",
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def measure(name, path):
    report_path = checks.OUT / f"lighthouse-mobile-{re.sub(r'[^a-z0-9]+', '-', name)}.json"
    report = checks.lighthouse_report(path, report_path)
    scores = {key: round((report["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}
    weak = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["score"] is None or audit["score"] >= 0.9:
                continue
            if audit["scoreDisplayMode"] not in {"binary", "numeric", "metricSavings"}:
                continue
            shown = f" = {audit['displayValue']}" if audit.get("displayValue") else ""
            weak.append(f"{key}: {audit['id']}{shown}")
    return scores, weak


def main(arguments):
    vnu = "--vnu" in arguments
    wanted = [argument for argument in arguments if argument != "--vnu"]
    checks.OUT.mkdir(parents=True, exist_ok=True)
    site = checks.Site()
    site.build()
    site.start("served_urls", "lighthouse")
    try:
        pages, _ = checks.discover_pages(site)
        rows = []
        for name in wanted or PAGES:
            if name not in pages:
                print(f"  {name}: not found on the site", flush=True)
                continue
            scores, weak = measure(name, pages[name])
            rows.append((name, pages[name], scores))
            figures = "  ".join(f"{key} {scores[key]}" for key in CATEGORIES)
            print(f"  {name:<14} {figures}", flush=True)
            for line in weak:
                print(f"      - {line}", flush=True)
        if vnu:
            measured = {name: path for name, path, _ in rows}
            for result in checks.check_vnu(measured):
                print(f"  vnu {result.page:<14} {result.figures}", flush=True)
                for problem in result.problems:
                    print(f"      - {problem}", flush=True)
    finally:
        site.stop()
    print("\n| page | path | " + " | ".join(CATEGORIES) + " |")
    print("|---|---|" + "---|" * len(CATEGORIES))
    for name, path, scores in rows:
        print(f"| {name} | `{path}` | " + " | ".join(str(scores[key]) for key in CATEGORIES) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
