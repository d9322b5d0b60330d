#!/usr/bin/env python3
"""Scores claimlex against the shared evaluation sets and fails when any figure falls below
the floor in .ci/quality-floor.json. Run from the repository root after a release build:

    cargo build --release --features cli && python3 .ci/quality.py [--shared ../shared] [--write]

--write records the current figures as the new floor (raise it as the figures rise).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

CMD = "target/release/claimlex batch"


def run_json(args):
    out = subprocess.run([sys.executable] + args + ["--json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"quality: {' '.join(args[:1])} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout)


def figures(shared):
    ev = os.path.join(shared, "eval")
    got = {}
    dev = run_json([os.path.join(ev, "score.py"), "--gold", os.path.join(ev, "dev"), "--cmd", CMD])
    for key in ("entities/all", "entities/organization", "entities/person",
                "entities/technology", "entities/location", "claims/found",
                "claims/attributed", "statistics/found"):
        got[f"dev {key} f1"] = dev[key]["f1"]
    got["dev statistics/kind accuracy"] = dev["statistics/kind_accuracy"]
    got["dev statistics/measure accuracy"] = dev["statistics/measure_accuracy"]
    # the seed article alone
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "texts"))
        seed = "seed-tech-self-reliance"
        shutil.copy(os.path.join(ev, "dev", seed + ".json"), tmp)
        shutil.copy(os.path.join(ev, "dev", "texts", seed + ".txt"), os.path.join(tmp, "texts"))
        s = run_json([os.path.join(ev, "score.py"), "--gold", tmp, "--cmd", CMD])
        got["seed entities/all f1"] = s["entities/all"]["f1"]
        got["seed claims/found f1"] = s["claims/found"]["f1"]
        got["seed claims/attributed f1"] = s["claims/attributed"]["f1"]
        got["seed statistics/found f1"] = s["statistics/found"]["f1"]
        got["seed statistics/kind accuracy"] = s["statistics/kind_accuracy"]
    quotes = run_json([os.path.join(ev, "quotes", "quotes_score.py"), "--data",
                       os.path.join(ev, "quotes", "polnear-dev.jsonl"), "--cmd", CMD])
    q = quotes["0.3"]
    got["polnear f1@0.3"] = q["f1"]
    got["polnear speaker accuracy"] = q["speaker_accuracy"]
    got["polnear recall quoted"] = q["recall_direct"]
    got["polnear recall reported"] = q["recall_indirect"]
    nq = run_json([os.path.join(ev, "statistics", "newsquant_score.py"), "--data",
                   os.path.join(ev, "statistics", "newsquant-dev.json"), "--cmd", CMD])
    got["newsquant value-in-scope f1"] = nq["value_in_scope"]["f1"]
    got["newsquant value+unit accuracy"] = nq["value+unit"]["accuracy"]
    conll = run_json([os.path.join(ev, "conll_score.py"), "--data",
                      os.path.join(ev, "conll", "eng.testa"), "--cmd", CMD])
    rows = conll if isinstance(conll, dict) else {}
    for k in ("PER", "ORG", "LOC"):
        if k in rows:
            got[f"conll {k} f1"] = rows[k]["f1"]
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join("..", "shared"))
    ap.add_argument("--floor", default=os.path.join(".ci", "quality-floor.json"))
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    got = figures(args.shared)
    if args.write:
        with open(args.floor, "w") as f:
            json.dump(dict(sorted(got.items())), f, indent=1)
            f.write("\n")
        print(f"quality: wrote {args.floor}")
    with open(args.floor) as f:
        floor = json.load(f)
    failed = 0
    for key in sorted(set(floor) | set(got)):
        want, have = floor.get(key), got.get(key)
        ok = want is None or (have is not None and have + 1e-9 >= want)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {key:40} {have!s:>8} (floor {want})")
    if failed:
        sys.exit(f"quality: {failed} figure(s) fell below the floor")
    print("quality: all figures at or above the floor")


if __name__ == "__main__":
    main()
