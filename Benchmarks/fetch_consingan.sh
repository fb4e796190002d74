#!/usr/bin/env bash
# Copies the official ConSinGAN code (tohinz/ConSinGAN, Hinz et al., WACV 2021) out of a git clone into a
# scratch folder outside this repository, with the few local edits it needs to import on a modern CPU-only
# Python (no tensorboard, torchvision or albumentations). Nothing of it is ever copied into this repository:
# Benchmarks/torch_consingan.py and Tests/ConSinGANFixtures/make_consingan_fixtures.py import it from DEST.
#
# Usage: Benchmarks/fetch_consingan.sh CLONE DEST [COMMIT]
#   CLONE   a clone of the official repository (normal or bare; read with `git show`, never modified)
#   DEST    scratch folder to create (DEST/ConSinGAN/*.py, DEST/main_train.py)
#   COMMIT  default 8b4681f (master on 2026-12-02; its code files last changed in 52193b4, 2020-04-09)
#
# Local edits (everything else is byte for byte the official file):
#   1. ConSinGAN/training_generation.py: `from torch.utils.tensorboard import SummaryWriter` becomes a
#      stand-in class whose methods do nothing (loss curves and image grids for TensorBoard only);
#      `from torchvision.utils import make_grid` becomes a stand-in returning None (it only builds the
#      TensorBoard image grid).
#   2. ConSinGAN/functions.py: the `from albumentations import ...` import is removed. It is used only by
#      class Augment (harmonization/editing fine-tuning), and the names it imports (IAAAdditiveGaussianNoise,
#      ...) no longer exist in current albumentations.
# Not edited, because nothing on the generation path reaches it: imresize.numeric_kernel's `np.int`
# (removed in NumPy 1.24; only used with an explicit numeric kernel), dilate_mask's `selem=` (renamed
# `footprint=` in scikit-image 0.19; harmonization/editing only).
# Device handling needs no edit: with `--not_cuda` (opt.not_cuda = True) post_config picks the CPU and every
# tensor the generation path makes follows opt.device. Modern torch.load(weights_only=True) loads the
# state dicts that train() reloads.
# Dependencies of the copied modules: torch, numpy, scipy, scikit-image, matplotlib, imageio,
# python-dateutil (with matplotlib), tqdm.
set -euo pipefail
if [ $# -lt 2 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
fi
CLONE=$1
DEST=$2
COMMIT=${3:-8b4681fc47796dacf0b229e50214b2c36fec860b}
mkdir -p "$DEST/ConSinGAN"
for f in config functions models imresize training_generation; do
    git -C "$CLONE" show "$COMMIT:ConSinGAN/$f.py" > "$DEST/ConSinGAN/$f.py"
done
git -C "$CLONE" show "$COMMIT:main_train.py" > "$DEST/main_train.py"

python3 - "$DEST" <<'EOF'
import re
import sys

dest = sys.argv[1]


def edit(path, old, new):
    """Replaces `old` by `new` once, keeping the file's line endings (training_generation.py has CRLF)."""
    with open(path, newline="") as f:
        text = f.read()
    if "\r\n" in text:
        old, new = old.replace("\n", "\r\n"), new.replace("\n", "\r\n")
    if old not in text:
        sys.exit("fetch_consingan: %s does not contain %r (different commit?)" % (path, old))
    with open(path, "w", newline="") as f:
        f.write(text.replace(old, new, 1))


tg = dest + "/ConSinGAN/training_generation.py"
edit(tg, "from torch.utils.tensorboard import SummaryWriter\n",
     "class SummaryWriter:  # local edit: tensorboard stripped, every method does nothing\n"
     "    def __init__(self, *args, **kwargs):\n"
     "        pass\n\n"
     "    def __getattr__(self, name):\n"
     "        return lambda *args, **kwargs: None\n\n\n")
edit(tg, "from torchvision.utils import make_grid\n",
     "def make_grid(*args, **kwargs):  # local edit: torchvision stripped (TensorBoard image grid only)\n"
     "    return None\n\n\n")

fn = dest + "/ConSinGAN/functions.py"
with open(fn, newline="") as f:
    text = f.read()
new, n = re.subn(r"from albumentations import [^\r\n]*\\(\r?\n)[^\r\n]*\r?\n",
                 lambda m: "# local edit: albumentations import removed (class Augment only)" + m.group(1), text)
if n != 1:
    sys.exit("fetch_consingan: albumentations import not found in functions.py")
with open(fn, "w", newline="") as f:
    f.write(new)
EOF
echo "official ConSinGAN ($COMMIT) copied to $DEST with the local edits listed in $0"
