"""The authors' reference algorithms, re-implemented faithfully for timing on the same inputs.

    python3 reference.py SCORE DIR      # SCORE: logme | logme_icml | parc | lfc; DIR holds features.npy, labels.npy

Prints "SCORE VALUE SECONDS" (seconds of the score alone, after loading). Algorithms, as published:
  logme: thuml/LogME LogME.fit (default fixed-point solver; truncated SVD via eig of F^T F when N > D)
  logme_icml: thuml/LogME LogME._fit_icml, the original ICML'21 loop (full SVD of F^T F, then per class an
         iteration that multiplies by F in every step; stopping tolerance 0.01)
  parc:  dbolya/parc PARC x100: StandardScaler, 1 - np.corrcoef on both sides, scipy spearmanr of the
         upper triangles (no PCA)
  lfc:   Model-Spider LFC with the Frobenius norm: N x N Gram and label-agreement matrices, each minus its mean
Needs numpy and scipy.
"""
import sys
import time

import numpy as np


def truncated_svd(x):
    u, s, vh = np.linalg.svd(x.transpose() @ x)
    s = np.sqrt(s)
    u_times_sigma = x @ vh.transpose()
    k = np.sum((s > 1e-10) * 1)
    s = s.reshape(-1, 1)
    s = s[:k]
    vh = vh[:k]
    u = u_times_sigma[:, :k] / s.reshape(1, -1)
    return u, s, vh


def logme(f, y):
    f = f.astype(np.float64)
    n, d = f.shape
    if n > d:
        u, s, vh = truncated_svd(f)
    else:
        u, s, vh = np.linalg.svd(f, full_matrices=False)
    s = s.reshape(-1, 1)
    sigma = s ** 2
    evidences = []
    for i in range(int(y.max() + 1)):
        y_ = (y == i).astype(np.float64).reshape(-1, 1)
        x = u.T @ y_
        x2 = x ** 2
        res_x2 = (y_ ** 2).sum() - x2.sum()
        alpha, beta = 1.0, 1.0
        for _ in range(11):
            t = alpha / beta
            gamma = (sigma / (sigma + t)).sum()
            m2 = (sigma * x2 / ((t + sigma) ** 2)).sum()
            res2 = (x2 / ((1 + sigma / t) ** 2)).sum() + res_x2
            alpha = gamma / (m2 + 1e-5)
            beta = (n - gamma) / (res2 + 1e-5)
            t_ = alpha / beta
            if abs(t_ - t) / t <= 1e-3:
                break
        evidence = d / 2.0 * np.log(alpha) + n / 2.0 * np.log(beta) - 0.5 * np.sum(np.log(alpha + beta * sigma)) \
            - beta / 2.0 * res2 - alpha / 2.0 * m2 - n / 2.0 * np.log(2 * np.pi)
        evidences.append(evidence / n)
    return np.mean(evidences)


def each_evidence(y_, f, fh, v, s, vh, n, d):
    epsilon = 1e-5
    alpha = 1.0
    beta = 1.0
    lam = alpha / beta
    tmp = (vh @ (f @ np.ascontiguousarray(y_)))
    for _ in range(11):
        gamma = (s / (s + lam)).sum()
        m = v @ (tmp * beta / (alpha + beta * s))
        alpha_de = (m * m).sum()
        alpha = gamma / (alpha_de + epsilon)
        beta_de = ((y_ - fh @ m) ** 2).sum()
        beta = (n - gamma) / (beta_de + epsilon)
        new_lam = alpha / beta
        if np.abs(new_lam - lam) / lam < 0.01:
            break
        lam = new_lam
    evidence = d / 2.0 * np.log(alpha) + n / 2.0 * np.log(beta) - 0.5 * np.sum(np.log(alpha + beta * s)) \
        - beta / 2.0 * (beta_de + epsilon) - alpha / 2.0 * (alpha_de + epsilon) - n / 2.0 * np.log(2 * np.pi)
    return evidence / n


def logme_icml(f, y):
    f = f.astype(np.float64)
    fh = f
    f = f.transpose()
    d, n = f.shape
    v, s, vh = np.linalg.svd(f @ fh, full_matrices=True)
    return np.mean([each_evidence((y == i).astype(np.float64), f, fh, v, s, vh, n, d)
                    for i in range(int(y.max() + 1))])


def parc(f, y):
    from scipy.stats import spearmanr
    f = f.astype(np.float64)
    sd = f.std(0)
    sd[sd == 0] = 1
    f = (f - f.mean(0)) / sd
    onehot = np.eye(int(y.max() + 1))[y]
    rdm1 = 1 - np.corrcoef(f)
    rdm2 = 1 - np.corrcoef(onehot)
    iu = np.triu_indices(rdm1.shape[0], 1)
    return spearmanr(rdm1[iu], rdm2[iu])[0] * 100


def lfc(f, y):
    f = f.astype(np.float64)
    theta = f @ f.T
    theta -= np.mean(theta)
    lsm = (y[:, None] == y[None, :]).astype(np.float32) * 2 - 1
    lsm -= np.mean(lsm)
    return np.sum(theta * lsm) / (np.linalg.norm(theta) * np.linalg.norm(lsm))


if __name__ == "__main__":
    score, folder = sys.argv[1], sys.argv[2]
    f = np.load(folder + "/features.npy")
    y = np.load(folder + "/labels.npy")
    t0 = time.perf_counter()
    value = {"logme": logme, "logme_icml": logme_icml, "parc": parc, "lfc": lfc}[score](f, y)
    print(score, repr(float(value)), round(time.perf_counter() - t0, 3))
