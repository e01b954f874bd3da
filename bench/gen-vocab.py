#!/usr/bin/env python3
"""bench/gen-vocab.py OUTDIR [N] -- synthetic vocabulary lists of N terms
(default 10000) for bench-load (BENCHMARKS.md, "Vocabulary lists"):

  OUTDIR/cspell.json      N words (mixed case, some phrases) + N/10 flagWords "x->y"
  OUTDIR/cspell.yaml      the same as YAML
  OUTDIR/vale/accept.txt  N words, one per line (1 in 50 a regex line, skipped)
  OUTDIR/vale/reject.txt  N/10 rejected words
  OUTDIR/_typos.toml      N words mapped to themselves + N/10 corrections

Deterministic (a fixed seed), so figures can be compared across runs."""
import json
import os
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(14)
syll = ["lo", "ra", "py", "tor", "ch", "deep", "speed", "quant", "net", "former", "vec", "emb", "attn",
        "flash", "mix", "tral", "gem", "ma", "bert", "gpt", "diff", "user", "ker", "nel"]


def word(i):
    w = "".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) + str(i)
    style = i % 4
    if style == 0:
        return w.upper()[:3] + w[3:]
    if style == 1:
        return w[0].upper() + w[1:]
    return w


words = [word(i) for i in range(n)]
phrases = [w if i % 7 else w + " " + word(n + i) for i, w in enumerate(words)]
rejected = [("bad" + word(i).lower(), words[i]) for i in range(n // 10)]

os.makedirs(os.path.join(out, "vale"), exist_ok=True)
with open(os.path.join(out, "cspell.json"), "w") as f:
    json.dump({"version": "0.2", "words": phrases,
               "flagWords": [a + "->" + b for a, b in rejected]}, f, indent=2)
with open(os.path.join(out, "cspell.yaml"), "w") as f:
    f.write("version: '0.2'\nwords:\n")
    f.writelines("  - %s\n" % w for w in phrases)
    f.write("flagWords:\n")
    f.writelines("  - %s->%s\n" % r for r in rejected)
with open(os.path.join(out, "vale", "accept.txt"), "w") as f:
    f.writelines(("[%s%s]%s\n" % (w[0].upper(), w[0].lower(), w[1:]) if i % 50 == 0 else w + "\n")
                 for i, w in enumerate(phrases))
with open(os.path.join(out, "vale", "reject.txt"), "w") as f:
    f.writelines(a + "\n" for a, _ in rejected)
with open(os.path.join(out, "_typos.toml"), "w") as f:
    f.write("[default.extend-words]\n")
    f.writelines('%s = "%s"\n' % (w, w) for w in words)
    f.writelines('%s = "%s"\n' % r for r in rejected)
