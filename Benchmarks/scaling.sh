#!/usr/bin/env bash
# `make scaling`: seconds per training iteration at the finest scale and peak memory, for models of
# max size 128, 250, 400 and 500 px (Samples/images/rocket.jpg, default recipe otherwise), then a
# table and a plot (Docs/images/scaling.png). Environment: SCALING_SIZES ("128 250 400 500"),
# SCALING_ITERS (timed iterations per scale, default 5), SCALING_WARMUP (1).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SCALING_SIZES:-128 250 400 500}
ITERS=${SCALING_ITERS:-5}
WARMUP=${SCALING_WARMUP:-1}
OUT=bench-output/scaling
mkdir -p "$OUT" Benchmarks/results
swift build -c release --product singan-bench >/dev/null
for size in $SIZES; do
    echo "== max size $size: $ITERS timed iterations per scale after $WARMUP warm-up"
    .build/release/singan-bench train --image Samples/images/rocket.jpg --max-size "$size" --iters "$ITERS" \
        --warmup "$WARMUP" --model-out "$OUT/model-$size.sgn" > "$OUT/train-$size.json"
done
python3 Benchmarks/plot_scaling.py "$OUT" "Benchmarks/results/scaling-$(date +%Y-%m-%d).json" Docs/images/scaling.svg
vips copy Docs/images/scaling.svg Docs/images/scaling.png
rm Docs/images/scaling.svg
echo "plot: Docs/images/scaling.png"
