#!/usr/bin/python3
"""Forward-pass throughput of a TorchScript file in PyTorch itself, the reference for `modelscout bench extract`.

Same protocol as the Java side: one fixed random batch (seeded), `--warmup` untimed batches, then
`--batches` timed ones, under torch.inference_mode(), with `--threads` intra-op threads.

    /usr/bin/python3 src/bench/torch_throughput.py --model build/zoo/resnet18.pt --batch-size 32 --threads 2
"""
import argparse
import platform
import time

import torch


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--threads", type=int, default=0, help="intra-op threads (0: PyTorch default)")
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    model = torch.jit.load(args.model, map_location="cpu").eval()
    g = torch.Generator().manual_seed(42)
    x = torch.randn(args.batch_size, 3, args.size, args.size, generator=g)
    with torch.inference_mode():
        for _ in range(args.warmup):
            model(x)
        t0 = time.perf_counter()
        for _ in range(args.batches):
            model(x)
        s = time.perf_counter() - t0
    n = args.batch_size * args.batches
    print(f"pytorch {torch.__version__} ({platform.python_implementation()} {platform.python_version()}), "
          f"{torch.get_num_threads()} threads: {n} images in {s:.2f} s = {n / s:.1f} images/s")


if __name__ == "__main__":
    main()
