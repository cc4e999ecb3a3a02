"""The peer side of benches/embed_peer.sh: sentence-transformers running all-MiniLM-L6-v2 on CPU over the same
sentences as `overlap`'s compiled-in model. Timed inside the process (model load and encoding apart; the
interpreter start and imports are not counted, which favours this side). Prints one JSON line."""
import json
import sys
import time

import torch
from sentence_transformers import SentenceTransformer

path, model_dir = sys.argv[1], sys.argv[2]
lines = [l.strip() for l in open(path, encoding="utf-8") if l.strip()]
t0 = time.perf_counter()
model = SentenceTransformer(model_dir, device="cpu")
load = time.perf_counter() - t0
t1 = time.perf_counter()
emb = model.encode(lines, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
secs = time.perf_counter() - t1
print(json.dumps({
    "sentences": len(lines),
    "load_s": round(load, 3),
    "embed_s": round(secs, 3),
    "per_s": round(len(lines) / secs, 1),
    "check": round(float(emb[:, 0].sum()), 4),
    "threads": torch.get_num_threads(),
}))
