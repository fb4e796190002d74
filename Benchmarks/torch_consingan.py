#!/usr/bin/env python3
"""Times the official ConSinGAN training (generation mode) and random-sample generation on CPU.

ConSinGAN (Hinz et al., WACV 2021, tohinz/ConSinGAN) trains ONE growing generator stage by stage. This
script imports the official modules (ConSinGAN/models.py, functions.py, imresize.py, config.py) from
--consingan-dir, a scratch copy made with Benchmarks/fetch_consingan.sh (none of that code is in this
repository), and writes out training_generation.train + train_single_scale step by step around them, so
that every iteration can be timed and the run can stop for Benchmarks/interleave.py:

* options: config.get_arguments() plus main_train.py's additions with their defaults (train_mode
  generation, 6 stages, nfc 64, 3 layers, lrelu 0.05, no BN, niter 2000, train_depth 3, lr_scale 0.1,
  Dsteps 3, Gsteps 3, lr 5e-4, Adam(0.5, 0.999), MultiStepLR at 0.8·niter), --not_cuda, post_config;
* pyramid: functions.read_image + adjust_scales2image + create_reals_pyramid;
* G = models.GrowingGenerator + models.weights_init once (init_G); per stage a new Discriminator +
  weights_init (init_D), loaded with the previous stage's D weights from stage 1 on (the official code
  reloads netD.pth; here the state dict is kept in memory), then G.init_next_stage();
* train_single_scale: z_opt (reals[0] at stage 0, else generate_noise [nfc, h+6, w+6]), body stages below
  the last train_depth frozen, Adam groups with lr_g·lr_scale^k, head while depth < train_depth, tail;
  noise_amp = 0.1·RMSE(G(fixed_noise) with the new amplitude 0, real); each iteration:
  sample_random_noise; 3 D steps (-mean D(real), fake = G(noise) under no_grad except in the last step,
  mean D(fake.detach()), functions.calc_gradient_penalty, one backward, Adam step); then
  -mean D(fake) + alpha·MSE(G(fixed_noise), real), one backward, Gsteps Adam steps with the same gradients;
  scheduler steps.
Not timed (I/O and monitoring): tqdm, TensorBoard scalars, the PNGs, saving networks. The official
generate_samples call (25 no-grad samples at iterations 0, 500, 1000, 1500 and 1999 of every stage) is
timed once per stage after the timed iterations (`monitor_sec`) and added 5 times to the projection.

Each stage runs --warmup untimed and --iters-per-scale timed iterations (an iteration = 3 D steps + the G
update), then moves on; the weights that result do not matter for timing. Generation follows
evaluate_model.generate_samples (random samples at the trained size): sample_random_noise over all
stages + G forward under torch.no_grad(), --samples of them, by default in a fresh subprocess.

Usage:
  python3 Benchmarks/torch_consingan.py --consingan-dir DIR --image IMG [--max-size 250] [--min-size 25]
      [--stages 6] [--iters-per-scale 30] [--warmup 3] [--samples 50] [--threads 2] [--json out.json]
      [--seed 0] [--handoff-every N] [--save-state PATH] [--in-process-generation] [--check-official N]
  python3 Benchmarks/torch_consingan.py --consingan-dir DIR --generate-from PATH [--samples 50]
Dependencies: torch, numpy, scipy, scikit-image, matplotlib, imageio (the official modules' imports).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_process import is_disturbed, machine_busy_sec, maxrss_mib, ru_maxrss_mib, take_turn, timing_finished  # noqa: E402

functions = models = None  # the official modules, imported by import_official()


def import_official(directory):
    """Imports ConSinGAN.functions and ConSinGAN.models from `directory` (holding ConSinGAN/)."""
    global functions, models
    if not os.path.isfile(os.path.join(directory, "ConSinGAN", "models.py")):
        sys.exit("%s has no ConSinGAN/models.py: make it with Benchmarks/fetch_consingan.sh CLONE DIR" % directory)
    sys.path.insert(0, os.path.abspath(directory))
    import ConSinGAN.functions as f
    import ConSinGAN.models as m
    functions, models = f, m


def official_options(args_list):
    """config.get_arguments() + the arguments main_train.py adds, parsed as main_train does."""
    from ConSinGAN.config import get_arguments
    parser = get_arguments()
    parser.add_argument('--input_name', default="")
    parser.add_argument('--naive_img', default="")
    parser.add_argument('--gpu', type=int, default=0)
    parser.add_argument('--train_mode', default='generation')
    parser.add_argument('--lr_scale', type=float, default=0.1)
    parser.add_argument('--train_stages', type=int, default=6)
    parser.add_argument('--fine_tune', action='store_true', default=0)
    parser.add_argument('--model_dir', default="")
    return functions.post_config(parser.parse_args(['--not_cuda'] + args_list))


def init_G(opt):
    netG = models.GrowingGenerator(opt).to(opt.device)
    netG.apply(models.weights_init)
    return netG


def init_D(opt):
    netD = models.Discriminator(opt).to(opt.device)
    netD.apply(models.weights_init)
    return netD


def train_single_scale(netD, netG, reals, fixed_noise, noise_amp, opt, depth, n_warmup, n_timed, max_extra):
    """training_generation.train_single_scale with timing; returns the per-iteration records."""
    reals_shapes = [real.shape for real in reals]
    real = reals[depth]
    if depth == 0:
        z_opt = reals[0]
    else:
        z_opt = functions.generate_noise([opt.nfc, reals_shapes[depth][2] + opt.num_layer * 2,
                                          reals_shapes[depth][3] + opt.num_layer * 2], device=opt.device)
    fixed_noise.append(z_opt.detach())

    optimizerD = torch.optim.Adam(netD.parameters(), lr=opt.lr_d, betas=(opt.beta1, 0.999))
    for block in netG.body[:-opt.train_depth]:
        for param in block.parameters():
            param.requires_grad = False
    parameter_list = [{"params": block.parameters(),
                       "lr": opt.lr_g * (opt.lr_scale ** (len(netG.body[-opt.train_depth:]) - 1 - idx))}
                      for idx, block in enumerate(netG.body[-opt.train_depth:])]
    if depth - opt.train_depth < 0:
        parameter_list += [{"params": netG.head.parameters(), "lr": opt.lr_g * (opt.lr_scale ** depth)}]
    parameter_list += [{"params": netG.tail.parameters(), "lr": opt.lr_g}]
    optimizerG = torch.optim.Adam(parameter_list, lr=opt.lr_g, betas=(opt.beta1, 0.999))
    schedulerD = torch.optim.lr_scheduler.MultiStepLR(optimizer=optimizerD, milestones=[0.8 * opt.niter], gamma=opt.gamma)
    schedulerG = torch.optim.lr_scheduler.MultiStepLR(optimizer=optimizerG, milestones=[0.8 * opt.niter], gamma=opt.gamma)

    if depth == 0:
        noise_amp.append(1)
    else:
        noise_amp.append(0)
        z_reconstruction = netG(fixed_noise, reals_shapes, noise_amp)
        RMSE = torch.sqrt(nn.MSELoss()(z_reconstruction, real)).detach()
        noise_amp[-1] = opt.noise_amp_init * RMSE

    records, it = [], 0
    while True:
        if timing_finished(records, it, n_warmup, n_timed, max_extra):
            break
        take_turn(opt, it)  # with the other side of the benchmark (interleave.py)
        t_start, c_start, busy_start = time.perf_counter(), time.process_time(), machine_busy_sec()
        noise = functions.sample_random_noise(depth, reals_shapes, opt)
        for j in range(opt.Dsteps):
            netD.zero_grad()
            errD_real = -netD(real).mean()
            if j == opt.Dsteps - 1:
                fake = netG(noise, reals_shapes, noise_amp)
            else:
                with torch.no_grad():
                    fake = netG(noise, reals_shapes, noise_amp)
            errD_fake = netD(fake.detach()).mean()
            gradient_penalty = functions.calc_gradient_penalty(netD, real, fake, opt.lambda_grad, opt.device)
            (errD_real + errD_fake + gradient_penalty).backward()
            optimizerD.step()
        t_g = time.perf_counter()
        errG = -netD(fake).mean()
        rec_loss = opt.alpha * nn.MSELoss()(netG(fixed_noise, reals_shapes, noise_amp), real)
        netG.zero_grad()
        (errG + rec_loss).backward()
        for _ in range(opt.Gsteps):
            optimizerG.step()
        schedulerD.step()
        schedulerG.step()
        if it >= n_warmup:
            t_end, own_cpu, busy_end = time.perf_counter(), time.process_time() - c_start, machine_busy_sec()
            rec = {"wall": t_end - t_start, "g_steps": t_end - t_g, "cpu": own_cpu,
                   "others_cpu": (max(0.0, (busy_end - busy_start) - own_cpu)
                                  if busy_start is not None and busy_end is not None else None)}
            rec["disturbed"] = is_disturbed(rec)
            records.append(rec)
        it += 1
    return records


def monitor_seconds(netG, reals_shapes, noise_amp, opt, depth, n):
    """Time of training_generation.generate_samples' compute (n no-grad samples), without its PNGs."""
    t0 = time.perf_counter()
    with torch.no_grad():
        for _ in range(n):
            netG(functions.sample_random_noise(depth, reals_shapes, opt), reals_shapes, noise_amp)
    return time.perf_counter() - t0


def stage_row(depth, real, opt, records, wall, noise_amp, monitor_sec):
    clean = [r for r in records if not r["disturbed"]]
    use = clean if clean else records  # statistics over undisturbed iterations when there are any
    col = lambda k: [r[k] for r in use]
    others = [r["others_cpu"] for r in use if r["others_cpu"] is not None]
    return {
        "scale": depth, "h": real.shape[2], "w": real.shape[3], "nfc": opt.nfc,
        "trained_body_stages": min(depth + 1, opt.train_depth),
        "sec_per_iter": statistics.fmean(col("wall")) if use else None,
        "sec_per_iter_median": statistics.median(col("wall")) if use else None,
        "sec_per_iter_min": min(col("wall")) if use else None,
        "g_steps_sec_per_iter": statistics.fmean(col("g_steps")) if use else None,
        "cpu_sec_per_iter": statistics.fmean(col("cpu")) if use else None,
        "other_processes_cpu_sec_per_iter": statistics.fmean(others) if others else None,
        "stats_over": "undisturbed iterations" if clean else "all timed iterations (all disturbed)",
        "iters_used": len(use), "iters_timed": len(records), "iters_disturbed": len(records) - len(clean),
        "iterations": [{k: (round(v, 6) if isinstance(v, float) else v) for k, v in r.items()} for r in records],
        "scale_wall_sec": wall, "noise_amp": float(noise_amp), "monitor_sec": monitor_sec,
        "maxrss_mib_after_scale": maxrss_mib(),
    }


def train(opt, n_warmup, n_timed, max_extra, monitor_samples, log):
    """training_generation.train: one growing G, a D per stage; returns G, fixed_noise, noise_amp, rows."""
    real = functions.adjust_scales2image(functions.read_image(opt), opt)
    reals = functions.create_reals_pyramid(real, opt)
    generator, fixed_noise, noise_amp, rows, d_state = init_G(opt), [], [], [], None
    for depth in range(opt.stop_scale + 1):
        d_curr = init_D(opt)
        if depth > 0:
            d_curr.load_state_dict(d_state)
            generator.init_next_stage()
        t0 = time.perf_counter()
        records = train_single_scale(d_curr, generator, reals, fixed_noise, noise_amp, opt, depth,
                                     n_warmup, n_timed, max_extra)
        wall = time.perf_counter() - t0
        monitor = (monitor_seconds(generator, [r.shape for r in reals], noise_amp, opt, depth, monitor_samples)
                   if monitor_samples > 0 else 0.0)
        d_state = {k: v.clone() for k, v in d_curr.state_dict().items()}
        rows.append(stage_row(depth, reals[depth], opt, records, wall, noise_amp[-1], monitor))
        r = {k: (float("nan") if v is None else v) for k, v in rows[-1].items()}
        log("  stage %d  %3dx%-3d  %.4f s/iter (median %.4f, min %.4f; G update %.4f; cpu %.4f; %d/%d disturbed)"
            "  monitor %.2f s  rss %.0f MiB" % (depth, r["h"], r["w"], r["sec_per_iter"], r["sec_per_iter_median"],
                                                r["sec_per_iter_min"], r["g_steps_sec_per_iter"], r["cpu_sec_per_iter"],
                                                r["iters_disturbed"], r["iters_timed"], monitor,
                                                r["maxrss_mib_after_scale"]))
        del d_curr
    return generator, reals, fixed_noise, noise_amp, rows


def run_generation(state, num_samples, gen_warmup):
    """evaluate_model.generate_samples (random samples at the trained size) from a saved state; a dict."""
    opt = official_options(state["options"])
    netG = models.GrowingGenerator(opt)
    for _ in range(opt.train_stages - 1):
        netG.init_next_stage()
    netG.load_state_dict(state["G_state"])
    shapes, noise_amp = [torch.Size(s) for s in state["reals_shapes"]], state["noise_amp"]
    rss_loaded = maxrss_mib()

    def generate(n):
        with torch.no_grad():
            return [netG(functions.sample_random_noise(opt.train_stages - 1, shapes, opt), shapes, noise_amp)
                    for _ in range(n)]
    generate(gen_warmup)
    busy0, c0, t0 = machine_busy_sec(), time.process_time(), time.perf_counter()
    out = generate(num_samples)
    total, cpu, busy1 = time.perf_counter() - t0, time.process_time() - c0, machine_busy_sec()
    assert len(out) == num_samples and tuple(out[0].shape) == tuple(shapes[-1]), out[0].shape
    return {"samples": num_samples, "warmup_samples": gen_warmup, "total_sec": total,
            "samples_per_sec": num_samples / total, "sec_per_sample": total / num_samples, "cpu_sec": cpu,
            "other_processes_cpu_sec": max(0.0, busy1 - busy0 - cpu) if busy0 is not None and busy1 is not None else None,
            "output_hw": list(shapes[-1][2:]), "maxrss_mib_before_generation": rss_loaded,
            "peak_rss_mib": maxrss_mib(), "ru_maxrss_mib": ru_maxrss_mib()}


def generation(state, args):
    if args.in_process_generation:
        return dict(run_generation(state, args.samples, args.gen_warmup), process="same process as training")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "consingan.pt")
        torch.save(state, path)
        cmd = [sys.executable, os.path.abspath(__file__), "--consingan-dir", args.consingan_dir, "--generate-from",
               path, "--samples", str(args.samples), "--gen-warmup", str(args.gen_warmup),
               "--threads", str(args.threads), "--seed", str(args.seed + 1)]
        res = subprocess.run(cmd, stdout=subprocess.PIPE, check=True, text=True)
    return dict(json.loads(res.stdout.strip().splitlines()[-1]), process="separate subprocess")


def check_official(options, n_iter):
    """Trains with the official training_generation.train() (tqdm, PNGs and generate_samples switched off)
    and with this script's loop, n_iter iterations per stage from the same seed; True if G is bit-identical."""
    import ConSinGAN.training_generation as official
    official.tqdm = lambda iterable: type("Quiet", (), {"__iter__": lambda self: iter(iterable),
                                                         "set_description": lambda self, text: None})()
    official.generate_samples = lambda *args, **kwargs: None
    functions.save_image = lambda *args, **kwargs: None
    options = options + ["--niter", str(n_iter)]
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        options[1] = os.path.abspath(options[1])  # the image path (options starts with --input_name IMG)
        os.chdir(tmp)  # the official train() writes TrainedModels/ into the working directory
        try:
            opt = official_options(options)
            official.train(opt)
            theirs = torch.load(functions.generate_dir2save(opt) + "/G.pth", weights_only=False).state_dict()
        finally:
            os.chdir(cwd)
    ours = train(official_options(options), n_iter, 0, 0, 0, lambda line: None)[0].state_dict()
    worst = max(float((ours[k] - theirs[k]).abs().max()) for k in theirs)
    print("official train() vs this loop, %d iterations per stage: G weights max abs difference %g" % (n_iter, worst))
    return worst == 0.0


def main():
    ap = argparse.ArgumentParser(description="Time the official ConSinGAN training (generation mode) on CPU.")
    ap.add_argument("--consingan-dir", required=True, help="folder holding the official ConSinGAN/ package")
    ap.add_argument("--image", help="training image (JPEG/PNG)")
    ap.add_argument("--max-size", type=int, default=250)
    ap.add_argument("--min-size", type=int, default=25)
    ap.add_argument("--stages", type=int, default=6, help="official --train_stages")
    ap.add_argument("--nfc", type=int, default=64)
    ap.add_argument("--iters-per-scale", "--iters-per-stage", dest="iters", type=int, default=30,
                    help="timed iterations per stage")
    ap.add_argument("--warmup", type=int, default=3, help="untimed iterations per stage before timing")
    ap.add_argument("--extra-iters", type=int, default=None,
                    help="at most this many more timed iterations per stage to replace ones disturbed by other "
                         "processes (default: --iters-per-scale; 0 disables)")
    ap.add_argument("--monitor-samples", type=int, default=25,
                    help="time the official per-500-iterations generate_samples (25 samples) once per stage; 0: skip")
    ap.add_argument("--samples", type=int, default=50, help="random samples to generate (0: skip)")
    ap.add_argument("--gen-warmup", type=int, default=1, help="untimed samples generated before timing")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--in-process-generation", action="store_true")
    ap.add_argument("--handoff-every", type=int, default=0, metavar="N",
                    help="stop (SIGSTOP) at every stage's start and after every N iterations (Benchmarks/interleave.py)")
    ap.add_argument("--save-state", metavar="PATH", help="save the trained generator (for --generate-from)")
    ap.add_argument("--generate-from", metavar="PATH", help="only time generation from a --save-state file")
    ap.add_argument("--check-official", type=int, metavar="N", default=0,
                    help="only check that N iterations per stage of this loop give the official train()'s G, and exit")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    import_official(args.consingan_dir)

    if args.generate_from:  # generation only (also the child process of a training run)
        state = torch.load(args.generate_from, weights_only=True)
        state["options"] = state["options"][:-2] + ["--manualSeed", str(args.seed)]
        print(json.dumps(run_generation(state, args.samples, args.gen_warmup)))
        return
    if not args.image:
        ap.error("--image is required")
    log = lambda s: print(s, file=sys.stderr, flush=True)
    rss_start = maxrss_mib()
    options = ["--input_name", args.image, "--max_size", str(args.max_size), "--min_size", str(args.min_size),
               "--train_stages", str(args.stages), "--nfc", str(args.nfc), "--manualSeed", str(args.seed)]
    if args.check_official:
        sys.exit(0 if check_official(options, args.check_official) else 1)
    opt = official_options(options)
    opt.handoff_every = args.handoff_every  # not an official option: see bench_process.take_turn
    extra = args.iters if args.extra_iters is None else args.extra_iters
    log("ConSinGAN %s, %d stages, torch %s, %d threads" % (args.image, args.stages, torch.__version__,
                                                           torch.get_num_threads()))
    t0 = time.perf_counter()
    netG, reals, fixed_noise, noise_amp, rows = train(opt, args.warmup, args.iters, extra, args.monitor_samples, log)
    train_wall, rss_train = time.perf_counter() - t0, maxrss_mib()

    state = {"options": options, "G_state": netG.state_dict(), "reals_shapes": [list(r.shape) for r in reals],
             "noise_amp": [float(a) for a in noise_amp], "fixed_noise": [z.detach() for z in fixed_noise]}
    if args.save_state:
        torch.save(state, args.save_state)
    gen = generation(state, args) if args.samples > 0 else None

    sum_spi = sum(r["sec_per_iter"] for r in rows)
    sum_med = sum(r["sec_per_iter_median"] for r in rows)
    monitor_total = 5 * sum(r["monitor_sec"] for r in rows)  # iterations 0, 500, 1000, 1500, 1999
    result = {
        "benchmark": "torch_consingan", "torch": torch.__version__, "python": platform.python_version(),
        "machine": platform.machine(), "threads": torch.get_num_threads(), "image": args.image,
        "max_size": opt.max_size, "min_size": opt.min_size, "num_scales": len(reals), "train_stages": opt.train_stages,
        "scale1": opt.scale1, "scale_factor": opt.scale_factor, "nfc": opt.nfc, "train_depth": opt.train_depth,
        "iters_per_scale": args.iters, "extra_iters_allowed": extra, "warmup": args.warmup, "seed": args.seed,
        "niter": opt.niter, "scales": rows, "train_wall_sec_incl_warmup": train_wall,
        "sum_sec_per_iter_over_scales": sum_spi, "sum_median_sec_per_iter_over_scales": sum_med,
        "monitoring_sec_full_training": monitor_total,
        "estimated_full_training_sec": sum_spi * opt.niter + monitor_total,
        "estimated_full_training_sec_from_medians": sum_med * opt.niter + monitor_total,
        "generation": gen,
        "rss_mib": {"after_import": rss_start, "peak_training": rss_train, "ru_maxrss_training": ru_maxrss_mib(),
                    "peak_generation": gen["peak_rss_mib"] if gen else None,
                    "generation_process": gen["process"] if gen else None},
    }
    print("ConSinGAN training (generation mode), torch %s, %d threads, %s, %d timed + %d warm-up iterations per stage"
          % (torch.__version__, torch.get_num_threads(), os.path.basename(args.image), args.iters, args.warmup))
    print("%5s  %9s  %7s  %9s  %9s  %9s  %9s  %9s  %9s  %9s" % (
        "stage", "HxW", "trained", "mean s/it", "median", "min", "G update", "cpu s/it", "others", "monitor"))
    fmt = lambda v: ("%9.4f" % v) if v is not None else "%9s" % "-"
    for r in rows:
        print("%5d  %9s  %7d  %s  %s  %s  %s  %s  %s  %s" % (
            r["scale"], "%dx%d" % (r["h"], r["w"]), r["trained_body_stages"], fmt(r["sec_per_iter"]),
            fmt(r["sec_per_iter_median"]), fmt(r["sec_per_iter_min"]), fmt(r["g_steps_sec_per_iter"]),
            fmt(r["cpu_sec_per_iter"]), fmt(r["other_processes_cpu_sec_per_iter"]), fmt(r["monitor_sec"])))
    n_dist = sum(r["iters_disturbed"] for r in rows)
    all_disturbed = [r["scale"] for r in rows if r["stats_over"].startswith("all")]
    if n_dist:
        print("note: %d timed iterations were disturbed by other processes; a stage's statistics leave them out "
              "unless all of its iterations were" % n_dist)
    if all_disturbed:
        print("WARNING: every timed iteration of stages %s was disturbed by other processes (column 'others', "
              "CPU-s per iteration): rerun on an idle machine for numbers to publish." % all_disturbed)
    print("sum over stages: mean %.4f s/iter, median %.4f s/iter -> estimated %d-iteration training: "
          "%.1f min (means), %.1f min (medians), including %.1f min of generate_samples monitoring"
          % (sum_spi, sum_med, opt.niter, result["estimated_full_training_sec"] / 60.0,
             result["estimated_full_training_sec_from_medians"] / 60.0, monitor_total / 60.0))
    if gen:
        print("generation: %d samples at %dx%d in %.3f s (%.2f samples/s, %.4f s/sample), %s"
              % (gen["samples"], gen["output_hw"][0], gen["output_hw"][1], gen["total_sec"], gen["samples_per_sec"],
                 gen["sec_per_sample"], gen["process"]))
    print("peak RSS: after import %.0f MiB, training %.0f MiB, generation %s MiB"
          % (rss_start, rss_train, ("%.0f" % gen["peak_rss_mib"]) if gen else "-"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
        print("wrote %s" % args.json)


if __name__ == "__main__":
    main()
