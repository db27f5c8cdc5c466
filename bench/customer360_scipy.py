#!/usr/bin/python3
"""The peer of customer-360's models, for bench/customer360.sh: the same
transactions CSV (customer, day, amount) summarised with pandas as lifetimes
does, RFM quartiles and registration-free cohorts by first purchase month,
then BG/NBD and Gamma-Gamma fitted by scipy.optimize.minimize (Nelder-Mead,
as lifetimes' fitters) on the same log-likelihoods. Prints one JSON object of
timings and fitted parameters. Debian's python3-pandas and python3-scipy."""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln

path, end = sys.argv[1], pd.Timestamp(sys.argv[2])
t0 = time.perf_counter()
tx = pd.read_csv(path)
tx["day"] = pd.to_datetime(tx["day"])
tx = tx[tx["day"] <= end]
days = tx.groupby(["customer", "day"], as_index=False)["amount"].sum()
g = days.groupby("customer")
first, last, count = g["day"].min(), g["day"].max(), g["day"].count()
summary = pd.DataFrame({
    "frequency": count - 1,
    "recency": (last - first).dt.days,
    "T": (end - first).dt.days,
})
first_amount = days.sort_values("day").groupby("customer")["amount"].first()
total = g["amount"].sum()
summary["monetary"] = np.where(summary["frequency"] > 0, (total - first_amount) / summary["frequency"].clip(lower=1), 0)
t_summary = time.perf_counter()

# RFM quartiles (pymc-marketing's rfm_segments) and first-purchase cohorts.
rfm = pd.DataFrame({"recency": (end - last).dt.days, "frequency": count, "monetary": total / count})
for col, rev in (("recency", True), ("frequency", False), ("monetary", False)):
    bins = pd.qcut(rfm[col], q=4, duplicates="drop", labels=False)
    n = int(bins.max()) + 1
    rfm[col[0] + "_score"] = (n - bins) if rev else (bins + 1)
days["cohort"] = days["customer"].map(first.dt.to_period("M"))
days["k"] = (days["day"].dt.to_period("M") - days["cohort"]).apply(lambda p: p.n)
triangle = days.groupby(["cohort", "k"])["customer"].nunique().unstack(fill_value=0)
t_rfm = time.perf_counter()

x, tx_, T = (summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))


def bgnbd_nll(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx_), -np.inf)
    return -(a1 + a2 + np.logaddexp(a3, a4)).sum() / len(x)


fit = minimize(bgnbd_nll, np.zeros(4), method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-8, "fatol": 1e-10})
t_bgnbd = time.perf_counter()

keep = (summary["frequency"] > 0) & (summary["monetary"] > 0)
gx, gm = summary.loc[keep, "frequency"].to_numpy(float), summary.loc[keep, "monetary"].to_numpy(float)


def gg_nll(log_params):
    p, q, v = np.exp(log_params)
    px = p * gx
    return -(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(gm)
             + px * np.log(gx) - (px + q) * np.log(gx * gm + v)).sum() / len(gx)


gfit = minimize(gg_nll, np.log([1, 2, gm.mean()]), method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-8, "fatol": 1e-10})
t_gg = time.perf_counter()
r, alpha, a, b = np.exp(fit.x)
p, q, v = np.exp(gfit.x)
print(json.dumps({
    "customers": int(len(summary)),
    "summary_s": t_summary - t0, "rfm_cohorts_s": t_rfm - t_summary,
    "bgnbd_s": t_bgnbd - t_rfm, "gamma_gamma_s": t_gg - t_bgnbd,
    "bgnbd": {"r": r, "alpha": alpha, "a": a, "b": b, "log_likelihood": -fit.fun * len(x), "converged": bool(fit.success)},
    "gamma_gamma": {"p": p, "q": q, "v": v, "customers": int(len(gx))},
}))
