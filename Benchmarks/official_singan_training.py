"""The official SinGAN's training, rebuilt for the benchmarks (tamarott/SinGAN training.py), timed
iteration by iteration: train() runs every scale, train_single_scale() a scale's warm-up and timed
iterations. See torch_singan.py for what is followed and what is left out.
"""
import math
import resource
import statistics
import time

import torch
import torch.nn as nn

from bench_process import is_disturbed, machine_busy_sec, maxrss_mib, take_turn, timing_finished
from official_singan_imaging import IMRESIZE_SECONDS, imresize
from official_singan_models import GeneratorConcatSkip2CleanAdd, WDiscriminator, weights_init


# config.py defaults
class Opt:
    nc_z = 3
    nc_im = 3
    nfc_init = 32
    min_nfc_init = 32
    ker_size = 3
    num_layer = 5
    padd_size = 0
    scale_factor_init = 0.75
    noise_amp_init = 0.1
    min_size = 25
    max_size = 250
    lr_g = 0.0005
    lr_d = 0.0005
    beta1 = 0.5
    gamma = 0.1
    Gsteps = 3
    Dsteps = 3
    lambda_grad = 0.1
    alpha = 10
    niter = 2000
    handoff_every = 0  # not the official code's: --handoff-every, see bench_process.take_turn


# ----------------------------------------------------------------------------------------------
# Training (training.py)
# ----------------------------------------------------------------------------------------------


def upsampling(im, sx, sy):
    return nn.functional.interpolate(im, size=[round(sx), round(sy)], mode="bilinear", align_corners=True)


def generate_noise(size, num_samp=1):
    noise = torch.randn(num_samp, size[0], round(size[1]), round(size[2]))
    return upsampling(noise, size[1], size[2])


def calc_gradient_penalty(netD, real_data, fake_data, LAMBDA):
    alpha = torch.rand(1, 1).expand(real_data.size())
    interpolates = alpha * real_data + ((1 - alpha) * fake_data)
    interpolates = interpolates.detach().requires_grad_(True)  # torch.autograd.Variable(..., requires_grad=True)
    disc_interpolates = netD(interpolates)
    gradients = torch.autograd.grad(outputs=disc_interpolates, inputs=interpolates,
                                    grad_outputs=torch.ones(disc_interpolates.size()),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0]
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean() * LAMBDA


def draw_concat(Gs, Zs, reals, NoiseAmp, in_s, mode, m_noise, m_image, opt):
    G_z = in_s
    if len(Gs) > 0:
        pad_noise = int(((opt.ker_size - 1) * opt.num_layer) / 2)
        for count, (G, Z_opt, real_curr, real_next, noise_amp) in enumerate(zip(Gs, Zs, reals, reals[1:], NoiseAmp)):
            if mode == "rand":
                if count == 0:
                    z = generate_noise([1, Z_opt.shape[2] - 2 * pad_noise, Z_opt.shape[3] - 2 * pad_noise])
                    z = z.expand(1, 3, z.shape[2], z.shape[3])
                else:
                    z = generate_noise([opt.nc_z, Z_opt.shape[2] - 2 * pad_noise, Z_opt.shape[3] - 2 * pad_noise])
                z = m_noise(z)
            else:
                z = Z_opt
            G_z = G_z[:, :, 0:real_curr.shape[2], 0:real_curr.shape[3]]
            G_z = m_image(G_z)
            z_in = noise_amp * z + G_z
            G_z = G(z_in.detach(), G_z)
            G_z = imresize(G_z, 1 / opt.scale_factor)
            G_z = G_z[:, :, 0:real_next.shape[2], 0:real_next.shape[3]]
    return G_z


def train_single_scale(netD, netG, reals, Gs, Zs, in_s, NoiseAmp, opt, n_warmup, n_timed, max_extra=0):
    """Runs n_warmup untimed + n_timed timed iterations; while fewer than n_timed timed iterations were
    undisturbed by other processes, runs up to max_extra more. Returns per-iteration records."""
    real = reals[len(Gs)]
    opt.nzx, opt.nzy = real.shape[2], real.shape[3]
    pad_noise = int(((opt.ker_size - 1) * opt.num_layer) / 2)
    pad_image = int(((opt.ker_size - 1) * opt.num_layer) / 2)
    m_noise = nn.ZeroPad2d(int(pad_noise))
    m_image = nn.ZeroPad2d(int(pad_image))
    alpha = opt.alpha

    fixed_noise = generate_noise([opt.nc_z, opt.nzx, opt.nzy])
    z_opt = m_noise(torch.full(fixed_noise.shape, 0.0))

    optimizerD = torch.optim.Adam(netD.parameters(), lr=opt.lr_d, betas=(opt.beta1, 0.999))
    optimizerG = torch.optim.Adam(netG.parameters(), lr=opt.lr_g, betas=(opt.beta1, 0.999))
    schedulerD = torch.optim.lr_scheduler.MultiStepLR(optimizer=optimizerD, milestones=[1600], gamma=opt.gamma)
    schedulerG = torch.optim.lr_scheduler.MultiStepLR(optimizer=optimizerG, milestones=[1600], gamma=opt.gamma)

    records = []
    z_prev = prev = None
    epoch = 0
    while True:
        if timing_finished(records, epoch, n_warmup, n_timed, max_extra):
            break
        take_turn(opt, epoch)  # with the other side of the benchmark (interleave.py)
        t_start = time.perf_counter()
        c_start = time.process_time()
        busy_start = machine_busy_sec()
        flt_start = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t_draw = 0.0
        resize_before = IMRESIZE_SECONDS[0]
        if Gs == []:
            z_opt = generate_noise([1, opt.nzx, opt.nzy])
            z_opt = m_noise(z_opt.expand(1, 3, opt.nzx, opt.nzy))
            noise_ = generate_noise([1, opt.nzx, opt.nzy])
            noise_ = m_noise(noise_.expand(1, 3, opt.nzx, opt.nzy))
        else:
            noise_ = m_noise(generate_noise([opt.nc_z, opt.nzx, opt.nzy]))

        # (1) D: 3 steps
        for j in range(opt.Dsteps):
            netD.zero_grad()
            output = netD(real)
            errD_real = -output.mean()
            errD_real.backward(retain_graph=True)

            td = time.perf_counter()
            if (j == 0) & (epoch == 0):
                if Gs == []:
                    prev = torch.full([1, opt.nc_z, opt.nzx, opt.nzy], 0.0)
                    in_s = prev
                    prev = m_image(prev)
                    z_prev = m_noise(torch.full([1, opt.nc_z, opt.nzx, opt.nzy], 0.0))
                    opt.noise_amp = 1
                else:
                    prev = m_image(draw_concat(Gs, Zs, reals, NoiseAmp, in_s, "rand", m_noise, m_image, opt))
                    z_prev = draw_concat(Gs, Zs, reals, NoiseAmp, in_s, "rec", m_noise, m_image, opt)
                    RMSE = torch.sqrt(nn.MSELoss()(real, z_prev))
                    opt.noise_amp = opt.noise_amp_init * RMSE
                    z_prev = m_image(z_prev)
            else:
                prev = m_image(draw_concat(Gs, Zs, reals, NoiseAmp, in_s, "rand", m_noise, m_image, opt))
            t_draw += time.perf_counter() - td

            if Gs == []:
                noise = noise_
            else:
                noise = opt.noise_amp * noise_ + prev

            fake = netG(noise.detach(), prev)
            output = netD(fake.detach())
            errD_fake = output.mean()
            errD_fake.backward(retain_graph=True)

            gradient_penalty = calc_gradient_penalty(netD, real, fake, opt.lambda_grad)
            gradient_penalty.backward()
            optimizerD.step()

        t_g0 = time.perf_counter()
        # (2) G: 3 steps, fake recomputed each step (torch >= 1.5)
        for j in range(opt.Gsteps):
            netG.zero_grad()
            fake = netG(noise.detach(), prev)
            output = netD(fake)
            errG = -output.mean()
            errG.backward(retain_graph=True)
            if alpha != 0:
                Z_opt = opt.noise_amp * z_opt + z_prev
                rec_loss = alpha * nn.MSELoss()(netG(Z_opt.detach(), z_prev), real)
                rec_loss.backward(retain_graph=True)
            optimizerG.step()

        schedulerD.step()
        schedulerG.step()
        if epoch >= n_warmup:
            t_end = time.perf_counter()
            own_cpu = time.process_time() - c_start
            busy_end = machine_busy_sec()
            rec = {
                "wall": t_end - t_start,
                "g_steps": t_end - t_g0,
                "draw_concat": t_draw,
                "imresize": IMRESIZE_SECONDS[0] - resize_before,
                "cpu": own_cpu,
                "others_cpu": (max(0.0, (busy_end - busy_start) - own_cpu)
                               if busy_start is not None and busy_end is not None else None),
                "minor_faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - flt_start,
            }
            rec["disturbed"] = is_disturbed(rec)
            records.append(rec)
        epoch += 1
    return z_opt, in_s, netG, records


def reset_grads(model, require_grad):
    for p in model.parameters():
        p.requires_grad_(require_grad)
    return model


def nfc_for_scale(n, opt):
    return min(opt.nfc_init * pow(2, math.floor(n / 4)), 128), min(opt.min_nfc_init * pow(2, math.floor(n / 4)), 128)


def train(reals, opt, n_warmup, n_timed, log, max_extra=0):
    Gs, Zs, NoiseAmp, nfcs = [], [], [], []
    in_s = 0
    nfc_prev, prev_state = 0, None
    per_scale = []
    for scale_num in range(opt.stop_scale + 1):
        nfc, min_nfc = nfc_for_scale(scale_num, opt)
        netD = WDiscriminator(nfc, min_nfc, opt)
        netD.apply(weights_init)
        netG = GeneratorConcatSkip2CleanAdd(nfc, min_nfc, opt)
        netG.apply(weights_init)
        if nfc_prev == nfc:
            netG.load_state_dict(prev_state[0])
            netD.load_state_dict(prev_state[1])
        t0 = time.perf_counter()
        z_curr, in_s, netG, records = train_single_scale(
            netD, netG, reals, Gs, Zs, in_s, NoiseAmp, opt, n_warmup, n_timed, max_extra)
        scale_wall = time.perf_counter() - t0
        prev_state = ({k: v.clone() for k, v in netG.state_dict().items()},
                      {k: v.clone() for k, v in netD.state_dict().items()})
        netG = reset_grads(netG, False)
        netG.eval()
        netD = reset_grads(netD, False)
        netD.eval()
        Gs.append(netG)
        Zs.append(z_curr)
        NoiseAmp.append(opt.noise_amp)
        nfcs.append(nfc)
        nfc_prev = nfc
        h, w = reals[scale_num].shape[2], reals[scale_num].shape[3]
        clean = [r for r in records if not r["disturbed"]]
        use = clean if clean else records  # statistics over undisturbed iterations when there are any
        col = lambda k: [r[k] for r in use]
        mean = lambda k: statistics.fmean(col(k)) if use else None
        others = [r["others_cpu"] for r in use if r["others_cpu"] is not None]
        row = {
            "scale": scale_num, "h": h, "w": w, "nfc": nfc,
            "sec_per_iter": mean("wall"),
            "sec_per_iter_median": statistics.median(col("wall")) if use else None,
            "sec_per_iter_min": min(col("wall")) if use else None,
            "g_steps_sec_per_iter": mean("g_steps"),
            "draw_concat_sec_per_iter": mean("draw_concat"),
            "imresize_sec_per_iter": mean("imresize"),
            "cpu_sec_per_iter": mean("cpu"),
            "minor_faults_per_iter": mean("minor_faults"),
            # CPU seconds that other processes used per iteration (machine-wide /proc/stat minus ours,
            # 10 ms resolution): well above 0 means the cores were shared while timing
            "other_processes_cpu_sec_per_iter": statistics.fmean(others) if others else None,
            "stats_over": "undisturbed iterations" if clean else "all timed iterations (all disturbed)",
            "iters_used": len(use),
            "iters_timed": len(records),
            "iters_disturbed": len(records) - len(clean),
            "warmup_iters": n_warmup,
            "sec_per_iter_mean_all_timed": statistics.fmean(r["wall"] for r in records) if records else None,
            "iterations": [{k: (round(v, 6) if isinstance(v, float) else v) for k, v in r.items()} for r in records],
            "scale_wall_sec": scale_wall,
            "noise_amp": float(opt.noise_amp),
            "maxrss_mib_after_scale": maxrss_mib(),
        }
        per_scale.append(row)
        nan = float("nan")
        log("  scale %2d  %3dx%-3d nfc %3d  %.4f s/iter (median %.4f, min %.4f; G steps %.4f, draw_concat %.4f; "
            "cpu %.4f s/iter, others %.3f cpu-s/iter, %d faults/iter; %d/%d timed iterations disturbed)  rss %.0f MiB"
            % (scale_num, h, w, nfc, row["sec_per_iter"] or nan, row["sec_per_iter_median"] or nan,
               row["sec_per_iter_min"] or nan, row["g_steps_sec_per_iter"] or nan,
               row["draw_concat_sec_per_iter"] or nan, row["cpu_sec_per_iter"] or nan,
               row["other_processes_cpu_sec_per_iter"] if others else nan, row["minor_faults_per_iter"] or 0,
               row["iters_disturbed"], row["iters_timed"], row["maxrss_mib_after_scale"]))
        del netD
    return Gs, Zs, NoiseAmp, nfcs, per_scale
