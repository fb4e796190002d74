#!/usr/bin/env bash
# `make demo`: real edits with the models shipped in Samples/models, then a short training run.
# Everything goes to demo-output/ (replaced on every run: --force). Takes well under two minutes on
# two cores after the build.
set -euo pipefail
BIN=${1:-.build/release/singan-edit}
OUT=demo-output
M=Samples/models
mkdir -p "$OUT"
step() { printf '\n== %s\n' "$*"; }
timed() { local start=$SECONDS; "$@"; echo "   ($((SECONDS - start)) s)"; }

step "Paint to image: the flat-colour clipart Samples/paint/hubble_paint.png becomes a deep-field picture"
timed "$BIN" paint2img --model "$M/hubble-128.sgn" Samples/paint/hubble_paint.png --start-scale 2 --force -o "$OUT/paint2img.png"

step "Animation: a 60-frame loop (10 fps) from the animation model of the rocket photo"
timed "$BIN" animate --model "$M/rocket-animation-128.sgn" --frames 60 --fps 10 --force -o "$OUT/animation.gif"

step "Random samples from the rocket model, and one 1.5× wider"
timed "$BIN" sample --model "$M/rocket-250.sgn" --count 8 --sheet "$OUT/samples-sheet.png" --force -o "$OUT/samples"
timed "$BIN" sample --model "$M/rocket-250.sgn" --scale-h 1.5 --force -o "$OUT/wide.png"

step "Editing: a launch tower pasted into the middle of the rocket photo, blended in by the model"
timed "$BIN" edit --model "$M/rocket-250.sgn" Samples/edit/rocket_edit.png --mask Samples/edit/rocket_edit_mask.png \
    --start-scale 4 --force -o "$OUT/edit.png"

step "Harmonization: a coffee cup pasted into the deep field takes on its look"
timed "$BIN" harmonize --model "$M/hubble-128.sgn" Samples/harmonize/hubble_harmonize.png \
    --mask Samples/harmonize/hubble_harmonize_mask.png --start-scale 2 --force -o "$OUT/harmonize.png"

step "Super-resolution: the super-resolution model's training image enlarged 4×"
timed "$BIN" super-resolve --model "$M/rocket-sr-100.sgn" --factor 4 --force -o "$OUT/super-resolved.png"

step "Training: a small new model of Samples/images/rocket.jpg (max size 48 px, 150 iterations per scale)"
timed "$BIN" train Samples/images/rocket.jpg -o "$OUT/rocket-small.sgn" --max-size 48 --iterations 150 --force
"$BIN" info "$OUT/rocket-small.sgn"

cat <<EOF

Wrote:
  $OUT/paint2img.png       the clipart turned into a deep-field picture, at the clipart's 250×218 (model: $M/hubble-128.sgn)
  $OUT/animation.gif       a looping animation of the rocket scene: lights, smoke and towers drift
  $OUT/samples/0.png … 7.png  random samples: new rocket scenes with the photo's patch statistics
  $OUT/samples-sheet.png   the same samples side by side
  $OUT/wide.png            a sample 1.5 times as wide as the training image (not a stretched copy)
  $OUT/edit.png            the photo at its own 640×427, only the pasted tower regenerated so it fits the scene
                           (the regenerated pixels come from the 250-px model, enlarged 2.6×, so a little softer)
  $OUT/harmonize.png       the photo at its own 1000×872, the pasted cup with the deep field's colours and texture
  $OUT/super-resolved.png  the 100-px training image of $M/rocket-sr-100.sgn at 4× (400 px)
  $OUT/rocket-small.sgn    a model you just trained; try (writes the one file $OUT/mine.png):
                           $BIN sample --model $OUT/rocket-small.sgn -o $OUT/mine.png
EOF
