"""Calibrate the validator (``runtime`` profile) against the n8n oracle on the public corpora.

For each corpus the oracle (n8n 2.41's own validation code, run with ``--orphans-as-warnings``)
and our validator judge every record; verdicts are joined per workflow and the script prints the
agreement and, for every disagreement, the finding codes behind it (ours for false alarms, the
oracle's for misses). Target: >= 99% agreement on zie619 and awesome-n8n-templates.

    .venv/bin/python benchmarks/calibrate_validator.py                 # all three corpora
    .venv/bin/python benchmarks/calibrate_validator.py --corpus zie619 --examples 5
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpora import CORPORA, corpus_path, iter_corpus, run_oracle  # noqa: E402
from engine.validation.validator import validate_workflow  # noqa: E402
from indexing.catalog.load import load_catalog  # noqa: E402

#: The oracle's kinds that we report under another code, and ours that n8n names differently.
_ORACLE_KIND = {
    "parameter_resolution_failed": "parameter_invalid",
    "parameter_check_failed": "parameter_invalid",
}


def _our_kind(code: str, path: str) -> str:
    if code == "connection_keyed_by_id":  # n8n sees an unknown node name there
        return (
            "connection_unknown_target" if path.endswith(".node") else "connection_unknown_source"
        )
    return code


def record_id(name: str, file: str, line: int | None, index: int | None) -> str:
    """A stable record id that does not reveal file names (titles) of the corpus."""
    rel = Path(file).relative_to(corpus_path(name)) if Path(file) != corpus_path(name) else ""
    digest = hashlib.sha1(str(rel).encode("utf-8")).hexdigest()[:12]
    return f"{digest}:{line if line is not None else ''}:{index if index is not None else ''}"


def calibrate(
    name: str, examples: int = 3, expectations: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Judge one corpus with both validators; return the agreement summary.

    ``expectations`` (when given) receives the oracle's verdict per record id:
    ``[valid, sorted error kinds]`` - derived facts the regression tests check against.
    """
    path = corpus_path(name)
    t0 = time.perf_counter()
    oracle = run_oracle(path)
    oracle_s = time.perf_counter() - t0
    catalog = load_catalog()
    judged = agree = 0
    ours_valid = oracle_valid = 0
    false_alarms: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    samples: list[str] = []
    missing = 0
    # finding level: (node, kind) error pairs of the oracle that we also report, and ours extra
    pairs_oracle = pairs_both = pairs_ours = 0
    pair_misses: Counter[str] = Counter()
    pair_extras: Counter[str] = Counter()
    t0 = time.perf_counter()
    for rec in iter_corpus(path):
        if not rec.is_workflow:
            continue
        o = oracle.get(rec.key)
        if o is None:
            missing += 1
            continue
        report = validate_workflow(rec.doc, "runtime", catalog)
        if expectations is not None:
            kinds = sorted({i["kind"] for i in o["issues"]})
            expectations[record_id(name, rec.file, rec.line, rec.index)] = [o["valid"], kinds]
        judged += 1
        theirs = {(i.get("node"), _ORACLE_KIND.get(i["kind"], i["kind"])) for i in o["issues"]}
        mine = {(f.node, _our_kind(f.code, f.path)) for f in report.errors}
        pairs_oracle += len(theirs)
        pairs_ours += len(mine)
        pairs_both += len(theirs & mine)
        pair_misses.update(k for _, k in theirs - mine)
        pair_extras.update(k for _, k in mine - theirs)
        ours_valid += report.valid
        oracle_valid += o["valid"]
        if report.valid == o["valid"]:
            agree += 1
            continue
        where = f"{Path(rec.file).name}" + (f":{rec.line}" if rec.line else "")
        if not report.valid:
            codes = sorted(report.codes("error"))
            false_alarms.update(codes)
            detail = "; ".join(f"{f.code} [{f.node}] {f.message[:90]}" for f in report.errors[:3])
            samples.append(f"  ours invalid, n8n valid   {where}: {detail}")
        else:
            kinds = sorted({i["kind"] for i in o["issues"]})
            misses.update(kinds)
            detail = "; ".join(
                f"{i['kind']} [{i.get('node')}] {i['detail'][:90]}" for i in o["issues"][:3]
            )
            samples.append(f"  ours valid, n8n invalid   {where}: {detail}")
    ours_s = time.perf_counter() - t0
    return {
        "corpus": name,
        "judged": judged,
        "agree": agree,
        "agreement": agree / judged if judged else None,
        "valid_ours": ours_valid,
        "valid_oracle": oracle_valid,
        "false_alarms_by_code": dict(false_alarms.most_common()),
        "misses_by_oracle_kind": dict(misses.most_common()),
        "not_in_oracle_output": missing,
        "finding_pairs_oracle": pairs_oracle,
        "finding_pairs_ours": pairs_ours,
        "finding_pairs_shared": pairs_both,
        "finding_pairs_missed_by_kind": dict(pair_misses.most_common()),
        "finding_pairs_extra_by_kind": dict(pair_extras.most_common()),
        "examples": samples[:examples] if examples >= 0 else samples,
        "seconds_oracle": round(oracle_s, 2),
        "seconds_ours": round(ours_s, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="repeatable")
    ap.add_argument("--examples", type=int, default=10, help="disagreements to show (-1: all)")
    ap.add_argument("--json", action="store_true", help="print the summaries as JSON")
    ap.add_argument(
        "--write-expectations",
        type=Path,
        help="write the oracle's per-record verdicts (gzipped JSON) for the regression tests",
    )
    args = ap.parse_args(argv)
    names = args.corpus or list(CORPORA)
    results = []
    expectations: dict[str, dict[str, Any]] = {}
    for name in names:
        if not corpus_path(name).exists():
            print(f"{name}: corpus not found at {corpus_path(name)}", file=sys.stderr)
            continue
        expected: dict[str, Any] | None = {} if args.write_expectations else None
        res = calibrate(name, args.examples, expected)
        if expected is not None:
            expectations[name] = expected
        results.append(res)
        if args.json:
            continue
        print(
            f"{name}: {res['agree']}/{res['judged']} verdicts agree "
            f"({100 * res['agreement']:.2f}%); valid: ours {res['valid_ours']}, "
            f"n8n {res['valid_oracle']}; time: ours {res['seconds_ours']} s, "
            f"oracle {res['seconds_oracle']} s"
        )
        print(
            f"  error findings as (node, kind): n8n {res['finding_pairs_oracle']}, ours "
            f"{res['finding_pairs_ours']}, shared {res['finding_pairs_shared']}"
            + (
                f"; missed {res['finding_pairs_missed_by_kind']}"
                if res["finding_pairs_missed_by_kind"]
                else ""
            )
            + (
                f"; extra {res['finding_pairs_extra_by_kind']}"
                if res["finding_pairs_extra_by_kind"]
                else ""
            )
        )
        if res["false_alarms_by_code"]:
            print(f"  we flag, n8n does not (by our code): {res['false_alarms_by_code']}")
        if res["misses_by_oracle_kind"]:
            print(f"  n8n flags, we do not (by oracle kind): {res['misses_by_oracle_kind']}")
        for line in res["examples"]:
            print(line)
    if args.json:
        print(json.dumps(results, indent=2))
    if args.write_expectations:
        payload = {
            "about": "n8n oracle (n8n-workflow 2.41, --orphans-as-warnings) verdict per record: "
            "[valid, error kinds]; record id = sha1(relative file)[:12]:line:index",
            "corpora": expectations,
        }
        data = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
        args.write_expectations.write_bytes(gzip.compress(data, mtime=0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
