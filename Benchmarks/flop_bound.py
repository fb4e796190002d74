#!/usr/bin/env python3
"""Counts the arithmetic of an official training recipe and turns it into a lower bound on training time.

The question it answers: can any implementation train a 250-px model with the official ConSinGAN recipe
(6 stages, 2000 iterations each) in 12 minutes on this machine, and how does its arithmetic compare with
the official SinGAN recipe's? It runs ONE training iteration of every stage (ConSinGAN) or scale (SinGAN)
of the official recipes as the benchmarks write them out (Benchmarks/torch_consingan.py around the
official ConSinGAN modules; Benchmarks/official_singan_*.py, the official SinGAN code rebuilt) under a
dispatch mode that applies torch.utils.flop_counter's formulas to every convolution and matrix product:
forward passes, backward passes and the gradient penalty's double backward. Element-wise work (LeakyReLU,
BatchNorm, Adam, resizing, noise) is not counted, so the count is itself a lower bound.

An iteration's count is the difference between a run of two iterations and a run of one, so once-per-stage
work (the noise amplitude's forward) is left out. The official ConSinGAN code draws the same fake three
times per iteration (G and the noise do not change during the D steps); `necessary` subtracts the two
repeats, which is what this project computes (Docs/fidelity.md, one fake per iteration). SinGAN's three
fakes differ (new noise each D step): all necessary.

Bounds printed, for the necessary count:
  * at a rate: --gflops R (default 345, the best rate this project's 3×3 convolution reaches on this
    machine in `make bench`, Benchmarks/results/2026-12-02-consingan.log), as if EVERY counted operation
    ran as fast as the fastest kernel we have;
  * at the CPU's peak: --peak-gflops P (measure it with Benchmarks/fma_peak.c), divided by 4 for the
    multiplications Winograd F(4×4, 3×3) saves at best on a 3×3 convolution, as if it applied to all.

Usage: python3 Benchmarks/flop_bound.py --family consingan --consingan-dir DIR --image IMG [--max-size 250]
           [--gflops 345] [--peak-gflops P] [--target-min 12] [--json out.json]
       python3 Benchmarks/flop_bound.py --family singan --image IMG [--max-size 250] ...
Dependencies: torch (and, for ConSinGAN, the official modules' imports: numpy, scipy, scikit-image, ...).
"""
import argparse
import json
import sys
import os

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.flop_counter import flop_registry

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


class FlopCount(TorchDispatchMode):
    """Adds up torch.utils.flop_counter's count for every dispatched operator it knows (convolutions and
    their backward, matrix products). FlopCounterMode itself cannot be used: its module hooks refuse the
    gradient penalty's autograd.grad."""

    def __init__(self):
        super().__init__()
        self.total = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        packet = func._overloadpacket
        if packet in flop_registry:
            self.total += flop_registry[packet](*args, **kwargs, out_val=out)
        return out


def counted(fn):
    """(result, FLOPs) of fn() under FlopCount."""
    mode = FlopCount()
    with mode:
        result = fn()
    return result, mode.total


def consingan_counts(args):
    """Per stage of the official ConSinGAN recipe: FLOPs of one iteration as written and as necessary."""
    import torch_consingan as tc
    tc.import_official(args.consingan_dir)
    opt = tc.official_options(["--input_name", args.image, "--max_size", str(args.max_size), "--manualSeed", "0"])
    rows, original = [], tc.train_single_scale

    def measured(netD, netG, reals, fixed_noise, noise_amp, opt_, depth, n_warmup, n_timed, max_extra):
        d0, g0 = ({k: v.clone() for k, v in net.state_dict().items()} for net in (netD, netG))
        f0, a0 = list(fixed_noise), list(noise_amp)
        _, one = counted(lambda: original(netD, netG, reals, fixed_noise, noise_amp, opt_, depth, 0, 1, 0))
        netD.load_state_dict(d0), netG.load_state_dict(g0)
        fixed_noise[:], noise_amp[:] = f0, a0
        records, two = counted(lambda: original(netD, netG, reals, fixed_noise, noise_amp, opt_, depth, 0, 2, 0))
        shapes = [r.shape for r in reals]
        with torch.no_grad():
            _, g_forward = counted(lambda: netG(tc.functions.sample_random_noise(depth, shapes, opt_), shapes, noise_amp))
        rows.append({"stage": depth, "h": shapes[depth][2], "w": shapes[depth][3], "official": two - one,
                     "necessary": two - one - (opt_.Dsteps - 1) * g_forward})
        return records

    tc.train_single_scale = measured
    try:
        tc.train(opt, 0, 1, 0, 0, lambda s: None)
    finally:
        tc.train_single_scale = original
    return rows, opt.niter


def singan_counts(args):
    """Per scale of the official SinGAN recipe (Benchmarks/official_singan_training.py): FLOPs of one iteration."""
    import official_singan_imaging as imaging
    import official_singan_training as training
    opt = training.Opt()
    opt.max_size = args.max_size
    reals = imaging.build_pyramid(imaging.np2torch(imaging.read_image_uint8(args.image)[0]), opt)
    rows, original = [], training.train_single_scale

    def measured(netD, netG, reals_, Gs, Zs, in_s, NoiseAmp, opt_, n_warmup, n_timed, max_extra=0):
        _, one = counted(lambda: original(netD, netG, reals_, Gs, Zs, in_s, NoiseAmp, opt_, 0, 1))
        result, two = counted(lambda: original(netD, netG, reals_, Gs, Zs, in_s, NoiseAmp, opt_, 0, 2))
        real = reals_[len(Gs)]
        rows.append({"stage": len(Gs), "h": real.shape[2], "w": real.shape[3], "official": two - one,
                     "necessary": two - one})
        return result

    training.train_single_scale = measured
    try:
        training.train(reals, opt, 0, 1, lambda s: None)
    finally:
        training.train_single_scale = original
    return rows, opt.niter


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--family", choices=["consingan", "singan"], default="consingan")
    ap.add_argument("--consingan-dir", help="a copy made by Benchmarks/fetch_consingan.sh (consingan only)")
    ap.add_argument("--image", required=True)
    ap.add_argument("--max-size", type=int, default=250)
    ap.add_argument("--gflops", type=float, default=345.0)
    ap.add_argument("--peak-gflops", type=float, default=None)
    ap.add_argument("--target-min", type=float, default=12.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.family == "consingan" and not args.consingan_dir:
        ap.error("--consingan-dir is required for --family consingan")
    torch.manual_seed(0)
    rows, niter = consingan_counts(args) if args.family == "consingan" else singan_counts(args)
    official = sum(r["official"] for r in rows) * niter
    necessary = sum(r["necessary"] for r in rows) * niter
    print("%s, %s at max size %d" % (args.family, args.image, args.max_size))
    print("stage  size (HxW)   GFLOP/iteration official   necessary")
    for r in rows:
        print("%5d  %4dx%-4d  %24.2f  %10.2f" % (r["stage"], r["h"], r["w"], r["official"] / 1e9, r["necessary"] / 1e9))
    print("whole training (%d iterations per stage): official %.1f TFLOP, necessary %.1f TFLOP" % (niter, official / 1e12, necessary / 1e12))
    bound_rate = necessary / (args.gflops * 1e9) / 60
    print("at %.0f GFLOP/s for every operation: %.1f min (target %.0f min)" % (args.gflops, bound_rate, args.target_min))
    result = {"family": args.family, "image": args.image, "max_size": args.max_size, "niter": niter, "stages": rows,
              "official_total_flops": official, "necessary_total_flops": necessary,
              "rate_gflops": args.gflops, "minutes_at_rate": bound_rate, "target_minutes": args.target_min}
    if args.peak_gflops:
        bound_peak = necessary / 4 / (args.peak_gflops * 1e9) / 60
        print("at the CPU's peak %.0f GFLOP/s with Winograd's best 4x saving on everything: %.1f min" % (args.peak_gflops, bound_peak))
        result.update(peak_gflops=args.peak_gflops, minutes_at_peak_with_winograd=bound_peak)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
