#!/usr/bin/python3
"""Forward-pass throughput of a TorchScript file in PyTorch itself, the reference for `modelscout bench extract`.

Same protocol as the Java side: one fixed random batch (seeded), `--warmup` untimed batches, then
`--batches` timed ones, under torch.inference_mode(), with `--threads` intra-op threads. With `--device cuda[:N]`
each batch goes from host memory to the GPU and its features back, as `modelscout bench extract --device cuda`
does (float32 both), and the clock stops after the last copy.

    /usr/bin/python3 src/bench/torch_throughput.py --model build/zoo/resnet18.pt --batch-size 32 --threads 2
    python3 src/bench/torch_throughput.py --model build/zoo/resnet18.pt --batch-size 64 --device cuda
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
    ap.add_argument("--device", default="cpu", help="cpu (default) or cuda[:N]")
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    model = torch.jit.load(args.model, map_location=device).eval()
    g = torch.Generator().manual_seed(42)
    x = torch.randn(args.batch_size, 3, args.size, args.size, generator=g)

    def batch():
        if device.type == "cpu":
            return model(x)
        return model(x.to(device)).cpu()  # host -> GPU -> host, as the Java side

    with torch.inference_mode():
        for _ in range(args.warmup):
            batch()
        t0 = time.perf_counter()
        for _ in range(args.batches):
            batch()
        s = time.perf_counter() - t0
    n = args.batch_size * args.batches
    where = f"{torch.get_num_threads()} threads" if device.type == "cpu" else \
        f"{device} ({torch.cuda.get_device_name(device)})"
    print(f"pytorch {torch.__version__} ({platform.python_implementation()} {platform.python_version()}), "
          f"{where}: {n} images in {s:.2f} s = {n / s:.1f} images/s")


if __name__ == "__main__":
    main()
