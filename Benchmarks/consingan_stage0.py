#!/usr/bin/env python3
"""Does the official ConSinGAN recipe collapse at its first stage on an image, and for which seeds?

Runs the official code's first stage exactly as its main_train.py / train() would (official options with
--manualSeed S, the official read_image, adjust_scales2image, create_reals_pyramid, init_G, init_D and
train_single_scale for stage 0, its sample monitoring included) for each seed, and prints the
reconstruction loss it logs every 250 iterations (alpha * MSE(G(z_opt), real)). A collapsed stage is one
whose generator ends up drawing a saturated constant: its reconstruction loss jumps to alpha times the
mean square distance of the image from that constant (about 3 for the rocket photo) and stays there,
while a healthy stage ends below 0.1. The official code's own images (real, reconstructions and
samples every 500 iterations) are written to OUT/seed-S/ and, by its sample monitoring, OUT/TrainedModels/.

Usage: python3 Benchmarks/consingan_stage0.py --consingan-dir DIR --image IMG [--max-size 250]
           [--seeds 1 2 3] [--batch-norm] [--threads 2] [--out DIR]
DIR is a copy of the official code made by Benchmarks/fetch_consingan.sh.
"""
import argparse
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_consingan as tc  # noqa: E402


class ScalarRecorder:
    """Stands in for the official SummaryWriter: keeps the scalars train_single_scale logs."""

    def __init__(self):
        self.scalars = {}

    def add_scalar(self, tag, value, step):
        self.scalars.setdefault(tag, []).append((step, value))

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def first_stage(args, seed, out):
    """The official stage 0 for `seed`; returns [(iteration, reconstruction loss)]."""
    options = ["--input_name", args.image, "--max_size", str(args.max_size), "--manualSeed", str(seed)]
    opt = tc.official_options(options + (["--batch_norm"] if args.batch_norm else []))
    import ConSinGAN.training_generation as official
    real = tc.functions.adjust_scales2image(tc.functions.read_image(opt), opt)
    reals = tc.functions.create_reals_pyramid(real, opt)
    opt.out_ = out
    opt.outf = os.path.join(out, "0")
    os.makedirs(opt.outf, exist_ok=True)
    tc.functions.save_image(os.path.join(opt.outf, "real_scale.jpg"), reals[0])
    generator, critic = official.init_G(opt), official.init_D(opt)
    writer = ScalarRecorder()
    official.train_single_scale(critic, generator, reals, [], [], opt, 0, writer)
    return list(reals[0].shape), writer.scalars["Loss/train/G/reconstruction"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--consingan-dir", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--max-size", type=int, default=250)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--batch-norm", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", help="folder for the official code's images (default: a temporary folder)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    tc.import_official(args.consingan_dir)
    out = os.path.abspath(args.out or tempfile.mkdtemp(prefix="consingan-stage0-"))
    args.image = os.path.abspath(args.image)
    os.makedirs(out, exist_ok=True)
    os.chdir(out)  # the official sample monitoring writes TrainedModels/... below the working folder
    for seed in args.seeds:
        shape, losses = first_stage(args, seed, os.path.join(out, "seed-%d" % seed))
        trace = " ".join("%d:%.4f" % (it, loss) for it, loss in losses)
        verdict = "collapsed" if losses[-1][1] > 1.0 else "healthy"
        print("seed %d, stage 0 %dx%d: %s; reconstruction loss %s" % (seed, shape[2], shape[3], verdict, trace),
              flush=True)
    print("images in %s" % out)


if __name__ == "__main__":
    main()
