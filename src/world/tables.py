#!/usr/bin/python3
"""Prints the Markdown tables of docs/world.md (sources, targets, zoo) from a built world, so the page can be
refreshed after a rebuild: /usr/bin/python3 src/world/tables.py [WORLD_DIR]   (default build/world)."""
import csv
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for r in rows:
        print("| " + " | ".join(str(v) for v in r) + " |")
    print()


def main():
    world = sys.argv[1] if len(sys.argv) > 1 else C.WORLD
    if os.path.isfile(os.path.join(world, "sources", "sources.csv")):
        src = read(os.path.join(world, "sources", "sources.csv"))
        table(["source", "package", "classes", "images", "MB", "what"],
              [(r["name"], r["package"], r["classes"], r["images"],
                f"{C.folder_bytes(os.path.join(world, 'sources', r['name'])) / 1e6:.1f}", r["description"]) for r in src])
    tgt = read(os.path.join(world, "targets", "targets.csv"))
    table(["target", "role", "package", "classes", "pool", "validation", "KB", "what"],
          [(r["id"], r["role"], r["source_package"], r["classes"], r["images"], r.get("val_images", "-"),
            f"{(C.folder_bytes(os.path.join(world, 'targets', r['id'])) + C.folder_bytes(os.path.join(world, 'validation', r['id']))) / 1e3:.0f}",
            r["description"]) for r in tgt])
    if not os.path.isfile(os.path.join(world, "zoo", "pretrain.csv")):
        return
    zoo = {r["id"]: r for r in read(os.path.join(world, "zoo", "zoo.csv"))}
    log = read(os.path.join(world, "zoo", "pretrain.csv"))
    table(["id", "family", "size", "pre-trained on", "params (M)", "GMACs", "feature dim", "epochs",
           "pre-train acc.", "train s", "file KB"],
          [(r["id"], r["family"], r["size"], r["pretrain_dataset"], zoo[r["id"]]["params_m"], zoo[r["id"]]["gmacs"],
            zoo[r["id"]]["feature_dim"], r["epochs"] or "-", r["val_accuracy"] or "-", r["seconds"],
            f"{int(r['size_bytes']) / 1e3:.0f}") for r in log])


if __name__ == "__main__":
    main()
