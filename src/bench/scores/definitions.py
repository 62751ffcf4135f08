"""Independent numpy evaluations of the score definitions on small deterministic inputs.

Prints the expected values that scoring's DefinitionTest checks (each computed here straight from the
published definition, with dense N x N / D x D matrices, not with the Java algorithms). Rerun:
    python3 src/bench/scores/definitions.py
Needs numpy and scipy.
"""
import numpy as np
from scipy.stats import spearmanr


def inputs(n, d, c):
    i = np.arange(n)[:, None]
    j = np.arange(d)[None, :]
    y = (i[:, 0] * 7) % c
    f = np.sin(0.37 * i * (j + 1) + 0.1 * j) + 0.8 * (y[:, None] == (j % c)) + 0.05 * j
    return f, y


def class_means_matrix(f, y):
    g = np.zeros_like(f)
    for k in range(y.max() + 1):
        g[y == k] = f[y == k].mean(0)
    return g


def reg_hscore(f, y):
    # Ibrahim et al. / TLlib regularized_h_score with sklearn's LedoitWolf written out
    f = f - f.mean(0, keepdims=True)
    n, p = f.shape
    emp = f.T @ f / n
    x2 = f ** 2
    tr = x2.sum(0) / n
    mu = tr.sum() / p
    delta_ = ((f.T @ f) ** 2).sum() / n ** 2
    beta_ = (x2.T @ x2).sum()
    beta = 1.0 / (p * n) * (beta_ / n - delta_)
    delta = (delta_ - 2.0 * mu * tr.sum() + p * mu ** 2) / p
    beta = min(beta, delta)
    a = 0 if beta == 0 else beta / delta
    cov_a = (1 - a) * emp + a * mu * np.eye(p)
    cov_g = np.cov(class_means_matrix(f, y), rowvar=False)
    return np.trace(np.linalg.pinv(cov_a, rcond=1e-15) @ ((1 - a) * cov_g))


def coding_rate(z, eps=1e-4):
    n, d = z.shape
    return 0.5 * np.linalg.slogdet(np.eye(d) + 1 / (n * eps) * z.T @ z)[1]


def transrate(f, y, eps=1e-4):
    z = f - f.mean(0, keepdims=True)
    k = y.max() + 1
    return coding_rate(z, eps) - sum(coding_rate(z[y == c], eps) for c in range(k)) / k


def exact_pca(f, k):
    fc = f - f.mean(0)
    w, v = np.linalg.eigh(fc.T @ fc)
    v = v[:, ::-1][:, :k]
    for j in range(v.shape[1]):
        if v[np.argmax(np.abs(v[:, j])), j] < 0:
            v[:, j] = -v[:, j]
    return fc @ v


def gbc(f, y, pca_dims):
    if pca_dims and f.shape[1] > pca_dims:
        f = exact_pca(f, pca_dims)
    classes = range(y.max() + 1)
    mean = {c: f[y == c].mean(0) for c in classes}
    var = {c: np.maximum(f[y == c].var(0), 1e-4) for c in classes}
    total = 0.0
    for a in classes:
        for b in classes:
            if a == b:
                continue
            s = (var[a] + var[b]) / 2
            db = ((mean[a] - mean[b]) ** 2 / s).sum() / 8 + 0.5 * (
                np.log(s).sum() - 0.5 * np.log(var[a]).sum() - 0.5 * np.log(var[b]).sum())
            total += np.exp(-db)
    return -total


def onehot_dissimilarity(c):
    """1 - corrcoef(onehot) as numpy computes it on OpenBLAS (the authors' fixture machine): row mean 1/c,
    dot products accumulated in order by fused multiply-adds (exact FMA rounding through Fractions), times
    1/(c-1), divided by the row's then the column's standard deviation, clipped. Reproduces the fixture's
    PARC values to 1e-9, where plain numpy on another BLAS build does not."""
    from fractions import Fraction
    m = 1.0 / c
    x = np.where(np.eye(c) == 1, 1.0 - m, 0.0 - m)
    dot = np.zeros((c, c))
    for a in range(c):
        for b in range(c):
            acc = 0.0
            for t in range(c):
                acc = float(Fraction(x[a, t]) * Fraction(x[b, t]) + Fraction(acc))
            dot[a, b] = acc
    cov = dot * (1.0 / (c - 1))
    sd = np.sqrt(np.diag(cov))
    r = cov / sd[:, None]
    r = r / sd[None, :]
    return 1 - np.clip(r, -1, 1)


def parc(f, y, pca_dims=0):
    if pca_dims:
        f = exact_pca(f, pca_dims)
    sd = f.std(0)
    sd[sd == 0] = 1
    fs = (f - f.mean(0)) / sd
    r1 = 1 - np.corrcoef(fs)
    r2 = onehot_dissimilarity(y.max() + 1)[y][:, y]  # 1 - corrcoef(onehot), the reference's floating point
    iu = np.triu_indices(len(y), 1)
    return spearmanr(r1[iu], r2[iu])[0] * 100


def hscore(f, y):
    sd = f.std(0)
    fs = (f - f.mean(0)) / sd
    return np.trace(np.linalg.solve(np.cov(fs, rowvar=False) + 1e-8 * np.eye(f.shape[1]),
                                    np.cov(class_means_matrix(fs, y), rowvar=False)))


def logme_exact(f, y):
    """Fixed point as thuml/LogME, evidence with the log det over all D eigenvalues of F^T F."""
    n, d = f.shape
    s, v = np.linalg.eigh(f.T @ f)
    s = np.maximum(s, 0)
    out = []
    for c in range(y.max() + 1):
        yc = (y == c).astype(float)
        p2 = (v.T @ (f.T @ yc)) ** 2
        alpha, beta = 1.0, 1.0
        for _ in range(11):
            t = alpha / beta
            gamma = (s / (s + t)).sum()
            m2 = (p2 / (s + t) ** 2).sum()
            res2 = yc @ yc - (p2 * (s + 2 * t) / (s + t) ** 2).sum()
            alpha = gamma / (m2 + 1e-5)
            beta = (n - gamma) / (res2 + 1e-5)
            if abs(alpha / beta - t) / t <= 1e-3:
                break
        ev = d / 2 * np.log(alpha) + n / 2 * np.log(beta) - 0.5 * np.log(alpha + beta * s).sum() \
            - beta / 2 * res2 - alpha / 2 * m2 - n / 2 * np.log(2 * np.pi)
        out.append(ev / n)
    return np.mean(out)


if __name__ == "__main__":
    for (n, d, c) in [(200, 6, 3), (12, 20, 3)]:
        f, y = inputs(n, d, c)
        print(f"case n={n} d={d} c={c}")
        print(f"  reg_hscore {reg_hscore(f, y)!r}")
        print(f"  transrate  {transrate(f, y)!r}")
        print(f"  gbc_nopca  {gbc(f, y, 0)!r}")
        print(f"  gbc_pca3   {gbc(f, y, 3)!r}")
        print(f"  parc       {parc(f, y)!r}")
        print(f"  parc_pca3  {parc(f, y, 3)!r}")
        print(f"  hscore     {hscore(f, y)!r}")
        print(f"  logme      {logme_exact(f, y)!r}")
