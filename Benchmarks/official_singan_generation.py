"""The official SinGAN's random-sample generation, rebuilt for the benchmarks (tamarott/SinGAN
manipulate.SinGAN_generate: random samples, gen_start_scale 0), timed. See torch_singan.py.
"""
import time

import torch
import torch.nn as nn

from bench_process import machine_busy_sec, maxrss_mib, ru_maxrss_mib
from official_singan_imaging import IMRESIZE_SECONDS, imresize
from official_singan_models import GeneratorConcatSkip2CleanAdd
from official_singan_training import Opt, generate_noise, reset_grads, upsampling


# ----------------------------------------------------------------------------------------------
# Generation (manipulate.SinGAN_generate, random samples, gen_start_scale 0)
# ----------------------------------------------------------------------------------------------


def singan_generate(Gs, Zs, reals_shapes, NoiseAmp, opt, num_samples, scale_v=1, scale_h=1, n=0, gen_start_scale=0):
    in_s = torch.full(reals_shapes[0], 0.0)
    images_cur = []
    I_curr = None
    for G, Z_opt, noise_amp in zip(Gs, Zs, NoiseAmp):
        pad1 = ((opt.ker_size - 1) * opt.num_layer) / 2
        m = nn.ZeroPad2d(int(pad1))
        nzx = (Z_opt.shape[2] - pad1 * 2) * scale_v
        nzy = (Z_opt.shape[3] - pad1 * 2) * scale_h
        images_prev = images_cur
        images_cur = []
        for i in range(num_samples):
            if n == 0:
                z_curr = generate_noise([1, nzx, nzy])
                z_curr = m(z_curr.expand(1, 3, z_curr.shape[2], z_curr.shape[3]))
            else:
                z_curr = m(generate_noise([opt.nc_z, nzx, nzy]))
            if images_prev == []:
                I_prev = m(in_s)
            else:
                I_prev = imresize(images_prev[i], 1 / opt.scale_factor)
                I_prev = I_prev[:, :, 0:round(scale_v * reals_shapes[n][2]), 0:round(scale_h * reals_shapes[n][3])]
                I_prev = m(I_prev)
                I_prev = I_prev[:, :, 0:z_curr.shape[2], 0:z_curr.shape[3]]
                I_prev = upsampling(I_prev, z_curr.shape[2], z_curr.shape[3])
            if n < gen_start_scale:
                z_curr = Z_opt
            z_in = noise_amp * z_curr + I_prev
            I_curr = G(z_in.detach(), I_prev)
            images_cur.append(I_curr)
        n += 1
    return images_cur


def run_generation(state, num_samples, gen_warmup):
    """Rebuilds the trained pyramid from `state` and times SinGAN_generate. Returns a dict."""
    opt = Opt()
    opt.scale_factor = state["scale_factor"]
    Gs = []
    for nfc, min_nfc, sd in zip(state["nfcs"], state["min_nfcs"], state["G_state"]):
        G = GeneratorConcatSkip2CleanAdd(nfc, min_nfc, opt)
        G.load_state_dict(sd)
        G = reset_grads(G, False)
        G.eval()
        Gs.append(G)
    Zs, NoiseAmp, shapes = state["Zs"], state["NoiseAmp"], [tuple(s) for s in state["reals_shapes"]]
    rss_loaded = maxrss_mib()
    with torch.no_grad():
        if gen_warmup > 0:
            singan_generate(Gs, Zs, shapes, NoiseAmp, opt, gen_warmup)
        IMRESIZE_SECONDS[0] = 0.0
        busy0, c0 = machine_busy_sec(), time.process_time()
        t0 = time.perf_counter()
        out = singan_generate(Gs, Zs, shapes, NoiseAmp, opt, num_samples)
        total = time.perf_counter() - t0
        cpu = time.process_time() - c0
        busy1 = machine_busy_sec()
    assert len(out) == num_samples and tuple(out[0].shape) == shapes[-1], (len(out), out[0].shape)
    return {
        "samples": num_samples,
        "warmup_samples": gen_warmup,
        "total_sec": total,
        "samples_per_sec": num_samples / total,
        "sec_per_sample": total / num_samples,
        "imresize_sec": IMRESIZE_SECONDS[0],
        "cpu_sec": cpu,
        "other_processes_cpu_sec": max(0.0, busy1 - busy0 - cpu) if busy0 is not None and busy1 is not None else None,
        "output_hw": list(shapes[-1][2:]),
        "maxrss_mib_before_generation": rss_loaded,
        "peak_rss_mib": maxrss_mib(),
        "ru_maxrss_mib": ru_maxrss_mib(),
    }
