#!/usr/bin/python3
"""Pre-trains the world zoo and exports it: every backbone of PLAN is trained briefly on one source
(build/world/sources/<name>/) with a linear classification head, the head is dropped, and the backbone is compiled
to TorchScript: a (N, 3, 32, 32) float batch normalised with the catalog's mean/std -> (N, D) penultimate
features. A few backbones stay at their seeded random initialisation (pretrain_dataset = random-init).
The files are scripted (torch.jit.script), so their BatchNorm layers follow train() / eval() when fine-tuned.

Writes to build/world/zoo/ (or --out):
  <id>.pt        TorchScript backbone
  zoo.csv        the modelscout catalog (docs/zoo.md): every field filled; GMACs counted with forward hooks
                 (Conv2d, Linear and the attention products), parameters counted, SHA-256 of the file
  pretrain.csv   how each was made: arch, size, source, classes, images, epochs, held-out accuracy, seconds

Backbones train two at a time in separate single-threaded processes (--jobs 2: both cores busy, no OpenMP
synchronisation between them, which on a shared 2-core machine is several times faster than one process on
torch.set_num_threads(2)); each is seeded (torch.manual_seed) and single-threaded, so the result does not
depend on which process ran it; each runs in a fresh process, and the saved file leaves out TorchScript's
debug records, so a rebuild on the same machine writes the same bytes. Every backbone is checked after export:
the saved file is loaded back with torch.jit.load and must give the eager module's features (same shape, max
difference < 1e-4) on a batch of 5. Debian python3-torch 1.13.

usage: pretrain.py [--out DIR] [--only ID[,ID]] [--epochs N] [--jobs 2]
"""
import argparse
import concurrent.futures
import hashlib
import multiprocessing
import os
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backbones as B  # noqa: E402
import common as C  # noqa: E402

SOURCES = os.path.join(C.WORLD, "sources")
SHORT = {"mnist": "mnist", "fashion-mnist": "fashion", "glyphs": "glyphs", "emoji": "emoji", None: "random"}

# (arch, source): every family in two sizes; every source trains one backbone of every family (two small, two
# medium), every architecture sees two sources; four stay random.
PLAN = [
    ("resnet-s", "mnist"), ("resnet-s", "glyphs"), ("resnet-m", "fashion-mnist"), ("resnet-m", "emoji"),
    ("mobilenet-s", "fashion-mnist"), ("mobilenet-s", "emoji"), ("mobilenet-m", "mnist"), ("mobilenet-m", "glyphs"),
    ("vgg-s", "mnist"), ("vgg-s", "emoji"), ("vgg-m", "fashion-mnist"), ("vgg-m", "glyphs"),
    ("vit-s", "fashion-mnist"), ("vit-s", "glyphs"), ("vit-m", "mnist"), ("vit-m", "emoji"),
    ("resnet-m", None), ("mobilenet-s", None), ("vgg-m", None), ("vit-s", None),
]
EPOCHS = {"resnet": 3, "mobilenet": 3, "vgg": 3, "vit": 5}  # ViTs learn more slowly per step
BATCH = 64
VAL_FRACTION = 0.1
RANDOM_MEAN, RANDOM_STD = (0.5, 0.5, 0.5), (0.25, 0.25, 0.25)


def recipe(family):
    """(max learning rate, weight decay) for AdamW with a one-cycle schedule."""
    return (3e-3, 0.05) if family == "vit" else (4e-3, 5e-4)


def load_folder(path):
    """All images of an ImageFolder as (N, 3, 32, 32) uint8 RGB and labels in sorted class order."""
    classes = sorted(c for c in os.listdir(path) if not c.startswith("."))
    xs, ys = [], []
    for k, c in enumerate(classes):
        for f in sorted(os.listdir(os.path.join(path, c))):
            xs.append(np.asarray(Image.open(os.path.join(path, c, f)).convert("RGB")))
            ys.append(k)
    return torch.from_numpy(np.stack(xs)).permute(0, 3, 1, 2).contiguous(), torch.tensor(ys), classes


def split(labels, seed):
    """Seeded per-class hold-out: VAL_FRACTION of every class for the pre-training accuracy."""
    g = torch.Generator().manual_seed(seed)
    train, val = [], []
    for c in labels.unique().tolist():
        idx = torch.nonzero(labels == c).flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]
        n_val = max(1, int(round(VAL_FRACTION * len(idx))))
        val.append(idx[:n_val])
        train.append(idx[n_val:])
    return torch.cat(train).sort().values, torch.cat(val).sort().values


def accuracy(model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), 512):
            correct += (model(x[i:i + 512]).argmax(1) == y[i:i + 512]).sum().item()
    return correct / len(x)


def pretrain(arch, data, seed, epochs=None):
    """Trains arch with a linear head on data = (normalised x, y, classes); returns (backbone, info)."""
    x, y, classes = data
    family = B.ARCHS[arch][0]
    epochs = epochs or EPOCHS[family]
    torch.manual_seed(seed)
    model = B.Classifier(B.build(arch), len(classes))
    tr, va = split(y, seed)
    lr, wd = recipe(family)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    steps = epochs * ((len(tr) + BATCH - 1) // BATCH)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.25)
    g = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        model.train()
        order = tr[torch.randperm(len(tr), generator=g)]
        for i in range(0, len(order), BATCH):
            b = order[i:i + BATCH]
            loss = F.cross_entropy(model(x[b]), y[b])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
    info = {"classes": len(classes), "train_images": len(tr), "val_images": len(va), "epochs": epochs,
            "train_accuracy": accuracy(model, x[tr], y[tr]), "val_accuracy": accuracy(model, x[va], y[va])}
    return model.backbone, info


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


EXPORT = "script"  # how files are compiled (--export): see export()


def export(backbone, path, seed):
    """Compiles the backbone with torch.jit.script (not trace: a traced file bakes BatchNorm's eval mode in, so
    fine-tuning could not update its statistics; a scripted one follows train() / eval(), as
    src/models/export_scripted.py explains), saved in eval mode, without the debug records (*.debug_pkl: source
    ranges with absolute paths, optional for loading), so the file depends on the weights and the code, not on
    where the checkout is; then checks that the saved file gives the eager model's features."""
    backbone.eval()
    torch.manual_seed(seed)
    if EXPORT == "trace":
        with torch.no_grad():
            scripted = torch.jit.trace(backbone, torch.randn(2, 3, C.SIZE, C.SIZE))
    else:
        scripted = torch.jit.script(backbone)
    tmp_dir = os.path.join(os.path.dirname(path), ".export-" + os.path.basename(path))
    os.makedirs(tmp_dir, exist_ok=True)
    tmp = os.path.join(tmp_dir, os.path.basename(path))  # same file name: same archive name inside
    scripted.save(tmp)
    reader = torch._C.PyTorchFileReader(tmp)
    writer = torch._C.PyTorchFileWriter(path)  # its archive name is the file name, as torch.jit.save's
    version = "version" if reader.has_record("version") else ".data/version"
    for name in reader.get_all_records():
        if not name.endswith(".debug_pkl") and name not in ("version", ".data/version"):
            data = reader.get_record(name)
            writer.write_record(name, data, len(data))
    writer.set_min_version(int(bytes(reader.get_record(version)).decode().strip()))
    writer.write_end_of_file()  # writes the version record
    del reader, writer
    shutil.rmtree(tmp_dir)
    probe = torch.randn(5, 3, C.SIZE, C.SIZE)
    with torch.no_grad():
        want = backbone(probe)
        got = torch.jit.load(path)(probe)
    if got.shape != want.shape or got.dim() != 2 or (got - want).abs().max().item() > 1e-4:
        raise SystemExit(f"{path}: reloaded TorchScript disagrees with the model ({tuple(got.shape)})")
    return got.shape[1]


def fmt(v):
    return " ".join(f"{x:.4f}" for x in v)


_sources = {}


def source_data(source):
    """The source's images normalised with its own per-channel mean/std (rounded to 4 decimals, as the catalog
    stores them), loaded once per process."""
    if source not in _sources:
        raw, y, classes = load_folder(os.path.join(SOURCES, source))
        xf = raw.float() / 255.0
        m = [round(v, 4) for v in xf.mean(dim=(0, 2, 3)).tolist()]
        s = [round(v, 4) for v in xf.std(dim=(0, 2, 3)).tolist()]
        xn = (xf - torch.tensor(m).view(1, 3, 1, 1)) / torch.tensor(s).view(1, 3, 1, 1)
        _sources[source] = ((xn, y, classes), m, s)
    return _sources[source]


def make(k, out, epochs, threads, export_mode):
    """Builds PLAN[k]: pre-trains (or initialises) it, exports it, measures it; returns (catalog row, log row)."""
    global EXPORT
    EXPORT = export_mode
    torch.set_num_threads(threads)
    arch, source = PLAN[k]
    bid = backbone_id(k)
    family, size = B.ARCHS[arch][:2]
    seed = 1000 + k
    t = time.time()
    if source is None:
        torch.manual_seed(seed)
        backbone, info = B.build(arch), {"classes": 0, "train_images": 0, "val_images": 0, "epochs": 0,
                                          "train_accuracy": "", "val_accuracy": ""}
        mean, std = RANDOM_MEAN, RANDOM_STD
    else:
        data, mean, std = source_data(source)
        t = time.time()
        backbone, info = pretrain(arch, data, seed, epochs)
    seconds = time.time() - t
    path = os.path.join(out, bid + ".pt")
    dim = export(backbone, path, seed)
    macs, _ = B.count_macs(backbone)
    params = B.params(backbone)
    row = {"id": bid, "arch_family": family, "pretrain_dataset": source or "random-init",
           "resize": C.SIZE, "crop": C.SIZE, "mean": fmt(mean), "std": fmt(std), "channels": "RGB",
           "feature_dim": dim, "gmacs": f"{macs / 1e9:.6g}", "params_m": f"{params / 1e6:.6g}",
           "weights": bid + ".pt", "sha256": sha256(path)}
    acc = info["val_accuracy"]
    log = {"id": bid, "arch": arch, "family": family, "size": size, "pretrain_dataset": source or "random-init",
           **info, "train_accuracy": "" if acc == "" else f"{info['train_accuracy']:.4f}",
           "val_accuracy": "" if acc == "" else f"{acc:.4f}", "seconds": f"{seconds:.1f}",
           "size_bytes": os.path.getsize(path)}
    print(f"zoo {bid}: {dim}-d, {params / 1e6:.3f} M params, {macs / 1e6:.2f} M MACs, "
          + (f"held-out accuracy {acc:.4f}, " if acc != "" else "random-init, ")
          + f"{seconds:.1f} s", flush=True)
    return row, log


def backbone_id(k):
    arch, source = PLAN[k]
    return f"{arch}-{SHORT[source]}"


# relative cost of pre-training (measured, single thread, epochs included), to start the slowest first
COST = {"resnet-s": 1, "resnet-m": 2.4, "mobilenet-s": 1.8, "mobilenet-m": 3.3, "vgg-s": 1.3, "vgg-m": 3.5,
        "vit-s": 1.2, "vit-m": 3}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(C.WORLD, "zoo"))
    ap.add_argument("--only", default="", help="comma-separated backbone ids (default: all of PLAN)")
    ap.add_argument("--epochs", type=int, default=0, help="override the epochs of every family (EPOCHS)")
    ap.add_argument("--jobs", type=int, default=2,
                    help="backbones trained at once, in separate processes (default 2: one per core, one thread "
                         "each; --jobs 1 trains one at a time on 2 threads)")
    ap.add_argument("--export", choices=["trace", "script"], default=EXPORT,
                    help="script (default: torch.jit.script, BatchNorm follows train()/eval() when fine-tuned) or "
                         "trace (torch.jit.trace in eval mode: BatchNorm keeps its statistics when fine-tuned)")
    args = ap.parse_args()
    threads = max(1, 2 // args.jobs)
    os.makedirs(args.out, exist_ok=True)
    only = {i for i in args.only.split(",") if i}
    todo = [k for k in range(len(PLAN)) if not only or backbone_id(k) in only]
    todo_by_cost = sorted(todo, key=lambda k: -COST[PLAN[k][0]] * (PLAN[k][1] is not None))
    t_all = time.time()
    results = {}
    # one fresh process per backbone: TorchScript numbers the classes it compiles (___torch_mangle_N) per process,
    # so a process that compiled nothing before writes the same file whatever ran before it
    # torch.jit.script writes a module's __constants__ (a Python set) in hash order: fix the workers' hash seed
    os.environ["PYTHONHASHSEED"] = "0"
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(args.jobs, mp_context=ctx, max_tasks_per_child=1) as pool:
        futures = {k: pool.submit(make, k, args.out, args.epochs, threads, args.export) for k in todo_by_cost}
        for k, f in futures.items():
            results[k] = f.result()
    rows = [results[k][0] for k in todo]
    log = [results[k][1] for k in todo]
    fields = ["id", "arch_family", "pretrain_dataset", "resize", "crop", "mean", "std", "channels",
              "feature_dim", "gmacs", "params_m", "weights", "sha256"]
    C.write_csv(os.path.join(args.out, "zoo.csv"), fields, rows)
    C.write_csv(os.path.join(args.out, "pretrain.csv"),
                ["id", "arch", "family", "size", "pretrain_dataset", "classes", "train_images", "val_images",
                 "epochs", "train_accuracy", "val_accuracy", "seconds", "size_bytes"], log)
    total = sum(r["size_bytes"] for r in log)
    print(f"zoo: {len(rows)} backbones, {total / 1e6:.1f} MB of weights, {time.time() - t_all:.0f} s wall "
          f"(torch {torch.__version__}, {args.jobs} processes x {threads} thread(s))")


if __name__ == "__main__":
    main()
