#!/usr/bin/python3
"""Fine-tunes a TorchScript backbone in PyTorch itself: the reference for modelscout's FineTuner (DJL).

Same protocol, step for step (docs/finetune.md):
  - data: the train / val manifests (`path,label` with integer class ids) that FineTuneBenchmark writes, read
    with PIL and torchvision's Resize(resize) -> CenterCrop(crop) -> ToTensor() -> Normalize(mean, std)
    (BGR: channels flipped), decoded afresh every epoch, no augmentation;
  - head: nn.Linear(D, C) whose weight (row-major) then bias are (2u - 1) / sqrt(D), u from SplitMix64(seed);
  - batches: each epoch the indices 0..n-1 are shuffled by Fisher-Yates with the same SplitMix64 stream
    (continuing after the head), the last batch holds the rest;
  - torch.manual_seed(seed), torch.set_num_threads(threads);
  - torch.optim.SGD(momentum, weight_decay) over the backbone's parameters (unless --freeze) and the head's;
    learning rate lr * (1 + cos(pi * t / T)) / 2 at step t of T = epochs * batches per epoch;
  - F.cross_entropy (mean over the batch); backbone in train() mode (eval() with --freeze);
  - validation after every epoch, eval() and no_grad, in manifest order;
  - before the first step (not with --freeze) one eval-mode forward pass of the first batch, to tell whether
    train() changes the output (the Java side does the same, so both run the same passes).

Each epoch is timed in wall seconds and in CPU seconds of the process (time.process_time(): every thread), and
every step in wall seconds (decoding its batch included), whose minimum is the least disturbed by other processes.
Prints one line per epoch and, last, one JSON line (`RESULT {...}`) that compare.sh reads.

    /usr/bin/python3 src/bench/finetune/torch_finetune.py --model m.pt --crop 64 --train train.csv \\
        --val val.csv --classes 10 --epochs 2 --seed 1 --threads 2
"""
import argparse
import csv
import json
import math
import os
import platform
import time

import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms

MASK = (1 << 64) - 1


class SplitMix64:
    """Steele, Lea and Flood's SplitMix64, as engine/.../SplitMix64.java."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * (1.0 / (1 << 53))

    def shuffle(self, a):
        for i in range(len(a) - 1, 0, -1):
            j = int(self.next_double() * (i + 1))
            a[i], a[j] = a[j], a[i]


def read_manifest(path):
    base = os.path.dirname(os.path.abspath(path))
    rows = []
    with open(path, newline="") as f:
        for i, rec in enumerate(csv.reader(f)):
            if not rec or (i == 0 and rec[0] == "path"):
                continue
            rows.append((os.path.join(base, rec[0]), int(rec[1])))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="TorchScript file")
    ap.add_argument("--crop", type=int, required=True)
    ap.add_argument("--resize", type=int, default=0, help="default: round(crop / 0.875)")
    ap.add_argument("--mean", default="0.485,0.456,0.406")
    ap.add_argument("--std", default="0.229,0.224,0.225")
    ap.add_argument("--channels", default="RGB", choices=["RGB", "BGR"])
    ap.add_argument("--train", required=True, help="manifest: path,label (integer class ids)")
    ap.add_argument("--val", required=True)
    ap.add_argument("--classes", type=int, required=True)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--weight-decay", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--freeze", action="store_true", help="train the head only")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--steps", action="store_true", help="print every step's loss")
    args = ap.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    resize = args.resize or round(args.crop / 0.875)
    tf = transforms.Compose([transforms.Resize(resize), transforms.CenterCrop(args.crop), transforms.ToTensor(),
                             transforms.Normalize([float(v) for v in args.mean.split(",")],
                                                  [float(v) for v in args.std.split(",")])])

    def load(rows, idx):
        xs = []
        for i in idx:
            x = tf(Image.open(rows[i][0]).convert("RGB"))
            xs.append(x.flip(0) if args.channels == "BGR" else x)
        return torch.stack(xs), torch.tensor([rows[i][1] for i in idx], dtype=torch.int64)

    train_rows = read_manifest(args.train)
    val_rows = read_manifest(args.val)
    model = torch.jit.load(args.model, map_location="cpu")
    model.eval()
    with torch.no_grad():
        dim = model(torch.zeros(1, 3, args.crop, args.crop)).reshape(1, -1).shape[1]

    rng = SplitMix64(args.seed)
    bound = 1 / math.sqrt(dim)
    w = [(2 * rng.next_double() - 1) * bound for _ in range(args.classes * dim)]
    b = [(2 * rng.next_double() - 1) * bound for _ in range(args.classes)]
    head = torch.nn.Linear(dim, args.classes)
    with torch.no_grad():
        head.weight.copy_(torch.tensor(w, dtype=torch.float32).reshape(args.classes, dim))
        head.bias.copy_(torch.tensor(b, dtype=torch.float32))
    params = list(head.parameters())
    if args.freeze:
        for p in model.parameters():
            p.requires_grad_(False)
    else:
        params = list(model.parameters()) + params
    opt = torch.optim.SGD(params, lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay)

    n = len(train_rows)
    bs = args.batch_size
    per_epoch = (n + bs - 1) // bs
    total = args.epochs * per_epoch
    step = 0
    train_mode = False
    history = []
    step_seconds = []
    t_start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        decode = 0.0
        order = list(range(n))
        rng.shuffle(order)
        loss_sum = 0.0
        correct = 0
        lr = args.lr
        for s in range(0, n, bs):
            td = time.perf_counter()
            ts = td
            x, y = load(train_rows, order[s:s + bs])
            decode += time.perf_counter() - td
            lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / total))
            for g in opt.param_groups:
                g["lr"] = lr
            probe = None
            if step == 0 and not args.freeze:
                model.eval()
                with torch.no_grad():
                    probe = model(x).reshape(len(y), -1)
            if args.freeze:
                model.eval()
            else:
                model.train()
            f = model(x).reshape(len(y), -1)
            if probe is not None:
                diff = (f.detach() - probe).abs().max().item()
                train_mode = diff > 1e-4 * max(probe.abs().max().item(), 1e-12)
            logits = head(f)
            loss = F.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(y)
            if args.steps:
                print(f"step {step + 1}: loss {loss.item():.7f}", flush=True)
            correct += (logits.argmax(1) == y).sum().item()
            step += 1
            step_seconds.append(time.perf_counter() - ts)
        model.eval()
        v_loss = 0.0
        v_correct = 0
        with torch.no_grad():
            for s in range(0, len(val_rows), bs):
                td = time.perf_counter()
                x, y = load(val_rows, range(s, min(s + bs, len(val_rows))))
                decode += time.perf_counter() - td
                logits = head(model(x).reshape(len(y), -1))
                v_loss += F.cross_entropy(logits, y).item() * len(y)
                v_correct += (logits.argmax(1) == y).sum().item()
        sec = time.perf_counter() - t0
        cpu = time.process_time() - c0
        e = {"epoch": epoch, "train_loss": loss_sum / n, "train_accuracy": correct / n,
             "val_loss": v_loss / len(val_rows), "val_accuracy": v_correct / len(val_rows), "learning_rate": lr,
             "seconds": sec, "cpu_seconds": cpu, "decode_seconds": decode}
        history.append(e)
        print(f"epoch {epoch}: train loss {e['train_loss']:.6f}, val loss {e['val_loss']:.6f}, "
              f"val acc {e['val_accuracy']:.4f}, {sec:.2f} s ({cpu:.2f} s CPU, {decode:.2f} s decoding)", flush=True)
    result = {"engine": f"pytorch {torch.__version__} ({platform.python_implementation()} "
                        f"{platform.python_version()})",
              "threads": torch.get_num_threads(), "val_accuracy": history[-1]["val_accuracy"],
              "train_size": n, "val_size": len(val_rows), "seconds": time.perf_counter() - t_start,
              "train_mode": train_mode, "history": history,
              "step_seconds": step_seconds}
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
