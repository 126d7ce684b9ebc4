#!/usr/bin/python3
"""Reference numbers for ClusteredLeastSquaresTest, from Debian's python3-statsmodels (0.13.5).

Writes answers.csv (a small, seeded data set of paired answers: item, fidelity, image, attribute) and
expected.csv (the linear probability model fidelity ~ 1 + image + attribute + image:attribute, OLS with
standard errors clustered by item, statsmodels' default small-sample correction). Run from this directory:
    /usr/bin/python3 reference.py
"""
import csv

import numpy as np
import statsmodels.api as sm

rng = np.random.default_rng(20261207)
rows = []
for item in range(40):
    for attribute in (0, 1):  # two checkpoints that differ in one attribute, the same items
        for image in (0, 1):
            p = 0.9 - 0.25 * image + 0.05 * attribute - 0.15 * image * attribute + 0.1 * (item % 4 == 0)
            rows.append((f"item-{item}", int(rng.random() < p), image, attribute))

with open("answers.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["item", "fidelity", "image", "attribute"])
    w.writerows(rows)

y = np.array([r[1] for r in rows], dtype=float)
x = np.column_stack([np.ones(len(rows)), [r[2] for r in rows], [r[3] for r in rows],
                     [r[2] * r[3] for r in rows]]).astype(float)
groups = np.array([int(r[0].split("-")[1]) for r in rows])
fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": groups})
with open("expected.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["term", "coefficient", "standard_error"])
    for name, b, se in zip(["const", "image", "attribute", "image:attribute"], fit.params, fit.bse):
        w.writerow([name, repr(float(b)), repr(float(se))])
