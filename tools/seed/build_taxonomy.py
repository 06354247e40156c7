#!/usr/bin/env python3
"""Builds the taxonomy seed files (our own JSON shape) from the spec's controlled vocabularies.

Reads  <spec>/data/taxonomy/{mechanics,categories,themes}.yaml
Writes OpenTabletop.MigrationService/Seeding/Data/{mechanics,categories,themes}.json

Usage: python3 tools/seed/build_taxonomy.py [--spec PATH]
The spec defaults to ../shared/opentabletop-spec relative to the repository root (or $OTT_SPEC_DIR).
Only the facts the server stores are kept: slug, name, description (the spec's `definition`),
the primary parent (mechanics: the first ancestor; themes: parent_slug), mechanics' full ancestor
list with its order, synonyms, BGG ids, and for mechanics the origin game, year and era.
"""
import argparse
import json
import os
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "OpenTabletop.MigrationService" / "Seeding" / "Data"
EXPECTED = {"mechanics": 121, "categories": 32, "themes": 43}


def default_spec() -> Path:
    env = os.environ.get("OTT_SPEC_DIR")
    return Path(env) if env else REPO.parent / "shared" / "opentabletop-spec"


def text(value):
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def strings(values):
    return [str(v) for v in (values or [])]


def ints(values):
    return [int(v) for v in (values or [])]


def mechanic(term):
    ancestors = strings(term.get("ancestor_slugs"))
    return {
        "slug": term["slug"],
        "name": text(term["name"]),
        "description": text(term.get("definition")),
        "parent": ancestors[0] if ancestors else None,
        "ancestors": ancestors,
        "synonyms": strings(term.get("synonyms")),
        "bgg_ids": ints(term.get("bgg_ids")),
        "origin_game": text(term.get("origin_game")),
        "origin_year": term.get("origin_year"),
        "era": text(term.get("era")),
    }


def category(term):
    return {
        "slug": term["slug"],
        "name": text(term["name"]),
        "description": text(term.get("definition")),
        "parent": None,
        "synonyms": strings(term.get("synonyms")),
        "bgg_ids": ints(term.get("bgg_ids")),
    }


def theme(term):
    return {
        "slug": term["slug"],
        "name": text(term["name"]),
        "description": text(term.get("definition")),
        "parent": term.get("parent_slug") or None,
        "synonyms": strings(term.get("synonyms")),
        "bgg_ids": ints(term.get("bgg_ids")),
    }


def check(kind, terms):
    slugs = [t["slug"] for t in terms]
    if len(set(slugs)) != len(slugs):
        sys.exit(f"{kind}: duplicate slugs")
    if len(terms) != EXPECTED[kind]:
        sys.exit(f"{kind}: expected {EXPECTED[kind]} terms, found {len(terms)}")
    known = set(slugs)
    for t in terms:
        refs = t.get("ancestors", []) + ([t["parent"]] if t["parent"] else [])
        missing = [r for r in refs if r not in known]
        if missing:
            sys.exit(f"{kind}/{t['slug']}: unknown parent or ancestor {missing}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", type=Path, default=default_spec())
    args = parser.parse_args()
    source = args.spec / "data" / "taxonomy"
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, convert in (("mechanics", mechanic), ("categories", category), ("themes", theme)):
        with open(source / f"{kind}.yaml", encoding="utf-8") as f:
            terms = [convert(t) for t in yaml.safe_load(f)]
        check(kind, terms)
        with open(OUT / f"{kind}.json", "w", encoding="utf-8", newline="\n") as f:
            json.dump(terms, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(f"{kind}: {len(terms)} terms -> {OUT / (kind + '.json')}")


if __name__ == "__main__":
    main()
