"""The peer of `luckyhub model recommend`'s ALS (bench/recommend.sh): the same
implicit-feedback ALS (Hu, Koren & Volinsky 2008) with an item bias (a first
user factor fixed at 1), lambda times each row's entries and the spectral
start (src/domain/recommend/als.h), exact solves, written with NumPy/SciPy and
vectorised over rows (every row's normal equations built with one sparse
product, solved in one batched call), on the same interactions CSV
(user,item,weight,timestamp), the same time holdout (each user's last
timestamp; relevant = its new items) and the same NDCG@k. Trains REPEATS
times (for the time; the model is the same each time). Prints JSON:
{"evaluated_users", "ndcg_at_k", "train_seconds": [...]}.

  python3 bench/recommend_numpy.py FILE.csv FACTORS ALPHA LAMBDA ITERATIONS K [REPEATS]
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def main():
    path, factors, alpha, lam, iterations, k = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), \
        float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    repeats = int(sys.argv[7]) if len(sys.argv) > 7 else 1
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
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        x, y = train_als(train, c1, c, factors, lam, iterations)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"evaluated_users": len(relevant), "users": n_u, "items": n_i,
                      "ndcg_at_k": ndcg_at(x @ y.T, seen, relevant, k), "train_seconds": seconds}))


def train_als(train, c1, c, factors, lam, iterations):
    # The spectral start: the items' shares as biases, the leading eigenvectors
    # of the covariance of the users' have-or-not rows as latent factors.
    n_u = train.shape[0]
    have = (train > 0).astype(float)
    share = np.asarray(have.mean(axis=0)).ravel()
    covariance = (have.T @ have).toarray() / n_u - np.outer(share, share)
    _, vectors = np.linalg.eigh(covariance)   # eigenvalues ascending
    y = np.hstack([share[:, None], vectors[:, ::-1][:, :factors]])
    x = np.zeros((n_u, factors + 1))
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
