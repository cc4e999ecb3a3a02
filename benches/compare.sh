#!/usr/bin/env bash
# Side-by-side performance of `overlap similarity` against what an analyst would use (scikit-learn TF-IDF +
# cosine_similarity; RapidFuzz process.cdist), on identical generated data. One run does everything:
#   bash benches/compare.sh
# Environment: QUICK=1 runs fewer repetitions; KEEP_VENV=1 reuses target/bench-venv without pip.
# Writes the table to stdout and to target/bench-results.md. Needs python3 (venv), network for pip once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench"
DATA="$ROOT/target/bench-data"
VENV="$ROOT/target/bench-venv"
mkdir -p "$OUT" "$DATA"

echo "== building overlap (release)" >&2
cargo build --release --quiet
BIN="$ROOT/target/release/overlap"

echo "== python venv with scikit-learn, rapidfuzz, numpy" >&2
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV"
fi
if [[ "${KEEP_VENV:-0}" != 1 ]]; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check scikit-learn rapidfuzz numpy
fi

echo "== generating data (fixed seeds) in $DATA" >&2
python3 benches/gen_corpus.py "$DATA" 2000 20000 100000 >/dev/null

if ! command -v hyperfine >/dev/null; then
    apt-get install -y hyperfine >/dev/null 2>&1 || true
fi

# The Python side of each measurement: times inside the process (file reading, fit and scoring; not the
# interpreter start or imports, which favours Python), prints seconds as JSON.
cat >"$OUT/pytools.py" <<'EOF'
import json, sys, time

def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l for l in f.read().splitlines() if l.strip()]

def sklearn_run(a_path, b_path, k):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity
    t0, c0 = time.perf_counter(), time.process_time()
    a, b = lines(a_path), lines(b_path)
    # As close to overlap's model as sklearn gets: words and word pairs, stop words, sublinear tf, smooth idf,
    # L2 norm (no stemming, no abbreviation expansion).
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    x = vec.fit_transform(a + b)
    xa, xb = x[: len(a)], x[len(a):]
    t_fit = time.perf_counter() - t0
    nonzero = 0
    if k == 0:
        # Full matrix, dense output (|B| x |A| float64), then the best per row and the nonzero count.
        s = cosine_similarity(xb, xa)
        best = s.argmax(axis=1)
        nonzero = int((s > 0).sum())
    else:
        # Top-k in chunks of 2000 rows of B: each chunk's dense block, then argpartition. The whole dense
        # matrix (20k x 20k float64 = 3.2 GB) is never held.
        for i in range(0, len(b), 2000):
            s = cosine_similarity(xb[i:i + 2000], xa)
            idx = np.argpartition(-s, k - 1, axis=1)[:, :k]
            part = np.take_along_axis(s, idx, axis=1)
            order = np.argsort(-part, axis=1, kind="stable")
            idx = np.take_along_axis(idx, order, axis=1)
            nonzero += int((part > 0).sum())
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "fit_seconds": t_fit, "nonzero": nonzero}

def rapidfuzz_run(a_path, b_path, scorer):
    from rapidfuzz import fuzz, process, utils
    t0, c0 = time.perf_counter(), time.process_time()
    a, b = lines(a_path), lines(b_path)
    s = process.cdist(b, a, scorer=getattr(fuzz, scorer), processor=utils.default_process, workers=-1)
    best = s.argmax(axis=1)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}

if __name__ == "__main__":
    tool, a, b, arg = sys.argv[1:5]
    r = sklearn_run(a, b, int(arg)) if tool == "sklearn" else rapidfuzz_run(a, b, arg)
    print(json.dumps(r))
EOF

# The harness: runs every measurement, then prints the table and the ratios.
cat >"$OUT/harness.py" <<'EOF'
import json, os, re, resource, statistics, subprocess, sys, time

BIN, DATA, VENV, OUT = sys.argv[1:5]
QUICK = os.environ.get("QUICK") == "1"
PY = os.path.join(VENV, "bin", "python")
PYTOOLS = os.path.join(OUT, "pytools.py")
# numpy/OpenBLAS must pick its own kernel: drop the machine's overrides for the Python tools only.
PYENV = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}

def f(name):
    return os.path.join(DATA, name)

def log(*a):
    print(*a, file=sys.stderr, flush=True)

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def wall(cmd, runs):
    """Median wall time of a command (process start to exit) over `runs` runs, and the median CPU time (user +
    system, every thread) of those runs."""
    ts, cs = [], []
    for _ in range(runs):
        c, t = children_cpu(), time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        ts.append(time.perf_counter() - t)
        cs.append(children_cpu() - c)
    return statistics.median(ts), statistics.median(cs)

def py(tool, a, b, arg, runs):
    """Median seconds and CPU seconds of the Python tool's work, timed inside its process."""
    ts, cs = [], []
    for _ in range(runs):
        r = subprocess.run([PY, PYTOOLS, tool, a, b, str(arg)], check=True, capture_output=True, text=True, env=PYENV)
        j = json.loads(r.stdout)
        ts.append(j["seconds"])
        cs.append(j["cpu"])
    return statistics.median(ts), statistics.median(cs)

LOAD_BEFORE = os.getloadavg()

def rss(cmd):
    """Wall seconds and peak resident set (bytes) from /usr/bin/time -v."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    secs = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    return secs, kb * 1024

R = 1 if QUICK else 3
rows = []  # (workload, tool, what it computes, seconds, note)

def ov(a, b, top=None):
    cmd = [BIN, "similarity", f(a), f(b), "--quiet"]
    return cmd + (["--top", str(top)] if top else [])

log("2k x 2k ...")
rows.append(("2k×2k", "overlap", "full matrix, best per row", wall(ov("a2k.txt", "b2k.txt"), 5 * R), ""))
rows.append(("2k×2k", "overlap", "top-10 per row", wall(ov("a2k.txt", "b2k.txt", 10), 5 * R), ""))
rows.append(("2k×2k", "sklearn", "full matrix (dense), best per row", py("sklearn", f("a2k.txt"), f("b2k.txt"), 0, R), ""))
rows.append(("2k×2k", "sklearn", "top-10 per row (chunked)", py("sklearn", f("a2k.txt"), f("b2k.txt"), 10, R), ""))
tsr_both = py("rapidfuzz", f("a2k.txt"), f("b2k.txt"), "token_set_ratio", 1)
rat_both = py("rapidfuzz", f("a2k.txt"), f("b2k.txt"), "ratio", 1)
tsr, rat = tsr_both[0], rat_both[0]
rows.append(("2k×2k", "rapidfuzz token_set_ratio", "full matrix (cdist), best per row", tsr_both, ""))
rows.append(("2k×2k", "rapidfuzz ratio", "full matrix (cdist), best per row", rat_both, ""))

log("20k x 20k ...")
rows.append(("20k×20k", "overlap", "top-10 per row", wall(ov("a20k.txt", "b20k.txt", 10), R), ""))
rows.append(("20k×20k", "overlap", "full matrix (all 400M scores, reduced per row, not stored)", wall(ov("a20k.txt", "b20k.txt"), R), ""))
rows.append(("20k×20k", "sklearn", "top-10 per row (dense 2000-row chunks)", py("sklearn", f("a20k.txt"), f("b20k.txt"), 10, 1), ""))
rows.append(("20k×20k", "rapidfuzz token_set_ratio", "full matrix (cdist)", (tsr * 100, tsr_both[1] * 100), "extrapolated: 2k×2k time × 100 (pairs)"))
rows.append(("20k×20k", "rapidfuzz ratio", "full matrix (cdist)", (rat * 100, rat_both[1] * 100), "extrapolated: 2k×2k time × 100 (pairs)"))

# The physical limit of the 20k×20k sparse product: its multiply-adds (overlap's summary line counts the postings
# of A every line of B visits) at one scattered multiply-add per nanosecond per core, on every core.
summary = subprocess.run(ov("a20k.txt", "b20k.txt", 10), check=True, capture_output=True, text=True).stdout
MADDS = int(re.search(r"(\d+) multiply-adds", summary).group(1))
LIMIT = MADDS / (os.cpu_count() * 1e9)

log("100k batch x 2k ...")
rows.append(("100k×2k", "overlap", "top-10 per batch line", wall(ov("a2k.txt", "b100k.txt", 10), R), ""))
rows.append(("100k×2k", "sklearn", "top-10 per batch line (chunked)", py("sklearn", f("a2k.txt"), f("b100k.txt"), 10, 1), ""))
rows.append(("100k×2k", "rapidfuzz token_set_ratio", "full matrix (cdist)", (tsr * 50, tsr_both[1] * 50), "extrapolated: 2k×2k time × 50 (pairs)"))

log("100k x 100k top-10 (peak RSS) ...")
secs, peak = rss(ov("a100k.txt", "b100k.txt", 10))
rows.append(("100k×100k", "overlap", "top-10 per row", (secs, None), f"peak RSS {peak / 2**20:.0f} MiB"))

log("overlap cwp emhp ...")
e2e_note = ""
try:
    j = os.path.join(OUT, "hyperfine.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "5", "--runs", "50" if not QUICK else "20", "--export-json", j,
                    f"{BIN} cwp emhp"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    e2e = json.load(open(j))["results"][0]["median"]
    e2e_note = "hyperfine median"
except (OSError, subprocess.CalledProcessError):
    e2e = wall([BIN, "cwp", "emhp"], 30)[0]
    e2e_note = "median of 30 (python timing)"
rows.append(("cwp vs emhp", "overlap", "`overlap cwp emhp` end to end", (e2e, None), e2e_note))

def get(w, tool, what, cpu=False):
    return next(r[3][1 if cpu else 0] for r in rows if r[0] == w and r[1] == tool and what in r[2])

def fmt(s):
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"

LOAD_AFTER = os.getloadavg()
out = [f"load average before {LOAD_BEFORE[0]:.2f}, after {LOAD_AFTER[0]:.2f}; {os.cpu_count()} cores", "",
       "| workload | tool | computes | time | CPU | note |", "|---|---|---|---:|---:|---|"]
for w, tool, what, (s, c), note in rows:
    out.append(f"| {w} | {tool} | {what} | {fmt(s)} | {fmt(c) if c is not None else '—'} | {note} |")
ratios = [
    ("2k×2k full matrix: sklearn / overlap", get("2k×2k", "sklearn", "full") / get("2k×2k", "overlap", "full"), 3),
    ("2k×2k top-10: sklearn / overlap", get("2k×2k", "sklearn", "top-10") / get("2k×2k", "overlap", "top-10"), 3),
    ("2k×2k: rapidfuzz token_set_ratio / overlap full", tsr / get("2k×2k", "overlap", "full"), 10),
    ("2k×2k: rapidfuzz ratio / overlap full", rat / get("2k×2k", "overlap", "full"), None),
    ("20k×20k top-10: sklearn / overlap", get("20k×20k", "sklearn", "top-10") / get("20k×20k", "overlap", "top-10"), 3),
    ("20k×20k top-10, CPU time: sklearn / overlap", get("20k×20k", "sklearn", "top-10", True) / get("20k×20k", "overlap", "top-10", True), 10),
    ("20k×20k: rapidfuzz token_set_ratio (extrapolated) / overlap top-10", tsr * 100 / get("20k×20k", "overlap", "top-10"), 10),
    ("100k×2k top-10: sklearn / overlap", get("100k×2k", "sklearn", "top-10") / get("100k×2k", "overlap", "top-10"), None),
    ("100k×2k top-10, CPU time: sklearn / overlap", get("100k×2k", "sklearn", "top-10", True) / get("100k×2k", "overlap", "top-10", True), 5),
]
out += ["", "| ratio (× faster) | value | target | met |", "|---|---:|---:|---|"]
for name, v, target in ratios:
    out.append(f"| {name} | {v:.1f}× | {'≥ %d×' % target if target else '—'} | {('yes' if v >= target else 'NO') if target else ''} |")
limit_ratio = get("20k×20k", "overlap", "top-10") / LIMIT
out.append(f"| 20k×20k top-10 wall / physical limit ({MADDS:.3g} multiply-adds at 1 per ns per core: {LIMIT * 1000:.0f} ms) | {limit_ratio:.2f}× | ≤ 1.5× | {'yes' if limit_ratio <= 1.5 else 'NO'} |")
out.append(f"| 100k×100k top-10 peak RSS | {peak / 2**20:.0f} MiB | < 2048 MiB | {'yes' if peak < 2**31 else 'NO'} |")
out.append(f"| `overlap cwp emhp` median | {e2e * 1000:.1f} ms | ≤ 10 ms | {'yes' if e2e <= 0.010 else 'NO'} |")
text = "\n".join(out) + "\n"
print(text)
with open(os.path.join(os.path.dirname(OUT), "bench-results.md"), "w") as fh:
    fh.write(text)
EOF

echo "== measuring (2 cores: overlap and RapidFuzz use both; scipy sparse products use one)" >&2
python3 "$OUT/harness.py" "$BIN" "$DATA" "$VENV" "$OUT"
