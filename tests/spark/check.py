#!/usr/bin/env python3
"""The Spark test's corpus and its check.

    check.py make CORPUS                  write a JSON-lines corpus
    check.py check CORPUS OUT SUMMARY     every input record came back exactly once
"""

import glob
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
N_GOOD = 400
# Bad records, each with an id so that it can be followed, and one line that is not JSON.
BAD = [
    {"id": "bad-missing-text", "body": "Huawei rose."},
    {"id": "bad-number-text", "text": 7},
    {"id": "bad-empty", "text": ""},
]
# A line cut short: not JSON, but its id comes before the cut, so its error record names it.
TORN_ID = "bad-torn"
NOT_JSON = "{\"id\": \"%s\", \"text\": \"Huawei" % TORN_ID


def paragraphs():
    out = []
    for name in sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt"))):
        with open(name, encoding="utf-8") as f:
            out += [p for p in f.read().split("\n\n") if len(p) > 40]
    return out


def make(path):
    paras = paragraphs()
    with open(path, "w", encoding="utf-8") as f:
        for i in range(N_GOOD):
            rec = {"id": f"doc-{i:04}", "source": f"example-{i % 7}", "text": paras[i % len(paras)]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if i % 100 == 50 and i // 100 < len(BAD):
                f.write(json.dumps(BAD[i // 100]) + "\n")
        f.write(NOT_JSON + "\n")


def fail(msg):
    sys.exit(f"spark test: {msg}")


def check(corpus, out, summary):
    with open(corpus, encoding="utf-8") as f:
        inputs = [line for line in f.read().splitlines() if line.strip()]
    want = {}
    for line in inputs:
        try:
            want[json.loads(line)["id"]] = json.loads(line)
        except ValueError:
            pass
    records = []
    for part in sorted(glob.glob(os.path.join(out, "part-*"))):
        with open(part, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    if len(records) != len(inputs):
        fail(f"{len(inputs)} input records but {len(records)} output records")
    seen = {}
    for r in records:
        if "id" in r:
            seen[r["id"]] = seen.get(r["id"], 0) + 1
    for i in want:
        if seen.get(i) != 1:
            fail(f"id {i!r} came back {seen.get(i, 0)} times")
    extra = set(seen) - set(want) - {TORN_ID}
    if extra:
        fail(f"ids that were not in the input: {sorted(extra)[:5]}")
    no_id = [r for r in records if "id" not in r]
    if no_id:
        fail(f"records without an id: {no_id[:3]}")
    torn = [r for r in records if r.get("id") == TORN_ID]
    if len(torn) != 1 or "invalid JSON" not in torn[0].get("error", ""):
        fail(f"the line that is not JSON should give one error record with its id: {torn}")
    by_id = {r["id"]: r for r in records if "id" in r}
    for bad in BAD:
        if bad in want.values() and "error" not in by_id[bad["id"]]:
            fail(f"{bad['id']} should be an error record")
    good = [r for r in records if "error" not in r]
    if len(good) != N_GOOD:
        fail(f"{N_GOOD} good records expected, {len(good)} came back")
    if sum(len(r["entities"]) for r in good) == 0:
        fail("no entities found at all")
    if any(r["source"] != want[r["id"]]["source"] for r in good):
        fail("--keep-fields source was not carried through")
    with open(summary, encoding="utf-8") as f:
        s = json.loads(f.read().strip().splitlines()[-1])
    if s != {"records": len(inputs), "errors": len(inputs) - N_GOOD}:
        fail(f"summary {s}")
    print(f"spark test: {len(inputs)} input records, each back exactly once "
          f"({len(inputs) - N_GOOD} as errors)")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"] and len(sys.argv) == 3:
        make(sys.argv[2])
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 5:
        check(*sys.argv[2:])
    else:
        sys.exit(__doc__)
