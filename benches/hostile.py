#!/usr/bin/env python3
"""Time bounds for diagnosing hostile specs: each input that once took quadratic time must be diagnosed
(exit 3, a located message, bounded output) within its bound.

    python3 benches/hostile.py [path/to/overlap]     # default: target/release/overlap (build it first)

Inputs are generated with fixed content into target/hostile/; nothing is committed. Prints one line per case
(size, wall time as the median of 5 runs, bytes of diagnostics) and exits 1 if any case exceeds its bound.
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "hostile")
HEADER = 'curriculum HOSTILE "Hostile"\n  population adults\n  setting talking-therapies\n  credits 20\n  level 6\n'


def junk_lines(n_bytes):
    """One syntax error per line: a 400 KB file once took 26 s and wrote 15 MB of diagnostics."""
    lines, size, i = [], 0, 0
    while size < n_bytes:
        line = f'junk{i} {"x" * (i % 20 + 1)} !!! "unterminated'
        lines.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


def no_source(n):
    """20k outcomes with no source: one error each, once found by a scan per outcome (8.9 s)."""
    out = [HEADER, '  module H-1 "M"\n    credits 20\n    level 6\n']
    out += [f'    outcome H-1.{i} "Assess a client\'s mood {i}"\n' for i in range(n)]
    return "".join(out)


def duplicate_tags(n):
    """10k repeats of one tag on one outcome (1 s)."""
    tags = ", ".join(["assessment.risk-assessment"] * n)
    return (HEADER + '  source <https://example.org>\n  module H-1 "M"\n    credits 20\n    level 6\n'
            f'    outcome H-1.1 "Assess risk"\n      tags {tags}\n')


def unknown_same_as(n_bytes):
    """Modules `same as` modules that do not exist: a did-you-mean over every module for each (11.5 s)."""
    out, size, i = [HEADER, '  source <https://example.org>\n'], 0, 0
    while size < n_bytes:
        m = f'  module SAME-{i} "M"\n    credits 20\n    level 6\n    same as MISSING-{i}\n'
        out.append(m)
        size += len(m)
        i += 1
    return "".join(out)


CASES = [
    ("400 KB of junk lines", "junk.ovl", lambda: junk_lines(400_000), 1.0),
    ("20k outcomes with no source", "no-source.ovl", lambda: no_source(20_000), 1.0),
    ("10k duplicate tags", "dup-tags.ovl", lambda: duplicate_tags(10_000), 1.0),
    ("200 KB of unknown `same as` targets", "same-as.ovl", lambda: unknown_same_as(200_000), 1.0),
]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "overlap")
    os.makedirs(OUT, exist_ok=True)
    failed = False
    for title, name, make, bound in CASES:
        path = os.path.join(OUT, name)
        with open(path, "w") as f:
            f.write(make())
        times, err = [], b""
        for _ in range(5):
            start = time.perf_counter()
            p = subprocess.run([binary, "parse", path], capture_output=True, timeout=120)
            times.append(time.perf_counter() - start)
            err = p.stderr
            if p.returncode != 3 or b"error" not in err:
                print(f"{title}: expected exit 3 with diagnostics, got {p.returncode}", file=sys.stderr)
                failed = True
        t = statistics.median(times)
        ok = t < bound
        failed |= not ok
        print(f"{title:38} {os.path.getsize(path) / 1024:8.0f} KB  {t * 1000:7.1f} ms"
              f"  {len(err) / 1024:6.1f} KB of diagnostics  {'ok' if ok else f'OVER {bound:.1f} s'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
