"""The peer of `luckyhub model recommend`'s ALS (bench/recommend.sh): the same
implicit-feedback ALS (Hu, Koren & Volinsky 2008) with an item bias (a first
user factor fixed at 1) and lambda times each row's entries, exact solves,
written with NumPy/SciPy and vectorised over rows (every row's normal
equations built with one sparse product, solved in one batched call), on the
same interactions CSV (user,item,weight,timestamp), the same time holdout
(each user's last timestamp; relevant = its new items) and the same NDCG@k.
Trains once per seed (the random start factors). Prints JSON:
{"evaluated_users", "runs": [{"seed", "train_seconds", "ndcg_at_k"}]}.

  python3 bench/recommend_numpy.py FILE.csv FACTORS ALPHA LAMBDA ITERATIONS K [SEED,SEED,...]
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def main():
    path, factors, alpha, lam, iterations, k = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), \
        float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    seeds = [int(s) for s in sys.argv[7].split(",")] if len(sys.argv) > 7 else [42]
    raw = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=None, encoding="utf-8",
                        names=("user", "item", "weight", "timestamp"))
    users, u = np.unique(raw["user"].astype(str), return_inverse=True)
    items, i = np.unique(raw["item"].astype(str), return_inverse=True)
    day = np.array([np.datetime64(t[:10]).astype(int) for t in raw["timestamp"]])
    w = raw["weight"].astype(float)
    n_u, n_i = len(users), len(items)

    last = np.full(n_u, -10**9)
    first = np.full(n_u, 10**9)
    np.maximum.at(last, u, day)
    np.minimum.at(first, u, day)
    held = (day == last[u]) & (first[u] < last[u])
    train = sp.csr_matrix((w[~held], (u[~held], i[~held])), shape=(n_u, n_i))
    train.sum_duplicates()
    seen = train > 0
    relevant = {}
    for uu, ii in zip(u[held], i[held]):
        if not seen[uu, ii]:
            relevant.setdefault(uu, set()).add(ii)

    c1 = train.copy()
    c1.data = alpha * c1.data            # c - 1
    c = c1.copy()
    c.data = c.data + 1.0                # c
    runs = []
    for seed in seeds:
        start = time.perf_counter()
        x, y = train_als(c1, c, factors, lam, iterations, seed)
        train_seconds = time.perf_counter() - start
        runs.append({"seed": seed, "train_seconds": train_seconds, "ndcg_at_k": ndcg_at(x @ y.T, seen, relevant, k)})
    print(json.dumps({"evaluated_users": len(relevant), "users": n_u, "items": n_i, "runs": runs}))


def train_als(c1, c, factors, lam, iterations, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 0.1, (c.shape[0], factors + 1))
    y = rng.normal(0, 0.1, (c.shape[1], factors + 1))
    x[:, 0] = 1                          # the bias column
    c1_t, c_t = c1.T.tocsr(), c.T.tocsr()
    ridge_u = lam * np.maximum(np.diff(c1.indptr), 1)    # lambda times the row's entries
    ridge_i = lam * np.maximum(np.diff(c1_t.indptr), 1)
    for _ in range(iterations):
        # Users: the bias column stays 1; the items' biases offset the target.
        bias, rest = y[:, 0], y[:, 1:]
        x[:, 1:] = solve_side(c1, c, rest, ridge_u,
                              offset=-(c1 @ (bias[:, None] * rest)) - rest.T @ bias)
        y = solve_side(c1_t, c_t, x, ridge_i)
    return x, y


def ndcg_at(scores, seen, relevant, k):
    scores[seen.nonzero()] = -np.inf
    ndcg = []
    for uu, rel in relevant.items():
        top = np.argsort(-scores[uu], kind="stable")[:k]
        dcg = sum(1 / np.log2(r + 2) for r, it in enumerate(top) if it in rel)
        idcg = sum(1 / np.log2(r + 2) for r in range(min(k, len(rel))))
        ndcg.append(dcg / idcg)
    return float(np.mean(ndcg))


def solve_side(c1, c, fixed, ridge, offset=0):
    """Every row's (YᵀY + Σ (c−1) y yᵀ + ridge I) x = Σ c y + offset, all rows at once."""
    k = fixed.shape[1]
    outer = np.einsum("ik,il->ikl", fixed, fixed).reshape(len(fixed), k * k)
    a = (c1 @ outer).reshape(-1, k, k) + fixed.T @ fixed + ridge[:, None, None] * np.eye(k)
    b = c @ fixed + offset
    return np.linalg.solve(a, b[:, :, None])[:, :, 0]


if __name__ == "__main__":
    main()
