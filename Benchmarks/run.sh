#!/usr/bin/env bash
# `make bench`: singan-edit against the official SinGAN recipe in PyTorch (CPU, 2 threads), in one run.
# Ours and PyTorch's measurements alternate so that both see the machine in the same state: the training
# runs take turns every BENCH_TURN iterations (Benchmarks/interleave.py), and the convolution and
# generation measurements alternate over BENCH_ROUNDS rounds.
# Environment: BENCH_ITERS (timed iterations per scale, default 50), BENCH_WARMUP (3), BENCH_SAMPLES (50),
# BENCH_ROUNDS (3), BENCH_TURN (10), BENCH_IMAGE (Samples/images/rocket.jpg), BENCH_MAX_SIZE (250),
# BENCH_SKIP_TORCH=1 to run only ours, BENCH_FAMILIES ("singan consingan"; either alone), BENCH_CONSINGAN_CLONE
# (a clone of tohinz/ConSinGAN; default: cloned from GitHub into bench-output/, skipped if that fails).
# ConSinGAN: its official recipe (6 stages) against its own PyTorch code (Benchmarks/torch_consingan.py),
# the same alternation.
set -euo pipefail
cd "$(dirname "$0")/.."
FAMILIES=${BENCH_FAMILIES:-singan consingan}
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

[ $TORCH = 1 ] && bash Benchmarks/ensure_torch.sh
if [ $TORCH = 1 ] && [[ " $FAMILIES " == *" consingan "* ]] \
    && ! python3 -c "import scipy, skimage, matplotlib, imageio, tqdm, dateutil" 2>/dev/null; then
    echo "Installing what the official ConSinGAN code imports (scipy, scikit-image, matplotlib, imageio, tqdm) with pip…"
    python3 -m pip install -q scipy scikit-image matplotlib imageio tqdm python-dateutil
fi
swift build -c release --product singan-bench >/dev/null
BENCH=.build/release/singan-bench

# The day's results file; a later run the same day gets the time too (never overwrites an earlier run).
RESULTS="Benchmarks/results/$(date -u +%Y-%m-%d)"
[ -e "$RESULTS.json" ] && RESULTS="$RESULTS-$(date -u +%H%M)"

# train_and_generate FAMILY TORCH_SCRIPT TORCH_ARGS...: one family's interleaved training and alternating
# generation; outputs NAME.json files named after the family.
train_and_generate() {
    local family=$1 script=$2; shift 2
    echo "== $family training: $ITERS timed iterations per scale after $WARMUP warm-up, $IMAGE, max size $MAX_SIZE," \
         "ours and PyTorch taking turns every $TURN iterations"
    local ours=($BENCH train --family "$family" --image "$IMAGE" --max-size "$MAX_SIZE" --iters "$ITERS" --warmup "$WARMUP"
                --model-out "$OUT/$family-model.sgn")
    if [ $TORCH = 1 ]; then
        python3 Benchmarks/interleave.py "$OUT/${family}_swift_train.json" "$OUT/${family}_swift_train.err" \
            "$OUT/${family}_torch_train.txt" "$OUT/${family}_torch_train.err" \
            -- "${ours[@]}" --handoff-every "$TURN" \
            -- python3 "$script" "$@" --image "$IMAGE" --max-size "$MAX_SIZE" --iters-per-scale "$ITERS" \
               --warmup "$WARMUP" --extra-iters 0 --samples 0 --threads 2 --handoff-every "$TURN" \
               --save-state "$OUT/$family-torch.pt" --json "$OUT/${family}_torch_train.json"
    else
        "${ours[@]}" > "$OUT/${family}_swift_train.json" 2> "$OUT/${family}_swift_train.err"
    fi
    echo "== $family generation: $SAMPLES samples, $ROUNDS alternating rounds"
    for round in $(seq "$ROUNDS"); do
        $BENCH sample --model "$OUT/$family-model.sgn" --count "$SAMPLES" > "$OUT/${family}_swift_sample.$round.json"
        if [ $TORCH = 1 ]; then
            python3 "$script" "$@" --generate-from "$OUT/$family-torch.pt" --samples "$SAMPLES" \
                --threads 2 > "$OUT/${family}_torch_generation.$round.json"
        fi
    done
}

echo "== 3×3 convolution 64→64 on 1×64×177×260, $ROUNDS alternating rounds"
for round in $(seq "$ROUNDS"); do
    $BENCH conv --runs 10 > "$OUT/swift_conv.$round.json"
    if [ $TORCH = 1 ]; then
        python3 Benchmarks/torch_conv.py --runs 10 --threads 2 > "$OUT/torch_conv.$round.json" 2>/dev/null
    fi
done

for family in $FAMILIES; do
    case $family in
    singan) train_and_generate singan Benchmarks/torch_singan.py ;;
    consingan)
        CONSINGAN_DIR=$OUT/consingan-official
        if [ $TORCH = 1 ] && [ ! -d "$CONSINGAN_DIR/ConSinGAN" ]; then
            clone=${BENCH_CONSINGAN_CLONE:-$OUT/consingan-clone}
            [ -d "$clone" ] || git clone -q https://github.com/tohinz/ConSinGAN "$clone" 2>/dev/null || true
            [ -d "$clone" ] && bash Benchmarks/fetch_consingan.sh "$clone" "$CONSINGAN_DIR" >/dev/null || true
        fi
        if [ $TORCH = 1 ] && [ ! -d "$CONSINGAN_DIR/ConSinGAN" ]; then
            echo "== consingan: skipped (no copy of the official ConSinGAN code; set BENCH_CONSINGAN_CLONE)"
            continue
        fi
        train_and_generate consingan Benchmarks/torch_consingan.py --consingan-dir "$CONSINGAN_DIR" ;;
    *) echo "unknown family in BENCH_FAMILIES: $family" >&2; exit 2 ;;
    esac
done
python3 Benchmarks/report.py "$OUT" "$RESULTS.json" --turn "$TURN" --warmup "$WARMUP"
