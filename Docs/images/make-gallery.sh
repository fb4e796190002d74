#!/usr/bin/env bash
# Makes the README gallery in Docs/images from the shipped models: for each application the input
# and the output side by side (input shrunk to the output's height), plus the animation GIF.
# Usage (from the repository root, after `make build`): bash Docs/images/make-gallery.sh
# The rows compare input and output at the models' size (--model-size); gallery-edit-full-size.png shows
# an edit at the photo's own size (the default) with a crop at 100 %.
set -euo pipefail
BIN=${1:-.build/release/singan-edit}
M=Samples/models
D=Docs/images
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# side_by_side ZOOM OUT IMAGE... : the images in one row, each scaled to the height of the last one,
# 4-px white gaps, then the whole row enlarged ZOOM× (nearest): 2 for the 128-px models' rows, 1 for 250 px.
side_by_side() {
    local zoom=$1 out=$2; shift 2
    local height; height=$(vipsheader -f height "${@: -1}")
    local parts=()
    for image in "$@"; do
        vips thumbnail "$image" "$T/part-${#parts[@]}.png" 10000 --height "$height" >/dev/null
        parts+=("$T/part-${#parts[@]}.png")
    done
    cp "${parts[0]}" "$T/row.png"
    for part in "${parts[@]:1}"; do
        vips join "$T/row.png" "$part" "$T/joined.png" horizontal --shim 4 --background 255
        mv "$T/joined.png" "$T/row.png"
    done
    vips resize "$T/row.png" "$out" "$zoom" --kernel nearest
}

"$BIN" sample --model $M/rocket-250.sgn --count 3 --seed 3 -o "$T/samples"
"$BIN" sample --model $M/rocket-250.sgn --count 1 --seed 3 --scale-h 1.5 -o "$T/wide.png"
side_by_side 1 $D/gallery-sample.png Samples/images/rocket.jpg "$T/samples/0.png" "$T/samples/1.png" "$T/samples/2.png" "$T/wide.png"

"$BIN" paint2img --model $M/hubble-128.sgn Samples/paint/hubble_paint.png --start-scale 2 --model-size -o "$T/paint.png"
side_by_side 2 $D/gallery-paint2img.png Samples/images/hubble_deep_field.jpg Samples/paint/hubble_paint.png "$T/paint.png"

"$BIN" edit --model $M/rocket-250.sgn Samples/edit/rocket_edit.png --mask Samples/edit/rocket_edit_mask.png \
    --start-scale 4 --model-size -o "$T/edit.png"
side_by_side 1 $D/gallery-edit.png Samples/edit/rocket_edit.png "$T/edit.png"

# The same edit at the photo's own size (640×427, the default): on the left the mask's region and 40 px
# around it at 100 %, photo then result; on the right photo, mask and result at a third of their size.
"$BIN" edit --model $M/rocket-250.sgn Samples/edit/rocket_edit.png --mask Samples/edit/rocket_edit_mask.png \
    --start-scale 4 -o "$T/edit-full.png"
read -r left top width height < <(vips find_trim Samples/edit/rocket_edit_mask.png --background 0 --threshold 0 | xargs)
photo_width=$(vipsheader -f width Samples/edit/rocket_edit.png)
photo_height=$(vipsheader -f height Samples/edit/rocket_edit.png)
crop_left=$(( left > 40 ? left - 40 : 0 )); crop_top=$(( top > 40 ? top - 40 : 0 ))
crop_width=$(( left + width + 40 < photo_width ? left + width + 40 - crop_left : photo_width - crop_left ))
crop_height=$(( top + height + 40 < photo_height ? top + height + 40 - crop_top : photo_height - crop_top ))
vips crop Samples/edit/rocket_edit.png "$T/crop-photo.png" $crop_left $crop_top $crop_width $crop_height
vips crop "$T/edit-full.png" "$T/crop-result.png" $crop_left $crop_top $crop_width $crop_height
vips join "$T/crop-photo.png" "$T/crop-result.png" "$T/crops.png" horizontal --shim 4 --background 255
vips colourspace Samples/edit/rocket_edit_mask.png "$T/mask-rgb.png" srgb
vips resize Samples/edit/rocket_edit.png "$T/third-photo.png" 0.3333 --kernel lanczos3
vips resize "$T/mask-rgb.png" "$T/third-mask.png" 0.3333 --kernel lanczos3
vips resize "$T/edit-full.png" "$T/third-result.png" 0.3333 --kernel lanczos3
vips join "$T/third-photo.png" "$T/third-mask.png" "$T/column.png" vertical --shim 4 --background 255
vips join "$T/column.png" "$T/third-result.png" "$T/thirds.png" vertical --shim 4 --background 255
vips join "$T/crops.png" "$T/thirds.png" $D/gallery-edit-full-size.png horizontal --shim 4 --background 255 --expand

"$BIN" harmonize --model $M/hubble-128.sgn Samples/harmonize/hubble_harmonize.png \
    --mask Samples/harmonize/hubble_harmonize_mask.png --start-scale 2 --model-size -o "$T/harmonize.png"
side_by_side 2 $D/gallery-harmonize.png Samples/harmonize/hubble_harmonize.png "$T/harmonize.png"

"$BIN" super-resolve --model $M/rocket-sr-100.sgn --factor 4 -o "$T/sr.png"
width=$(vipsheader -f width "$T/sr.png")
vips thumbnail Samples/images/rocket.jpg "$T/lr.png" 100                        # the model's training image size
vips resize "$T/lr.png" "$T/lr-bicubic.png" 4 --kernel cubic                   # plain bicubic, for comparison
vips join "$T/lr-bicubic.png" "$T/sr.png" $D/gallery-super-resolve.png horizontal --shim 4 --background 255

"$BIN" animate --model $M/rocket-animation-128.sgn --frames 30 --fps 10 --force -o $D/gallery-animation.gif
echo "gallery written to $D (sr width $width)"
