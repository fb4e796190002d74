#!/usr/bin/env bash
# The SinGAN / ConSinGAN comparison of Docs/evaluation.md: each family's default recipe trained on the
# same images at the same --max-size, then `evaluate` (patch SWD at three levels, diversity,
# reconstruction RMSE) with the same samples and seed. Prints a markdown table; keeps the models and
# the JSON reports in OUT.
# Usage: Benchmarks/family_evaluation.sh BINARY OUT MAX_SIZE IMAGE...
set -euo pipefail
if [ $# -lt 4 ]; then sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
binary=$1 out=$2 max_size=$3; shift 3
mkdir -p "$out"
for image in "$@"; do
    name=$(basename "${image%.*}")
    for family in singan consingan; do
        model="$out/$family-$name-$max_size.sgn"
        if [ -f "$model" ]; then
            "$binary" train "$image" -o "$model" --resume --quiet || true
        else
            "$binary" train "$image" -o "$model" --family "$family" --max-size "$max_size" --quiet
        fi
        "$binary" evaluate --model "$model" --samples 20 --seed 1 --json > "$out/$family-$name-$max_size.json"
        "$binary" info "$model" --json > "$out/$family-$name-$max_size.info.json"
    done
done
python3 - "$out" "$max_size" "$@" <<'PY'
import json, os, sys
out, size, images = sys.argv[1], sys.argv[2], sys.argv[3:]
print("| image (max size %s) | SWD SinGAN | SWD ConSinGAN | ratio | diversity SinGAN | diversity ConSinGAN | RMSE G(z*) SinGAN | RMSE ConSinGAN | training SinGAN / ConSinGAN |" % size)
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for image in images:
    name = os.path.splitext(os.path.basename(image))[0]
    load = lambda f, suffix: json.load(open(os.path.join(out, "%s-%s-%s%s.json" % (f, name, size, suffix))))
    r = {f: load(f, "") for f in ("singan", "consingan")}
    minutes = {f: load(f, ".info")["training"]["seconds"] / 60 for f in ("singan", "consingan")}
    print("| %s | %.5f | %.5f | %.2f | %.4f | %.4f | %.4f | %.4f | %.1f / %.1f min |" % (
        name, r["singan"]["mean_swd"], r["consingan"]["mean_swd"], r["consingan"]["mean_swd"] / r["singan"]["mean_swd"],
        r["singan"]["diversity"], r["consingan"]["diversity"], r["singan"]["reconstruction_rmse"],
        r["consingan"]["reconstruction_rmse"], minutes["singan"], minutes["consingan"]))
PY
