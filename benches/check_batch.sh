#!/usr/bin/env bash
# `overlap check --batch` on N generated module descriptors (default 150) against checking them one file at a
# time, side by side on the same files:
#   bash benches/check_batch.sh            # N=150, RUNS=3 alternating pairs
# Each descriptor has a title, two aims sentences and eight outcomes, all distinct generated outcome sentences
# (benches/gen_corpus.py), so no text is embedded twice by coincidence. Prints CPU (user + system of the child)
# and wall time, and the load average.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${N:-150}"
RUNS="${RUNS:-3}"
DATA="$ROOT/target/bench-data"
DIR="$DATA/batch$N"

cargo build --release --quiet
BIN="$ROOT/target/release/overlap"
python3 benches/gen_corpus.py "$DATA" 2000 20000 100000 >/dev/null

rm -rf "$DIR"
mkdir -p "$DIR"
python3 - "$DATA/b20k.txt" "$DIR" "$N" <<'EOF'
import sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
out, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    take = lines[i * 10:(i + 1) * 10]
    aims, outcomes = take[:2], take[2:]
    body = [f"Generated module {i + 1}", f"Code: GEN{i + 1:03d}", "Credits: 20", "Level: 6",
            "Source: https://example.org/generated", "", "Aims", " ".join(s.rstrip(".") + "." for s in aims), "",
            "Learning outcomes"] + [f"{k + 1}. {s}" for k, s in enumerate(outcomes)]
    with open(f"{out}/gen-{i + 1:03d}.md", "w", encoding="utf-8") as f:
        f.write("\n".join(body) + "\n")
EOF

python3 - "$BIN" "$DIR" "$RUNS" <<'EOF'
import glob, os, resource, statistics, subprocess, sys, time

BIN, DIR, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])
FILES = sorted(glob.glob(os.path.join(DIR, "*.md")))
AGAINST = ["--against", "pwp,cwp,emhp"]

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def timed(cmds):
    c, t = cpu(), time.perf_counter()
    for cmd in cmds:
        # Exit status 1 means a check fell below a threshold, not a failure of the run.
        if subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode not in (0, 1):
            sys.exit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - t, cpu() - c

print(f"load average before: {os.getloadavg()[0]:.2f}; cores: {os.cpu_count()}; {len(FILES)} descriptors")
batch, single = [], []
for _ in range(RUNS):
    batch.append(timed([[BIN, "check", "--batch", DIR] + AGAINST]))
    single.append(timed([[BIN, "check", f] + AGAINST for f in FILES]))
med = lambda xs, k: statistics.median(x[k] for x in xs)
bw, bc, sw, sc = med(batch, 0), med(batch, 1), med(single, 0), med(single, 1)
print(f"load average after: {os.getloadavg()[0]:.2f}")
print("| | wall | CPU |")
print("|---|---:|---:|")
print(f"| `check --batch` ({len(FILES)} files, one process) | {bw:.2f} s | {bc:.2f} s |")
print(f"| `check FILE` once per file | {sw:.2f} s | {sc:.2f} s |")
print(f"| ratio | {sw / bw:.1f}× | {sc / bc:.1f}× |")
EOF
