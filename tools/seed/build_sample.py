#!/usr/bin/env python3
"""Builds the `sample` seed (our own JSON shape) from the spec's sample games and examples.

Reads  <spec>/data/samples/{spirit-island,terraforming-mars}/*.yaml   (the sample facts; they win)
       <spec>/spec/examples/game-spirit-island.yaml                 (image and thumbnail URLs)
       <spec>/spec/examples/game-with-expansions.yaml               (add-on fields the samples omit)
       <spec>/spec/examples/effective-properties.yaml               (per-expansion deltas, explicit combo)
       <spec>/spec/examples/relationship-graph.yaml                 (relationship types and metadata)
plus the curated facts below (people, publishers, family, editions, award, alternate names).
Writes OpenTabletop.MigrationService/Seeding/Data/sample-games.json

Usage: python3 tools/seed/build_sample.py [--spec PATH]   (default ../shared/opentabletop-spec or $OTT_SPEC_DIR)

Rules applied (each printed as a note when it fires):
- sample values win over the examples; the examples only fill fields the samples do not give;
- `language_dependence: moderate` is not in the enum and becomes `moderate_text`;
- a standalone expansion has no parent_game_id (spec rule); its link to the base game is the
  symmetric `integrates_with` relationship (stored both ways) plus the example's `reimplements`;
- taxonomy slugs are kept as the samples spell them: the seeder maps them onto the vocabulary
  (slug, synonym, or "<slug>-game") and logs what it drops;
- top/recommended player counts are not stored here: the seeder derives them from the ratings.
"""
import argparse
import datetime
import json
import os
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "OpenTabletop.MigrationService" / "Seeding" / "Data" / "sample-games.json"

GAME_FIELDS = [
    "id", "slug", "name", "type", "year_published", "description", "description_short",
    "min_players", "max_players", "min_playtime_minutes", "max_playtime_minutes",
    "community_playtime_min_minutes", "community_playtime_max_minutes", "community_playtime_median_minutes",
    "min_age", "community_suggested_age", "weight", "weight_votes", "average_rating", "bayes_rating",
    "rating_count", "rating_stddev", "rating_distribution", "rating_confidence", "rank_overall",
    "owner_count", "wishlist_count", "total_plays", "language_dependence", "mode", "image_url",
    "thumbnail_url", "bgg_id", "funding_source", "status", "created_at", "updated_at",
]

# Fields an add-on may take from game-with-expansions.yaml when its sample omits them. Aggregates
# (bayes_rating, ...) and the example's own ids/bgg ids are not taken: the samples are the truth.
ADDON_FILL = {
    "expansion": ["min_playtime_minutes", "max_playtime_minutes", "community_playtime_median_minutes",
                  "min_age", "mode", "created_at", "updated_at"],
    "standalone_expansion": ["min_playtime_minutes", "max_playtime_minutes",
                             "community_playtime_median_minutes", "min_age", "mode", "created_at", "updated_at"],
    # The promo packs add spirits only (no property changes), so only their mode and timestamps.
    "promo": ["mode", "created_at", "updated_at"],
}

LANGUAGE_DEPENDENCE = {"moderate": "moderate_text", "some": "some_text", "extensive": "extensive_text",
                       "none": "no_text", "unplayable": "unplayable_without_text"}

SI = "spirit-island"
BC = "spirit-island-branch-and-claw"
JE = "spirit-island-jagged-earth"
NI = "spirit-island-nature-incarnate"
HZ = "spirit-island-horizons"
P1 = "spirit-island-promo-pack-1"
P2 = "spirit-island-promo-pack-2"
TM = "terraforming-mars"
SI_FAMILY = [SI, BC, JE, NI, HZ, P1, P2]

# Curated, real-world-plausible facts the spec samples do not carry.
CURATED = {
    "people": [
        {"slug": "r-eric-reuss", "name": "R. Eric Reuss",
         "description": "American game designer, creator of Spirit Island and designer of its expansions."},
        {"slug": "jacob-fryxelius", "name": "Jacob Fryxelius",
         "description": "Swedish game designer and co-founder of FryxGames; designer of Terraforming Mars."},
        {"slug": "jason-behnke", "name": "Jason Behnke",
         "description": "Illustrator credited on Spirit Island."},
    ],
    "credits": (
        [{"game": slug, "person": "r-eric-reuss", "role": "designer", "credit_order": 0} for slug in SI_FAMILY]
        + [{"game": SI, "person": "jason-behnke", "role": "artist", "credit_order": 1},
           {"game": TM, "person": "jacob-fryxelius", "role": "designer", "credit_order": 0}]
    ),
    "publishers": [
        {"slug": "greater-than-games", "name": "Greater Than Games",
         "description": "Independent publisher from St. Louis, Missouri; publishes Spirit Island and Sentinels of the Multiverse.",
         "country": "US", "website": "https://greaterthangames.com"},
        {"slug": "fryxgames", "name": "FryxGames",
         "description": "Family-run Swedish publisher of Terraforming Mars.",
         "country": "SE", "website": "https://fryxgames.se"},
    ],
    "game_publishers": (
        [{"game": slug, "publisher": "greater-than-games", "ordinal": 0} for slug in SI_FAMILY]
        + [{"game": TM, "publisher": "fryxgames", "ordinal": 0}]
    ),
    "families": [
        {"slug": "spirit-island", "name": "Spirit Island",
         "description": "Spirit Island, its expansions and promo packs, and the standalone Horizons of Spirit Island.",
         "games": SI_FAMILY},
    ],
    "editions": [
        {"key": "spirit-island/first-edition", "game": SI, "name": "Spirit Island (First Edition)",
         "year_published": 2017, "language": "en", "release_status": "released", "release_date": None,
         "is_canonical": True, "product_codes": [], "dimensions": None, "box_weight": None,
         "image_url": None, "thumbnail_url": None,
         "notes": "The original Greater Than Games printing; the baseline other editions are measured against.",
         "publishers": ["greater-than-games"], "artists": ["jason-behnke"], "delta": None},
        {"key": "spirit-island/revised-printing", "game": SI, "name": "Spirit Island (Revised Printing)",
         "year_published": 2022, "language": "en", "release_status": "released", "release_date": None,
         "is_canonical": False, "product_codes": [], "dimensions": None, "box_weight": None,
         "image_url": None, "thumbnail_url": None,
         "notes": "A later English printing with the errata and FAQ clarifications folded into the rulebook.",
         "publishers": ["greater-than-games"], "artists": [],
         "delta": {"min_players_delta": 0, "max_players_delta": 0, "weight_delta": -0.05,
                   "playtime_min_delta": 0, "playtime_max_delta": -10, "best_at_delta": [],
                   "rules_changes": "Rulebook revised to incorporate the published errata and FAQ rulings.",
                   "component_changes": "Updated player aids and reference cards.",
                   "description": "Clearer rules and player aids make the game slightly lighter to run; "
                                  "the longest games end about ten minutes sooner."}},
    ],
    "awards": [
        {"slug": "golden-geek-awards", "name": "Golden Geek Awards",
         "description": "Annual awards voted by the BoardGameGeek community.",
         "organization": "BoardGameGeek", "website": "https://boardgamegeek.com"},
    ],
    "game_awards": [
        {"game": SI, "award": "golden-geek-awards", "year": 2017, "result": "won",
         "category": "Best Cooperative Game"},
    ],
    "alternate_names": [
        {"game": SI, "name": "スピリット・アイランド", "language": "ja", "is_primary": True, "source": "community"},
        {"game": SI, "name": "스피릿 아일랜드", "language": "ko", "is_primary": True, "source": "community"},
        {"game": TM, "name": "テラフォーミング・マーズ", "language": "ja", "is_primary": True, "source": "community"},
    ],
}

# PEER-NOTES §3: the explicit Branch & Claw + Jagged Earth combination (the spec has no example of it).
EXTRA_COMBINATIONS = [
    {"base": SI, "expansions": [BC, JE], "source": "community_poll",
     "effective_min_players": 1, "effective_max_players": 6, "effective_best_at": None,
     "effective_recommended_at": None, "effective_weight": 4.07, "effective_playtime_min": 105,
     "effective_playtime_max": 180, "effective_min_age": 13},
]

# The promo packs add spirits only: zero deltas, so the computed tier applies to them too.
PROMO_DELTAS = {
    P1: "Two promo spirits; no new mechanisms, tokens or property changes.",
    P2: "Four promo spirits; no new mechanisms, tokens or property changes.",
}


def note(message):
    print(f"note: {message}")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def text(value):
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def iso(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def game_from_sample(sample, examples_by_name):
    game = {field: sample.get(field) for field in GAME_FIELDS}
    game["description"] = text(game["description"])
    game["description_short"] = text(game["description_short"])
    game["created_at"] = iso(game["created_at"])
    game["updated_at"] = iso(game["updated_at"])
    game["parent"] = None
    if sample.get("parent_game_id"):
        game["parent"] = sample["parent_game_id"]  # resolved to a slug below
    dependence = sample.get("language_dependence")
    if dependence in LANGUAGE_DEPENDENCE:
        note(f"{sample['slug']}: language_dependence '{dependence}' -> '{LANGUAGE_DEPENDENCE[dependence]}'")
        game["language_dependence"] = LANGUAGE_DEPENDENCE[dependence]
    identifiers = [{"source": str(i["source"]), "external_id": str(i["external_id"])}
                   for i in sample.get("identifiers") or []]
    for identifier in identifiers:
        if identifier["source"] == "bgg" and game["bgg_id"] is None:
            game["bgg_id"] = int(identifier["external_id"])
    game["identifiers"] = identifiers
    game["mechanics"] = list(sample.get("mechanics") or [])
    game["categories"] = list(sample.get("categories") or [])
    game["themes"] = list(sample.get("themes") or [])
    game["status"] = game["status"] or "active"
    # Counters are NOT NULL in the schema: an absent count is zero votes.
    game["weight_votes"] = game["weight_votes"] or 0
    game["rating_count"] = game["rating_count"] or 0

    example = examples_by_name.get(sample["name"])
    if example:
        fill = ADDON_FILL.get(sample["type"], ["image_url", "thumbnail_url"])
        for field in fill:
            value = iso(example.get(field))
            if game.get(field) is None and value is not None:
                game[field] = text(value) if isinstance(value, str) and field != "mode" else value
            elif value is not None and game.get(field) != value:
                note(f"{sample['slug']}.{field}: sample {game.get(field)!r} kept over example {value!r}")
    return game


def ratings(path):
    data = load(path)
    return [{"player_count": r["player_count"], "average_rating": r["average_rating"],
             "rating_count": r["rating_count"], "rating_stddev": r.get("rating_stddev")}
            for r in data["ratings"]]


def experience(path):
    data = load(path)
    return {
        "levels": [{"experience_level": l["experience_level"], "median_minutes": l["median_minutes"],
                    "p10_minutes": l.get("p10_minutes"), "p90_minutes": l.get("p90_minutes"),
                    "report_count": l.get("report_count", 0)} for l in data["levels"]],
        "multipliers": dict(data["multipliers"]),
        "sufficient_data": bool(data["sufficient_data"]),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", type=Path,
                        default=Path(os.environ.get("OTT_SPEC_DIR", REPO.parent / "shared" / "opentabletop-spec")))
    args = parser.parse_args()
    samples = args.spec / "data" / "samples"
    examples = args.spec / "spec" / "examples"

    base_example = load(examples / "game-spirit-island.yaml")["value"]
    family_example = load(examples / "game-with-expansions.yaml")["value"]
    by_name = {e["name"]: e for e in family_example["expansions"]}
    by_name[base_example["name"]] = base_example

    si = game_from_sample(load(samples / SI / "game.yaml"), by_name)
    si["player_count_ratings"] = ratings(samples / SI / "player-count-ratings.yaml")
    si["experience_playtime"] = experience(samples / SI / "experience-playtime.yaml")
    tm = game_from_sample(load(samples / TM / "game.yaml"), {})
    tm["player_count_ratings"] = ratings(samples / TM / "player-count-ratings.yaml")
    tm["experience_playtime"] = None
    addons = [game_from_sample(e, by_name) for e in load(samples / SI / "expansions.yaml")]
    for addon in addons:
        addon["player_count_ratings"] = []
        addon["experience_playtime"] = None

    games = [si] + addons + [tm]
    slug_by_id = {g["id"]: g["slug"] for g in games}
    for game in games:
        if game["parent"]:
            game["parent"] = slug_by_id[game["parent"]]
        if game["type"] == "standalone_expansion" and game["parent"]:
            note(f"{game['slug']}: standalone_expansion, parent_game_id {game['parent']} dropped (spec rule); "
                 "linked by integrates_with instead")
            game["parent"] = None
    assert {g["slug"] for g in games} >= set(SI_FAMILY) | {TM}, "sample slugs changed"

    # Relationships: the example graph's types and metadata, mapped by the target's name.
    name_by_id = {e["id"]: e["name"] for e in family_example["expansions"]}
    slug_by_name = {g["name"]: g["slug"] for g in games}
    relationships = []
    ordinals = {}
    for edge in load(examples / "relationship-graph.yaml")["value"]:
        target = slug_by_name[name_by_id[edge["target_game_id"]]]
        kind = edge["relationship_type"]
        metadata = {k: v for k, v in (edge.get("metadata") or {}).items() if k != "notes"}
        ordinal = ordinals[kind] = ordinals.get(kind, -1) + 1
        relationships.append({"source": SI, "target": target, "type": kind,
                              "ordinal": ordinal, "metadata": metadata})
        if edge["relationship_type"] == "integrates_with":
            relationships.append({"source": target, "target": SI, "type": "integrates_with",
                                  "ordinal": 0, "metadata": metadata})

    # Tier 2 deltas and the tier 1 combination from effective-properties.yaml.
    effective = load(examples / "effective-properties.yaml")["value"]
    modifications = []
    for slug, effect in effective["individual_effects"].items():
        modifications.append({
            "base": SI, "expansion": slug,
            "min_players_delta": effect.get("min_players_delta", 0),
            "max_players_delta": effect.get("max_players_delta", 0),
            "weight_delta": effect.get("weight_delta", 0),
            "playtime_min_delta": effect.get("playtime_min_delta", 0),
            "playtime_max_delta": effect.get("playtime_max_delta", 0),
            "best_at_delta": list(effect.get("best_at_delta") or []),
            "min_age_delta": effect.get("min_age_delta", 0),
            "description": text(effect.get("description")),
        })
    for slug, description in PROMO_DELTAS.items():
        modifications.append({"base": SI, "expansion": slug, "min_players_delta": 0, "max_players_delta": 0,
                              "weight_delta": 0, "playtime_min_delta": 0, "playtime_max_delta": 0,
                              "best_at_delta": [], "min_age_delta": 0, "description": description})

    eff = effective["effective"]
    best = sorted(eff.get("best_at") or [])
    # The example lists recommended counts apart from the best ones; we store recommended as
    # "at least recommended" (>= 3.0), which includes the best counts, as for games.
    recommended = sorted(set(eff.get("recommended_at") or []) | set(best))
    combinations = [{
        "base": SI, "expansions": list(effective["applied_expansions"]), "source": "community_poll",
        "effective_min_players": eff["min_players"], "effective_max_players": eff["max_players"],
        "effective_best_at": best, "effective_recommended_at": recommended,
        "effective_weight": eff["weight"], "effective_playtime_min": eff["min_playtime_minutes"],
        "effective_playtime_max": eff["max_playtime_minutes"],
        "effective_min_age": si["min_age"],
    }] + EXTRA_COMBINATIONS

    seed = {"games": games, "relationships": relationships, "property_modifications": modifications,
            "expansion_combinations": combinations, **CURATED}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        json.dump(seed, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{len(games)} games, {len(relationships)} relationships, {len(modifications)} property modifications, "
          f"{len(combinations)} combinations -> {OUT}")


if __name__ == "__main__":
    main()
