#!/usr/bin/env bash
# `make contention`: training speed when other programs keep the cores busy, ours against the official
# SinGAN in PyTorch (2 threads). Each side trains the default recipe at CONTENTION_MAX_SIZE (64) for
# CONTENTION_ITERS timed iterations per scale (after 3 warm-up ones), first alone, then beside
# CONTENTION_BUSY (2) single-threaded busy loops (another program computing on every core); the sides
# take turns, never run at the same time. Fair sharing of the cores would make each side about
# (busy + 2) / 2 times slower. Environment: CONTENTION_MAX_SIZE, CONTENTION_ITERS (60), CONTENTION_BUSY,
# BENCH_IMAGE (Samples/images/rocket.jpg).
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_SIZE=${CONTENTION_MAX_SIZE:-64}
ITERS=${CONTENTION_ITERS:-60}
BUSY=${CONTENTION_BUSY:-2}
IMAGE=${BENCH_IMAGE:-Samples/images/rocket.jpg}
OUT=bench-output/contention
mkdir -p "$OUT" Benchmarks/results
bash Benchmarks/ensure_torch.sh
swift build -c release --product singan-bench >/dev/null

busy_pids=()
start_busy() { for _ in $(seq "$BUSY"); do (while :; do :; done) & busy_pids+=($!); done; }
stop_busy() { [ ${#busy_pids[@]} = 0 ] || kill "${busy_pids[@]}" 2>/dev/null || true; busy_pids=(); }
trap stop_busy EXIT

for condition in alone busy; do
    [ "$condition" = busy ] && start_busy
    echo "== $condition: ours"
    .build/release/singan-bench train --image "$IMAGE" --max-size "$MAX_SIZE" --iters "$ITERS" --warmup 3 \
        --model-out "$OUT/model.sgn" > "$OUT/swift_$condition.json" 2> "$OUT/swift_$condition.err"
    echo "== $condition: PyTorch"
    python3 Benchmarks/torch_singan.py --image "$IMAGE" --max-size "$MAX_SIZE" --iters-per-scale "$ITERS" \
        --warmup 3 --extra-iters 0 --samples 0 --threads 2 --json "$OUT/torch_$condition.json" \
        > /dev/null 2> "$OUT/torch_$condition.err"
    stop_busy
done
RESULTS="Benchmarks/results/contention-$(date -u +%Y-%m-%d)"
[ -e "$RESULTS.json" ] && RESULTS="$RESULTS-$(date -u +%H%M)"
python3 Benchmarks/contention_report.py "$OUT" "$RESULTS.json" --busy "$BUSY"
