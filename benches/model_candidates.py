"""Meaning-only agreement of embedding models on the gold set and the reworded curricula.

    python model_candidates.py TEXTS.tsv NAME=MODEL_DIR [NAME=MODEL_DIR ...]

TEXTS.tsv is what `cargo run --example gold_texts` writes. A pick is right when its text is the text of an
outcome the expert accepts (modules that are the same as each other share their outcomes' texts).
"""

import sys
import time

import numpy as np
from sentence_transformers import SentenceTransformer

CURRICULA = ["PWP", "CWP", "EMHP", "CWP-2017"]


def main() -> None:
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
    national = [r for r in rows if r[0] == "N"]
    text_of = {r[3]: r[4] for r in national}
    labelled = [r for r in rows if r[0] == "U" and r[4]]
    reworded = {}
    for r in rows:
        if r[0] == "R":
            reworded.setdefault(r[1], []).append(r)
    header = ["model", "dev top-1", "dev top-3", "test top-1", "test top-3"]
    header += [f"{c} reworded → original / back" for c in CURRICULA] + ["sentences/s"]
    print("| " + " | ".join(header) + " |")
    print("|---" * len(header) + "|")
    for spec in sys.argv[2:]:
        name, path = spec.split("=", 1)
        model = SentenceTransformer(path, device="cpu")
        encode = lambda texts: model.encode(texts, normalize_embeddings=True, batch_size=32)
        start, count = time.perf_counter(), 0
        targets = [r[4] for r in national]
        scores = encode([r[5] for r in labelled]) @ encode(targets).T
        count += len(labelled) + len(targets)
        cells = [name]
        for split in ("dev", "test"):
            top1 = top3 = n = 0
            for i, r in enumerate(labelled):
                if r[2] != split:
                    continue
                accepted = {text_of[g] for g in r[4].split(",") if g in text_of}
                distinct = []
                for j in np.argsort(-scores[i]):
                    if targets[j] not in distinct:
                        distinct.append(targets[j])
                    if len(distinct) == 3:
                        break
                n += 1
                top1 += distinct[0] in accepted
                top3 += any(t in accepted for t in distinct)
            cells += [f"{top1 / n:.2f}", f"{top3 / n:.2f}"]
        for c in CURRICULA:
            orig, new = reworded[c], reworded[c + "-RW"]
            own = {r[3]: r[4] for r in orig}
            s = encode([r[4] for r in new]) @ encode([r[4] for r in orig]).T
            count += len(orig) + len(new)
            want = [own.get(r[3].replace("-RW", "")) for r in new]
            forward = np.mean([orig[s[i].argmax()][4] == want[i] for i in range(len(new))])
            backward = np.mean([want[s[:, j].argmax()] == orig[j][4] for j in range(len(orig))])
            cells.append(f"{forward:.2f} / {backward:.2f}")
        cells.append(f"{count / (time.perf_counter() - start):.0f}")
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
