#!/usr/bin/env bash
# `make demo`: a short, real run of singan-edit on the shipped sample image.
set -euo pipefail
BIN=${1:-.build/release/singan-edit}
OUT=demo-output
mkdir -p "$OUT"
echo "== Training a small model on Samples/images/rocket.jpg (max size 48 px, 150 iterations per scale)"
"$BIN" train Samples/images/rocket.jpg -o "$OUT/rocket-small.sgn" --max-size 48 --iterations 150 --force
echo
echo "== What the model holds"
"$BIN" info "$OUT/rocket-small.sgn"
echo
echo "Wrote:"
echo "  $OUT/rocket-small.sgn   a 48-px SinGAN of the rocket photo (inspect with: $BIN info $OUT/rocket-small.sgn)"
