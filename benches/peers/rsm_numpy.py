"""A NumPy peer of the reference simulation model (RSM v1, docs/simulation.md), for the
side-by-side speed figure of the simulator: RC-1 x RUNS runs, the scenario and its baseline
(the same inputs with no shocks), each proposal's member loop vectorised over the members.

Usage: python rsm_numpy.py RC1_NEUTRAL_JSON [RUNS] [SEED]
Prints one JSON line: seconds, runs, and the means an independent implementation must agree
with in distribution (pass rate, turnout, continuity impact); never bit for bit.
"""

import json
import sys
import time

import numpy as np


def run(case, rng, shocks, watch):
    """One run; returns (proposals, passed, turnout sum, after-watch proposals, after-watch passed)."""
    members = case["members"]
    w = np.array([m["weight"] for m in members], dtype=np.float32)
    p = np.array([m["propensity"] for m in members], dtype=np.float64)
    roles = [set(m["roles"]) for m in members]
    active = np.ones(len(members), dtype=bool)
    total_w = float(np.sum(np.array([m["weight"] for m in members])))
    types = case["proposal_types"]
    alpha, beta = case["support"]["alpha"], case["support"]["beta"]
    balance = case["treasury"]["initial"]
    inflow = case["treasury"]["inflow_per_step"]
    proposals = passed_n = 0
    turnout = 0.0
    aw = [0, 0]
    pf = (p * active).astype(np.float32)
    for t in range(case["steps"]):
        frozen = False
        for s in shocks:
            k = s["kind"]
            if k == "participation_contraction" and s["at"] == t:
                p = p * (1.0 - s["factor"])
            elif k == "leadership_removal" and s["at"] == t:
                pool = [i for i in range(len(members)) if active[i] and (s.get("role") is None or s["role"] in roles[i])]
                pool.sort(key=lambda i: (-float(w[i]), i))
                for i in pool[: s["count"]]:
                    active[i] = False
            elif k == "treasury_freeze" and s["from"] <= t < s["until"]:
                frozen = True
            pf = np.where(active, p, 0.0).astype(np.float32)
        balance += inflow
        spends = []
        for ty in types:
            for _ in range(rng.poisson(ty["rate"])):
                sup = rng.beta(alpha, beta)
                u = rng.random(len(members), dtype=np.float32)
                cast = float(np.dot(w, u < pf))
                yes = float(np.dot(w, u < pf * np.float32(sup)))
                turnout += cast / total_w
                proposals += 1
                ok = cast >= ty["quorum"] * total_w and yes >= ty["approval"] * cast
                sig = ty.get("signers")
                if ok and sig:
                    h = sum(1 for i in range(len(members)) if active[i] and sig["role"] in roles[i])
                    ok = h >= sig["required"] and rng.binomial(h, sup) >= sig["required"]
                if t >= watch:
                    aw[0] += 1
                    aw[1] += int(ok)
                if ok:
                    passed_n += 1
                    if ty.get("spend"):
                        spends.append(ty["spend"])
        for sp in spends:
            if frozen:
                continue
            amount = rng.uniform(sp["min"], sp["max"])
            if amount <= balance:
                balance -= amount
    return proposals, passed_n, turnout, aw[0], aw[1]


def main():
    case = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    t0, c0 = time.perf_counter(), time.process_time()
    # Continuity impact counts from the first shock's step, in the scenario and its baseline.
    watch = min([s.get("at", s.get("from", case["steps"])) for s in case["shocks"]], default=case["steps"])
    sc, base = [], []
    for r in range(runs):
        sc.append(run(case, np.random.default_rng([seed, r, 0]), case["shocks"], watch))
        base.append(run(case, np.random.default_rng([seed, r, 0]), [], watch))
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    s, b = np.array(sc), np.array(base)
    ci = 1.0 - (s[:, 4].sum() / s[:, 3].sum()) / (b[:, 4].sum() / b[:, 3].sum())
    print(json.dumps({
        "peer": "numpy", "numpy": np.__version__, "runs": runs, "seconds": round(secs, 3), "cpu_seconds": round(cpu, 3),
        "pass_rate": float(np.mean(s[:, 1] / s[:, 0])), "turnout": float(np.mean(s[:, 2] / s[:, 0])),
        "continuity_impact": float(ci),
    }))


if __name__ == "__main__":
    main()
