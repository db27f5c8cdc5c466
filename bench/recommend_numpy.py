"""The peer of `luckyhub model recommend`'s ALS (bench/recommend.sh): the same
implicit-feedback ALS (Hu, Koren & Volinsky 2008), exact solves, written
with NumPy/SciPy and vectorised over users (every user's normal equations
built with one sparse product, solved in one batched call), on the same
interactions CSV (user,item,weight,timestamp), the same time holdout (each
user's last timestamp; relevant = its new items) and the same NDCG@k.
Prints JSON: train_seconds, ndcg_at_k, evaluated_users.

  python3 bench/recommend_numpy.py FILE.csv FACTORS ALPHA LAMBDA ITERATIONS K
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def main():
    path, factors, alpha, lam, iterations, k = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), \
        float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
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

    start = time.perf_counter()
    rng = np.random.default_rng(42)
    x = rng.normal(0, 0.01, (n_u, factors))
    y = rng.normal(0, 0.01, (n_i, factors))
    c1 = train.copy()
    c1.data = alpha * c1.data            # c - 1
    c = c1.copy()
    c.data = c.data + 1.0                # c
    for _ in range(iterations):
        x = solve_side(c1, c, y, lam)
        y = solve_side(c1.T.tocsr(), c.T.tocsr(), x, lam)
    train_seconds = time.perf_counter() - start

    scores = x @ y.T
    scores[seen.nonzero()] = -np.inf
    ndcg = []
    for uu, rel in relevant.items():
        top = np.argsort(-scores[uu], kind="stable")[:k]
        dcg = sum(1 / np.log2(r + 2) for r, it in enumerate(top) if it in rel)
        idcg = sum(1 / np.log2(r + 2) for r in range(min(k, len(rel))))
        ndcg.append(dcg / idcg)
    print(json.dumps({"train_seconds": train_seconds, "ndcg_at_k": float(np.mean(ndcg)),
                      "evaluated_users": len(ndcg), "users": n_u, "items": n_i}))


def solve_side(c1, c, fixed, lam):
    """Every row's (YᵀY + λI + Σ (c−1) y yᵀ) x = Σ c y, all rows at once."""
    k = fixed.shape[1]
    gram = fixed.T @ fixed + lam * np.eye(k)
    outer = np.einsum("ik,il->ikl", fixed, fixed).reshape(len(fixed), k * k)
    a = (c1 @ outer).reshape(-1, k, k) + gram
    b = c @ fixed
    return np.linalg.solve(a, b[:, :, None])[:, :, 0]


if __name__ == "__main__":
    main()
