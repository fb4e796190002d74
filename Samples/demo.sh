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
echo "== Random samples, one 1.5× wider, and the reconstruction"
"$BIN" sample --model "$OUT/rocket-small.sgn" --count 8 --sheet "$OUT/samples-sheet.png" -o "$OUT/samples" --reconstruct
"$BIN" sample --model "$OUT/rocket-small.sgn" --count 1 --scale-h 1.5 -o "$OUT/wide.png"
echo
echo "Wrote:"
echo "  $OUT/rocket-small.sgn      a 48-px SinGAN of the rocket photo"
echo "  $OUT/samples/0.png … 7.png  random samples: new rocket scenes with the same patch statistics"
echo "  $OUT/samples-sheet.png      the same samples side by side"
echo "  $OUT/wide.png               a sample 1.5 times as wide as the training image (not a stretched copy)"
