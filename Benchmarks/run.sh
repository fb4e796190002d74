#!/usr/bin/env bash
# `make bench`: singan-edit against the official SinGAN recipe in PyTorch (CPU, 2 threads), in one run.
# Ours and PyTorch's measurements alternate so that both see the machine in the same state: the training
# runs take turns every BENCH_TURN iterations (Benchmarks/interleave.py), and the convolution and
# generation measurements alternate over BENCH_ROUNDS rounds.
# Environment: BENCH_ITERS (timed iterations per scale, default 50), BENCH_WARMUP (3), BENCH_SAMPLES (50),
# BENCH_ROUNDS (3), BENCH_TURN (10), BENCH_IMAGE (Samples/images/rocket.jpg), BENCH_MAX_SIZE (250),
# BENCH_SKIP_TORCH=1 to run only ours.
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${BENCH_ITERS:-50}
WARMUP=${BENCH_WARMUP:-3}
SAMPLES=${BENCH_SAMPLES:-50}
ROUNDS=${BENCH_ROUNDS:-3}
TURN=${BENCH_TURN:-10}
IMAGE=${BENCH_IMAGE:-Samples/images/rocket.jpg}
MAX_SIZE=${BENCH_MAX_SIZE:-250}
OUT=bench-output
TORCH=1
[ "${BENCH_SKIP_TORCH:-0}" = 1 ] && TORCH=0
mkdir -p "$OUT" Benchmarks/results
rm -f "$OUT"/*.json "$OUT"/*.err

if [ $TORCH = 1 ] && ! python3 -c "import torch, numpy, PIL" 2>/dev/null; then
    echo "Installing the PyTorch CPU reference (torch, numpy, pillow) with pip…"
    python3 -m pip install -q "torch==2.13.0+cpu" numpy pillow 2>/dev/null \
        || python3 -m pip install -q torch numpy pillow
fi
swift build -c release --product singan-bench >/dev/null
BENCH=.build/release/singan-bench

echo "== 3×3 convolution 64→64 on 1×64×177×260, $ROUNDS alternating rounds"
for round in $(seq "$ROUNDS"); do
    $BENCH conv --runs 10 > "$OUT/swift_conv.$round.json"
    if [ $TORCH = 1 ]; then
        python3 Benchmarks/torch_conv.py --runs 10 --threads 2 > "$OUT/torch_conv.$round.json" 2>/dev/null
    fi
done

echo "== training: $ITERS timed iterations per scale after $WARMUP warm-up, $IMAGE, max size $MAX_SIZE," \
     "ours and PyTorch taking turns every $TURN iterations"
OURS_TRAIN=($BENCH train --image "$IMAGE" --max-size "$MAX_SIZE" --iters "$ITERS" --warmup "$WARMUP"
            --model-out "$OUT/bench-model.sgn")
if [ $TORCH = 1 ]; then
    python3 Benchmarks/interleave.py "$OUT/swift_train.json" "$OUT/swift_train.err" \
        "$OUT/torch_singan.txt" "$OUT/torch_singan.err" \
        -- "${OURS_TRAIN[@]}" --handoff-every "$TURN" \
        -- python3 Benchmarks/torch_singan.py --image "$IMAGE" --max-size "$MAX_SIZE" --iters-per-scale "$ITERS" \
           --warmup "$WARMUP" --extra-iters 0 --samples 0 --threads 2 --handoff-every "$TURN" \
           --save-state "$OUT/torch-pyramid.pt" --json "$OUT/torch_singan.json"
else
    "${OURS_TRAIN[@]}" > "$OUT/swift_train.json" 2> "$OUT/swift_train.err"
fi

echo "== generation: $SAMPLES samples, $ROUNDS alternating rounds"
for round in $(seq "$ROUNDS"); do
    $BENCH sample --model "$OUT/bench-model.sgn" --count "$SAMPLES" > "$OUT/swift_sample.$round.json"
    if [ $TORCH = 1 ]; then
        python3 Benchmarks/torch_singan.py --generate-from "$OUT/torch-pyramid.pt" --samples "$SAMPLES" \
            --threads 2 > "$OUT/torch_generation.$round.json"
    fi
done
python3 Benchmarks/report.py "$OUT" "Benchmarks/results/$(date +%Y-%m-%d).json" --turn "$TURN" --warmup "$WARMUP"
