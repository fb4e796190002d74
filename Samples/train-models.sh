#!/usr/bin/env bash
# Trains the shipped 250-px models with the official recipe (seed 1) into a folder, or continues them
# where an earlier run stopped: run it again after any interruption (Ctrl-C, a reboot) and every model
# goes on from its last save with `train --resume`; finished models are left as they are.
#
#   bash Samples/train-models.sh [FOLDER] [BINARY]      (defaults: Samples/models, .build/release/singan-edit)
#
# MODELS_PARALLEL=1 trains two models at a time with one thread each (a one-model run leaves its second
# core waiting about 8 % of the time, Docs/performance.md); the default trains one after the other on all
# cores.
# On both cores of a 2-core Xeon (Docs/performance.md) rocket-250 takes about 3 hours; hubble-250 about
# 13 and rocket-animation-250 about 7.5, because their pyramids have 10 and 9 scales and the official
# recipe doubles the channels every 4 scales (128 at the finest two and the finest one: 4× the arithmetic
# per pixel of 64). Progress goes to FOLDER/NAME.log; each line ends with the whole training's time left.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLDER=${1:-Samples/models}
BIN=${2:-.build/release/singan-edit}
mkdir -p "$FOLDER"

# name, training image, options beyond the official defaults
MODELS=(
    "rocket-250|Samples/images/rocket.jpg|"
    "hubble-250|Samples/images/hubble_deep_field.jpg|"
    "rocket-animation-250|Samples/images/rocket.jpg|--profile animation"
)

# train_one NAME IMAGE OPTIONS THREADS...: trains or continues one model; returns at once if it is finished.
train_one() {
    local name=$1 image=$2 options=$3 threads=("${@:4}") model="$FOLDER/$1.sgn"
    if [ -e "$model" ]; then
        if "$BIN" info --json "$model" | grep -q '"complete" *: *true'; then
            echo "$name: finished"
            return
        fi
        echo "$name: continuing ($FOLDER/$name.log)"
        "$BIN" train "$image" -o "$model" --resume "${threads[@]}" >> "$FOLDER/$name.log" 2>&1
    else
        echo "$name: training ($FOLDER/$name.log)"
        # shellcheck disable=SC2086 # OPTIONS is a list of words
        "$BIN" train "$image" -o "$model" --seed 1 --snapshot-every 5 $options "${threads[@]}" > "$FOLDER/$name.log" 2>&1
    fi
    echo "$name: $("$BIN" info "$model" | grep -E '^scales:')"
}

if [ "${MODELS_PARALLEL:-0}" = 1 ]; then
    # Two workers: the first trains the 1st and 3rd models of the list, the second the 2nd.
    for worker in 0 1; do
        (
            for index in "${!MODELS[@]}"; do
                [ $((index % 2)) = "$worker" ] || continue
                IFS='|' read -r name image options <<< "${MODELS[$index]}"
                train_one "$name" "$image" "$options" --threads 1
            done
        ) &
    done
    wait
else
    for entry in "${MODELS[@]}"; do
        IFS='|' read -r name image options <<< "$entry"
        train_one "$name" "$image" "$options"
    done
fi
