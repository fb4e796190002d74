#!/usr/bin/env python3
"""Times the official SinGAN training step and random-sample generation on CPU with modern PyTorch.

This is the PyTorch reference side of the singan-edit benchmarks. It follows the official
implementation (tamarott/SinGAN: SinGAN/training.py, models.py, functions.py, imresize.py,
manipulate.py, config.py defaults) step by step, so that its cost is the cost of the real thing:

* pyramid: adjust_scales2image + creat_reals_pyramid (scale1 = min(max_size/max(H,W), 1), the
  re-derived scale factor, every level resized directly from the scale1 image);
* per scale a fresh G (GeneratorConcatSkip2CleanAdd) and D (WDiscriminator): head ConvBlock, 3 body
  ConvBlocks (Conv2d k3 valid -> BatchNorm2d -> LeakyReLU(0.2)), G tail Conv2d + tanh plus the input
  cropped by 5 on every side, D tail Conv2d -> 1 channel; nfc = min(32 * 2^floor(n/4), 128);
  weights_init (conv N(0, 0.02), BN weight N(1, 0.02), BN bias 0); when nfc equals the previous
  scale's, G and D start from the previous scale's weights (as the official netG.pth/netD.pth reload);
* Adam(beta1 0.5, beta2 0.999), lr 5e-4 for G and D, MultiStepLR(milestones [1600], gamma 0.1);
* each iteration ("epoch"): at scale 0 z_opt is re-drawn (grey: 1 channel expanded to 3), noise_
  drawn once (grey at scale 0), noise zero-padded by 5;
  3 D steps: -mean(D(real)) backward; prev = pad(draw_concat('rand')) fresh per D step (at epoch 0,
  j 0: zeros at scale 0 / also draw_concat('rec') and noise_amp = 0.1 * RMSE(real, z_prev) above);
  fake = G(noise_amp * noise_ + prev, prev); mean(D(fake.detach())) backward; WGAN-GP with
  a ~ U(0,1), per-pixel gradient norm over channels, lambda 0.1, backward; Adam step;
  3 G steps: fake recomputed as G(noise, prev) with the last D step's noise and prev (PyTorch >= 1.5
  cannot reuse the stale graph as torch 1.4 did), -mean(D(fake)) backward, reconstruction
  10 * MSE(G(noise_amp * z_opt + z_prev, z_prev), real) backward, Adam step;
* draw_concat through all trained scales with the trained G in eval mode (BN running statistics),
  grey noise at scale 0, zero-padded noise, and the official imresize (uint8 round trip, antialiased
  bicubic) between scales;
* after a scale: requires_grad off, G.eval(), D.eval().

It does NOT train to convergence: at every scale it runs --warmup untimed iterations and then
--iters-per-scale timed iterations (wall clock, seconds per iteration), then moves on; the weights
that result do not matter for timing. Not done (not compute): printing the networks, writing
PNGs/state dicts every 500 iterations, the loss history.

Generation follows SinGAN_generate (random_samples, gen_start_scale 0, scale_v = scale_h = 1): all
--samples samples are generated scale by scale (breadth first, as the official list of images per
scale), grey noise at scale 0, I_prev = imresize(prev sample, 1/sf) cropped, padded, cropped and
bilinear-resized to the noise size, G in eval mode under torch.no_grad(). PNG writing is not timed
(not done). By default generation runs in a fresh subprocess so that its peak RSS is measured on its
own; training peak RSS is the training process's getrusage maxrss after the last scale.

imresize: an independent NumPy implementation of the resizer in the official SinGAN/imresize.py, which
is Assaf Shocher's MATLAB-compatible resizer (github.com/assafshocher/resizer). Same algorithm and the
same NumPy operations (so the same cost): tensor -> uint8 by truncation, separable Keys cubic
(a = -0.5), antialiased when downscaling, out = ceil(in * s), taps before the first pixel get weight 0,
taps past the last pixel are mirrored, axes in ascending order of scale, float64 result / 255 -> norm.
`--check-fixtures DIR` compares it with the golden values made by running the official code
(Tests/SinGANModelTests/Fixtures/imresize.json, pyramid.json).

The rebuilt official code is in the modules beside this script, one per official file:
official_singan_imaging.py (functions.py's image handling and the pyramid, imresize.py),
official_singan_models.py (models.py), official_singan_training.py (training.py, config.py's defaults),
official_singan_generation.py (manipulate.py); bench_process.py measures memory and the machine's load.

Usage:
  python3 Benchmarks/torch_singan.py --image IMG [--max-size 250] [--min-size 25] [--iters-per-scale 30]
      [--warmup 3] [--samples 50] [--threads 2] [--json out.json] [--seed 0] [--in-process-generation]
      [--handoff-every N] [--save-state PATH]
  python3 Benchmarks/torch_singan.py --generate-from PATH [--samples 50]
Dependencies: torch (2.13.0+cpu used), numpy, pillow (for JPEG; a minimal PNG reader is built in).
"""
import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

from bench_process import maxrss_mib, ru_maxrss_mib
from official_singan_generation import run_generation
from official_singan_imaging import adjust_scales, build_pyramid, imresize, imresize_to_shape, np2torch, read_image_uint8
from official_singan_training import Opt, nfc_for_scale, train


def check_fixtures(fixture_dir):
    """Compare imresize and pyramid sizes with golden values made by the official code."""
    with open(os.path.join(fixture_dir, "imresize.json")) as f:
        fx = json.load(f)
    x = torch.tensor(fx["input"]["values"], dtype=torch.float32).reshape(fx["input"]["shape"])
    worst = 0.0
    for case in fx["cases"]:
        if "scale" in case and case["scale"] is not None:
            y = imresize(x, case["scale"])
        else:
            y = imresize_to_shape(x, tuple(case["output_shape"] if "output_shape" in case else case["shape"][2:]))
        assert list(y.shape) == case["shape"], (case["call"], list(y.shape), case["shape"])
        err = float((y.reshape(-1).double() - torch.tensor(case["values"], dtype=torch.float64)).abs().max())
        worst = max(worst, err)
        print("  imresize %-22s shape %s max abs err %.2e" % (case["call"], case["shape"], err))
    c = fx["checksum_case"]
    _, C, H, W = c["input_shape"]
    cc, hh, ww = np.meshgrid(np.arange(C), np.arange(H), np.arange(W), indexing="ij")
    u = (37 * hh + 91 * ww + 53 * cc + 11 * hh * ww) % 255
    xc = torch.from_numpy(np.round(((u + 0.7) / 255) * 2 - 1, 6).astype(np.float32)[None])
    assert abs(float(xc.double().sum()) - c["input_sum"]) < 1e-3
    yc = imresize(xc, 0.75)
    assert list(yc.shape) == c["output_shape"]
    s_err = abs(float(yc.double().sum()) - c["output_sum"])
    s2_err = abs(float((yc.double() ** 2).sum()) - c["output_sum_of_squares"])
    p_err = max(abs(float(yc[tuple(s["at_nchw"])]) - s["value"]) for s in c["samples"])
    print("  checksum case %s: |sum err| %.1e, |sum sq err| %.1e, samples max err %.1e" % (c["output_shape"], s_err, s2_err, p_err))
    assert s_err < 1e-3 and s2_err < 1e-3 and p_err < 1e-5
    with open(os.path.join(fixture_dir, "pyramid.json")) as f:
        pyr = json.load(f)
    n_ok = 0
    for c in pyr["default"]:
        opt = Opt()
        h, w = c["input_hw"]
        adjust_scales(h, w, opt)
        h1, w1 = math.ceil(h * opt.scale1) if opt.scale1 != 1 else h, math.ceil(w * opt.scale1) if opt.scale1 != 1 else w
        sf = math.pow(opt.min_size / min(h1, w1), 1 / opt.stop_scale)
        sizes = []
        for i in range(opt.stop_scale + 1):
            s = math.pow(sf, opt.stop_scale - i)
            sizes.append([math.ceil(h1 * s) if s != 1 else h1, math.ceil(w1 * s) if s != 1 else w1])
        assert sizes == c["reals_hw"], (c["input_hw"], sizes, c["reals_hw"])
        assert abs(sf - c["scale_factor"]) <= 1e-12 * sf
        n_ok += 1
    print("  pyramid sizes: %d/%d default cases match" % (n_ok, len(pyr["default"])))
    print("fixture check: imresize max abs err %.2e (tolerance 1e-5)" % worst)
    return worst < 1e-5


def main():
    ap = argparse.ArgumentParser(description="Time the official SinGAN training step and generation on CPU.")
    ap.add_argument("--image", help="training image (JPEG/PNG)")
    ap.add_argument("--max-size", type=int, default=250)
    ap.add_argument("--min-size", type=int, default=25)
    ap.add_argument("--iters-per-scale", type=int, default=30, help="timed iterations per scale")
    ap.add_argument("--warmup", type=int, default=3, help="untimed iterations per scale before timing")
    ap.add_argument("--extra-iters", type=int, default=None,
                    help="at most this many additional timed iterations per scale to replace iterations disturbed "
                         "by other processes (default: --iters-per-scale; 0 disables)")
    ap.add_argument("--samples", type=int, default=50, help="random samples to generate (0: skip)")
    ap.add_argument("--gen-warmup", type=int, default=1, help="untimed samples generated before timing")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--in-process-generation", action="store_true",
                    help="generate in this process (peak RSS then covers training and generation)")
    ap.add_argument("--check-fixtures", metavar="DIR",
                    help="only check imresize/pyramid against the golden values in Tests/SinGANModelTests/Fixtures and exit")
    ap.add_argument("--handoff-every", type=int, default=0, metavar="N",
                    help="stop (SIGSTOP) at every scale's start and after every N iterations (Benchmarks/interleave.py)")
    ap.add_argument("--save-state", metavar="PATH",
                    help="save the trained pyramid here (for a later --generate-from run)")
    ap.add_argument("--generate-from", metavar="PATH",
                    help="only time generation from a pyramid saved with --save-state")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)

    if args.check_fixtures:
        sys.exit(0 if check_fixtures(args.check_fixtures) else 1)

    if args.generate_from:  # generation only (also the child process of a training run)
        state = torch.load(args.generate_from, weights_only=True)
        res = run_generation(state, args.samples, args.gen_warmup)
        print(json.dumps(res))
        return

    if not args.image:
        ap.error("--image is required")
    log = lambda s: print(s, file=sys.stderr, flush=True)
    rss_start = maxrss_mib()

    opt = Opt()
    opt.max_size, opt.min_size, opt.handoff_every = args.max_size, args.min_size, args.handoff_every
    arr, reader = read_image_uint8(args.image)
    real_ = np2torch(arr)
    t0 = time.perf_counter()
    reals = build_pyramid(real_, opt)
    t_pyr = time.perf_counter() - t0
    log("image %s %dx%d (read with %s) -> %d scales, scale_factor %.6f, finest %dx%d; torch %s, %d threads"
        % (args.image, arr.shape[0], arr.shape[1], reader, len(reals), opt.scale_factor,
           reals[-1].shape[2], reals[-1].shape[3], torch.__version__, torch.get_num_threads()))

    t0 = time.perf_counter()
    extra = args.iters_per_scale if args.extra_iters is None else args.extra_iters
    Gs, Zs, NoiseAmp, nfcs, per_scale = train(reals, opt, args.warmup, args.iters_per_scale, log, extra)
    train_wall = time.perf_counter() - t0
    rss_train = maxrss_mib()

    gen = None
    if args.samples > 0 or args.save_state:
        state = {
            "scale_factor": opt.scale_factor,
            "nfcs": nfcs,
            "min_nfcs": [nfc_for_scale(i, opt)[1] for i in range(len(nfcs))],
            "G_state": [G.state_dict() for G in Gs],
            "Zs": [z.detach() for z in Zs],
            "NoiseAmp": [float(a) for a in NoiseAmp],
            "reals_shapes": [list(r.shape) for r in reals],
        }
        if args.save_state:
            torch.save(state, args.save_state)
        if args.samples <= 0:
            pass
        elif args.in_process_generation:
            gen = run_generation(state, args.samples, args.gen_warmup)
            gen["process"] = "same process as training"
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "pyramid.pt")
                torch.save(state, path)
                cmd = [sys.executable, os.path.abspath(__file__), "--generate-from", path,
                       "--samples", str(args.samples), "--gen-warmup", str(args.gen_warmup),
                       "--threads", str(args.threads), "--seed", str(args.seed + 1)]
                res = subprocess.run(cmd, stdout=subprocess.PIPE, check=True, text=True)
                gen = json.loads(res.stdout.strip().splitlines()[-1])
                gen["process"] = "separate subprocess"

    timed = [r for r in per_scale if r["sec_per_iter"] is not None]
    sum_spi = sum(r["sec_per_iter"] for r in timed)
    sum_med = sum(r["sec_per_iter_median"] for r in timed)
    result = {
        "benchmark": "torch_singan",
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "threads": torch.get_num_threads(),
        "image": args.image,
        "image_hw": [int(arr.shape[0]), int(arr.shape[1])],
        "image_reader": reader,
        "max_size": opt.max_size,
        "min_size": opt.min_size,
        "num_scales": len(reals),
        "scale_factor": opt.scale_factor,
        "iters_per_scale": args.iters_per_scale,
        "extra_iters_allowed": extra,
        "warmup": args.warmup,
        "seed": args.seed,
        "pyramid_build_sec": t_pyr,
        "scales": per_scale,
        "train_wall_sec_incl_warmup": train_wall,
        "sum_sec_per_iter_over_scales": sum_spi,
        "sum_median_sec_per_iter_over_scales": sum_med,
        "estimated_full_training_sec": sum_spi * opt.niter if len(timed) == len(per_scale) else None,
        "estimated_full_training_sec_from_medians": sum_med * opt.niter if len(timed) == len(per_scale) else None,
        "generation": gen,
        "rss_mib": {
            "after_import": rss_start,
            "peak_training": rss_train,
            "ru_maxrss_training": ru_maxrss_mib(),
            "measure": "VmHWM (/proc/self/status) on Linux, else getrusage ru_maxrss",
            "peak_generation": gen["peak_rss_mib"] if gen else None,
            "generation_process": gen["process"] if gen else None,
        },
    }

    # readable table
    print("SinGAN training step, torch %s, %d threads, %s (%dx%d), %d timed + %d warm-up iterations per scale"
          % (torch.__version__, torch.get_num_threads(), os.path.basename(args.image), arr.shape[0], arr.shape[1],
             args.iters_per_scale, args.warmup))
    print("%5s  %9s  %4s  %9s  %9s  %9s  %9s  %11s  %9s  %9s" % (
        "scale", "HxW", "nfc", "mean s/it", "median", "min", "G steps", "draw_concat", "cpu s/it", "others"))
    for r in per_scale:
        fmt = lambda v: ("%9.4f" % v) if v is not None else "%9s" % "-"
        print("%5d  %9s  %4d  %s  %s  %s  %s  %s  %s  %s" % (
            r["scale"], "%dx%d" % (r["h"], r["w"]), r["nfc"], fmt(r["sec_per_iter"]), fmt(r["sec_per_iter_median"]),
            fmt(r["sec_per_iter_min"]), fmt(r["g_steps_sec_per_iter"]), "  " + fmt(r["draw_concat_sec_per_iter"]),
            fmt(r["cpu_sec_per_iter"]), fmt(r["other_processes_cpu_sec_per_iter"])))
    n_dist = sum(r["iters_disturbed"] for r in per_scale)
    if n_dist:
        print("note: %d timed iterations were disturbed by other processes using the CPU and are left out of the "
              "statistics (%d extra iterations allowed per scale)" % (n_dist, extra))
    bad = [r["scale"] for r in per_scale if r["stats_over"].startswith("all")]
    if bad:
        print("WARNING: every timed iteration of scales %s was disturbed by other processes (column 'others', "
              "CPU-s per iteration); those numbers are too slow: rerun on an idle machine." % bad)
    print("sum over scales: mean %.4f s/iter, median %.4f s/iter -> estimated %d-iteration training: "
          "%.1f min (means), %.1f min (medians)"
          % (sum_spi, sum_med, opt.niter, sum_spi * opt.niter / 60.0, sum_med * opt.niter / 60.0))
    if gen:
        print("generation: %d samples at %dx%d in %.3f s (%.2f samples/s, %.4f s/sample), %s; other processes "
              "used %.2f CPU-s meanwhile"
              % (gen["samples"], gen["output_hw"][0], gen["output_hw"][1], gen["total_sec"], gen["samples_per_sec"],
                 gen["sec_per_sample"], gen["process"], gen["other_processes_cpu_sec"] or 0.0))
    print("peak RSS: after import %.0f MiB, training %.0f MiB, generation %s MiB"
          % (rss_start, rss_train, ("%.0f" % gen["peak_rss_mib"]) if gen else "-"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
        print("wrote %s" % args.json)


if __name__ == "__main__":
    main()
