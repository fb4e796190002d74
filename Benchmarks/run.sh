#!/usr/bin/env bash
# `make bench`: singan-edit against the official SinGAN recipe in PyTorch (CPU, 2 threads), in one run.
# Environment: BENCH_ITERS (timed iterations per scale, default 50), BENCH_WARMUP (3), BENCH_SAMPLES (50),
# BENCH_IMAGE (Samples/images/rocket.jpg), BENCH_MAX_SIZE (250), BENCH_SKIP_TORCH=1 to run only ours.
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${BENCH_ITERS:-50}
WARMUP=${BENCH_WARMUP:-3}
SAMPLES=${BENCH_SAMPLES:-50}
IMAGE=${BENCH_IMAGE:-Samples/images/rocket.jpg}
MAX_SIZE=${BENCH_MAX_SIZE:-250}
OUT=bench-output
mkdir -p "$OUT" Benchmarks/results

if [ "${BENCH_SKIP_TORCH:-0}" != 1 ] && ! python3 -c "import torch, numpy, PIL" 2>/dev/null; then
    echo "Installing the PyTorch CPU reference (torch, numpy, pillow) with pip…"
    python3 -m pip install -q "torch==2.13.0+cpu" numpy pillow 2>/dev/null \
        || python3 -m pip install -q torch numpy pillow
fi
swift build -c release --product singan-bench >/dev/null
BENCH=.build/release/singan-bench

echo "== 3×3 convolution 64→64 on 1×64×177×260"
$BENCH conv --runs 10 > "$OUT/swift_conv.json"
echo "== training: $ITERS timed iterations per scale after $WARMUP warm-up, $IMAGE, max size $MAX_SIZE"
$BENCH train --image "$IMAGE" --max-size "$MAX_SIZE" --iters "$ITERS" --warmup "$WARMUP" \
    --model-out "$OUT/bench-model.sgn" > "$OUT/swift_train.json"
echo "== generation: $SAMPLES samples"
$BENCH sample --model "$OUT/bench-model.sgn" --count "$SAMPLES" > "$OUT/swift_sample.json"

if [ "${BENCH_SKIP_TORCH:-0}" != 1 ]; then
    echo "== PyTorch reference (2 threads)"
    python3 Benchmarks/torch_conv.py --runs 10 --threads 2 > "$OUT/torch_conv.json"
    python3 Benchmarks/torch_singan.py --image "$IMAGE" --max-size "$MAX_SIZE" --iters-per-scale "$ITERS" \
        --warmup "$WARMUP" --samples "$SAMPLES" --threads 2 --json "$OUT/torch_singan.json" >&2
fi
python3 Benchmarks/report.py "$OUT" "Benchmarks/results/$(date +%Y-%m-%d).json"
