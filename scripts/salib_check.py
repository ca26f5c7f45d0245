"""SALib on the sweep's own samples and outputs: prints, per objective and knob, SALib's indices
beside ours (read from the sweep's cells.json and sensitivity.json) as one JSON object.

    python salib_check.py OUT_DIR
"""
import json
import sys

import numpy as np
from SALib.analyze import morris, sobol

out = sys.argv[1]
cells = json.load(open(f"{out}/cells.json"))
ours = json.load(open(f"{out}/sensitivity.json"))
knobs = cells["knobs"]
problem = {"num_vars": len(knobs), "names": knobs, "bounds": [[0.0, 1.0]] * len(knobs)}
X = np.array(cells["unit"], dtype=float)
result = {"method": ours["method"], "salib": __import__("importlib.metadata").metadata.version("SALib"), "objectives": {}}
for name, per in ours["objectives"].items():
    y = [c["objectives"][name]["mean"] for c in cells["cells"]]
    if any(v is None for v in y):
        continue
    Y = np.array(y, dtype=float)
    if np.var(Y) == 0:
        continue
    row = {}
    if ours["method"] == "sobol":
        s = sobol.analyze(problem, Y, calc_second_order=False, num_resamples=1000, conf_level=0.95, seed=1)
        for i, k in enumerate(knobs):
            row[k] = {"s1": s["S1"][i], "s1_conf": s["S1_conf"][i], "st": s["ST"][i], "st_conf": s["ST_conf"][i]}
    else:
        levels = cells["sampling"]["levels"]
        s = morris.analyze(problem, X, Y, num_resamples=1000, conf_level=0.95, num_levels=levels, seed=1)
        for i, k in enumerate(knobs):
            row[k] = {"mu_star": s["mu_star"][i], "mu_star_conf": s["mu_star_conf"][i], "sigma": s["sigma"][i]}
    result["objectives"][name] = {"salib": row, "ours": per}
print(json.dumps(result, default=float))
