#!/usr/bin/env bash
# Prints the GPU architectures a CUDA library carries device code for: SASS (machine code, sm_XY cubins) and
# PTX (compute_XY, compiled by the driver at load time). This is how the ND4J CUDA coverage in
# scoring's ScoringBackendKernels.ND4J_CUDA and the README's tables are read; rerun it for a new release.
#
#   src/gpu/cuda-archs.sh LIB.so [LIB2.so ...]
#   src/gpu/cuda-archs.sh JAR 'ENTRY-PATTERN'     entries of a jar matching an unzip pattern, e.g.
#       src/gpu/cuda-archs.sh ~/.m2/.../nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar '*/libnd4jcuda.so'
#       src/gpu/cuda-archs.sh ~/.m2/.../pytorch-native-cu124-2.5.1-linux-x86_64.jar 'pytorch/*/libtorch_cuda.so'
#   --method cuobjdump|fatbin   force one reader (default: cuobjdump when on PATH, else fatbin)
#
# One line per library: `FILE: SASS sm_37 sm_50 ...; PTX compute_86 (READER)`. The `fatbin` reader needs only
# python3: it finds the ELF's .nv_fatbin section and walks the fatbin containers in it (header magic
# 0xBA55ED50; each entry's kind is 1 = PTX, 2 = ELF/SASS, its architecture a 32-bit field at byte 28). Exit 1
# when a file carries no CUDA device code at all.
set -euo pipefail

method=""
args=()
while (($#)); do
  case "$1" in
    --method) method="${2:-}"; shift 2 ;;
    --method=*) method="${1#--method=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
if ((${#args[@]} == 0)); then
  echo "usage: cuda-archs.sh [--method cuobjdump|fatbin] LIB.so... | JAR 'ENTRY-PATTERN'" >&2
  exit 2
fi
case "$method" in
  "") if command -v cuobjdump >/dev/null 2>&1; then method=cuobjdump; else method=fatbin; fi ;;
  cuobjdump) command -v cuobjdump >/dev/null 2>&1 || { echo "cuda-archs: cuobjdump not on PATH" >&2; exit 2; } ;;
  fatbin) ;;
  *) echo "cuda-archs: --method is cuobjdump or fatbin, not '$method'" >&2; exit 2 ;;
esac

files=()
scratch=""
trap '[ -n "$scratch" ] && rm -rf "$scratch"' EXIT
if [[ "${args[0]}" == *.jar ]]; then
  jar="${args[0]}"
  [ -f "$jar" ] || { echo "cuda-archs: no such jar: $jar" >&2; exit 2; }
  ((${#args[@]} == 2)) || { echo "cuda-archs: give a jar and one entry pattern, e.g. '*/libnd4jcuda.so'" >&2; exit 2; }
  scratch="$(mktemp -d)"
  unzip -q -o "$jar" "${args[1]}" -d "$scratch" 2>/dev/null || true
  while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$scratch" -type f -print0 | sort -z)
  ((${#files[@]})) || { echo "cuda-archs: no entry of $jar matches '${args[1]}'" >&2; exit 2; }
else
  for f in "${args[@]}"; do
    [ -f "$f" ] || { echo "cuda-archs: no such file: $f" >&2; exit 2; }
    files+=("$f")
  done
fi

label() { if [ -n "$scratch" ]; then echo "${args[0]}!/${1#"$scratch"/}"; else echo "$1"; fi; }

status=0
for f in "${files[@]}"; do
  if [ "$method" = cuobjdump ]; then
    listing="$(cuobjdump --list-elf --list-ptx "$f" 2>/dev/null || true)"
    sass=$(grep -E '^ELF file' <<<"$listing" | grep -oE 'sm_[0-9]+[a-z]?' | sort -u -V | tr '\n' ' ' || true)
    ptx=$(grep -E '^PTX file' <<<"$listing" | grep -oE 'sm_[0-9]+[a-z]?' | sed 's/^sm_/compute_/' | sort -u -V \
      | tr '\n' ' ' || true)
    line="SASS ${sass:-none }; PTX ${ptx:-none }"
  else
    line="$(python3 - "$f" <<'PY'
import mmap, struct, sys

MAGIC = 0xBA55ED50

def sections(m):
    """(name, offset, size) of every section of a little-endian ELF64 file; [] for anything else."""
    if m[:4] != b"\x7fELF" or m[4] != 2 or m[5] != 1:
        return []
    shoff, = struct.unpack_from("<Q", m, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", m, 0x3A)
    if shoff == 0 or shnum == 0:
        return []
    heads = [struct.unpack_from("<IIQQQQ", m, shoff + i * shentsize) for i in range(shnum)]
    stroff = heads[shstrndx][4]
    out = []
    for name, _type, _flags, _addr, off, size in heads:
        end = m.find(b"\0", stroff + name)
        out.append((m[stroff + name:end].decode("latin-1"), off, size))
    return out

def entries(m, start, end):
    """(kind, arch) of every entry of every fatbin container between start and end."""
    p = m.find(struct.pack("<I", MAGIC), start, end)
    while p >= 0:
        _magic, _version, hsize, fsize = struct.unpack_from("<IHHQ", m, p)
        q, stop = p + hsize, min(end, p + hsize + fsize)
        while q + 32 <= stop:
            kind, _v, ehsize, payload = struct.unpack_from("<HHIQ", m, q)
            arch, = struct.unpack_from("<I", m, q + 28)
            if kind not in (1, 2) or ehsize < 32:
                break
            yield kind, arch
            q += ehsize + payload
        p = m.find(struct.pack("<I", MAGIC), max(stop, p + 4), end)

with open(sys.argv[1], "rb") as fh:
    m = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    spans = [(o, o + s) for n, o, s in sections(m) if n in (".nv_fatbin", "__nv_relfatbin")]
    where = ""
    if not spans:
        spans, where = [(0, len(m))], ", whole file scanned: no .nv_fatbin section"
    sass, ptx = set(), set()
    for a, b in spans:
        for kind, arch in entries(m, a, b):
            (ptx if kind == 1 else sass).add(arch)
    fmt = lambda prefix, s: " ".join(prefix + str(a) for a in sorted(s)) if s else "none"
    print(f"SASS {fmt('sm_', sass)}; PTX {fmt('compute_', ptx)}{where}")
PY
)"
  fi
  line="$(sed -E 's/ +;/;/; s/ +$//' <<<"$line")"
  echo "$(label "$f"): $line ($method)"
  [[ "$line" == "SASS none; PTX none"* ]] && status=1
done
exit "$status"
