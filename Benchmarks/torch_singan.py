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
import resource
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib

import numpy as np
import torch
import torch.nn as nn

# ----------------------------------------------------------------------------------------------
# Options (config.py defaults)
# ----------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------
# Image reading
# ----------------------------------------------------------------------------------------------


def _read_png_minimal(path):
    """8-bit, non-interlaced PNG (grey, grey+alpha, RGB, RGBA) -> HxWxC uint8. Fallback only."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if ctype == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", chunk)
        elif ctype == b"IDAT":
            idat.append(chunk)
        elif ctype == b"IEND":
            break
    w, h, depth, ctype_, _, _, interlace = hdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype_)
    if depth != 8 or channels is None or interlace:
        raise ValueError("minimal PNG reader: only 8-bit non-interlaced grey/RGB(A) PNGs")
    raw = zlib.decompress(b"".join(idat))
    stride = w * channels
    out = np.zeros((h, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    bpp = channels
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=y * (stride + 1) + 1).astype(np.int32)
        cur = np.zeros(stride, dtype=np.int32)
        if ft == 0:
            cur = line
        elif ft == 2:
            cur = (line + prev) & 255
        else:
            for x in range(stride):
                a = cur[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                if ft == 1:
                    p = a
                elif ft == 3:
                    p = (a + b) >> 1
                else:  # Paeth
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    p = a if (pa <= pb and pa <= pc) else (b if pb <= pc else c)
                cur[x] = (line[x] + p) & 255
        out[y] = cur
        prev = cur
    return out.reshape(h, w, channels)


def read_image_uint8(path):
    """HxWx3 uint8 (alpha dropped, grey expanded), like skimage.io.imread + [:, :, 0:3]."""
    arr, how = None, None
    try:
        from PIL import Image
        with Image.open(path) as im:
            arr = np.asarray(im.convert("RGBA") if im.mode in ("RGBA", "LA", "P") else im.convert("RGB"))
        how = "pillow"
    except ImportError:
        for mod in ("imageio.v2", "imageio", "matplotlib.pyplot"):
            try:
                m = __import__(mod, fromlist=["imread"])
                arr = np.asarray(m.imread(path))
                if arr.dtype != np.uint8:  # matplotlib gives floats in [0,1] for PNG
                    arr = (arr * 255).round().astype(np.uint8)
                how = mod
                break
            except ImportError:
                continue
        if arr is None:
            if not path.lower().endswith(".png"):
                sys.exit("No image library (pip install pillow) and the built-in reader only reads PNG: %s" % path)
            arr, how = _read_png_minimal(path), "builtin-png"
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=2)
    if arr.shape[2] < 3:
        arr = np.concatenate([arr[:, :, :1]] * 3, axis=2)
    return np.ascontiguousarray(arr[:, :, 0:3]), how


# ----------------------------------------------------------------------------------------------
# imresize (Shocher's resizer as used by SinGAN; independent implementation, same algorithm)
# ----------------------------------------------------------------------------------------------


def denorm(x):
    return ((x + 1) / 2).clamp(0, 1)


def norm(x):
    return ((x - 0.5) * 2).clamp(-1, 1)


def torch2uint8(x):
    x = x[0, :, :, :].permute((1, 2, 0))
    x = 255 * denorm(x)
    return x.detach().cpu().numpy().astype(np.uint8)  # truncation, as the official code


def np2torch(x):
    """HxWx3 array in [0, 255] -> 1x3xHxW float32 in [-1, 1] (nc_im = 3 path)."""
    x = x[:, :, :, None].transpose((3, 2, 0, 1)) / 255
    x = torch.from_numpy(np.ascontiguousarray(x)).type(torch.FloatTensor)
    return norm(x)


def _cubic(x):
    ax = np.abs(x)
    ax2 = ax * ax
    ax3 = ax2 * ax
    return ((1.5 * ax3 - 2.5 * ax2 + 1) * (ax <= 1)
            + (-0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2) * ((1 < ax) & (ax <= 2)))


def _taps(in_len, out_len, scale, antialias):
    """Per output pixel: input indices [out, taps] and normalised weights [out, taps]."""
    if antialias:
        kernel = lambda t: scale * _cubic(scale * t)
        width = 4.0 / scale
    else:
        kernel = _cubic
        width = 4.0
    pos = np.arange(1, out_len + 1) / scale + 0.5 * (1 - 1.0 / scale)  # 1-based input coordinate
    first = np.floor(pos - width / 2)
    j = first[:, None] + np.arange(np.ceil(width) + 2) - 1  # 0-based tap index (float), may be < 0
    w = kernel(pos[:, None] - j - 1)
    w[j < 0] = 0.0  # the official code casts negative taps to a huge unsigned index: weight 0
    s = w.sum(axis=1)
    s[s == 0] = 1.0
    w = w / s[:, None]
    period = 2 * in_len
    jj = np.where(j < 0, 0, j).astype(np.int64) % period
    idx = np.where(jj < in_len, jj, period - 1 - jj)  # mirror past the last pixel
    keep = np.any(w != 0, axis=0)  # drop taps that are zero for every output pixel
    return idx[:, keep], w[:, keep]


def _resize_axis(im, axis, idx, w):
    t = np.swapaxes(im, axis, 0)
    wt = w.T.reshape(list(w.T.shape) + [1] * (im.ndim - 1))
    out = np.sum(t[idx.T] * wt, axis=0)
    return np.swapaxes(out, axis, 0)


def imresize_in(im, scale_factor=None, output_shape=None):
    in_shape = im.shape
    if scale_factor is not None:
        sf = [scale_factor, scale_factor] if np.isscalar(scale_factor) else list(scale_factor)
        sf = sf + [1] * (len(in_shape) - len(sf))
    if output_shape is not None:
        output_shape = [int(v) for v in output_shape] + list(in_shape[len(output_shape):])
        sf = list(1.0 * np.array(output_shape) / np.array(in_shape))
    else:
        output_shape = [int(v) for v in np.ceil(np.array(in_shape) * np.array(sf))]
    antialias = sf[0] < 1
    out = im
    for dim in np.argsort(np.array(sf), kind="stable").tolist():
        if sf[dim] == 1.0:
            continue
        idx, w = _taps(in_shape[dim], output_shape[dim], sf[dim], antialias)
        out = _resize_axis(out, dim, idx, w)
    if out is im:
        out = np.copy(im)
    return out


IMRESIZE_SECONDS = [0.0]


def imresize(x, scale):
    t0 = time.perf_counter()
    y = np2torch(imresize_in(torch2uint8(x), scale_factor=scale))
    IMRESIZE_SECONDS[0] += time.perf_counter() - t0
    return y


def imresize_to_shape(x, shape):
    return np2torch(imresize_in(torch2uint8(x), output_shape=shape))


# ----------------------------------------------------------------------------------------------
# Pyramid (functions.adjust_scales2image + creat_reals_pyramid)
# ----------------------------------------------------------------------------------------------


def adjust_scales(h, w, opt):
    opt.num_scales = math.ceil(math.log(math.pow(opt.min_size / min(h, w), 1), opt.scale_factor_init)) + 1
    scale2stop = math.ceil(math.log(min(opt.max_size, max(h, w)) / max(h, w), opt.scale_factor_init))
    opt.stop_scale = opt.num_scales - scale2stop
    opt.scale1 = min(opt.max_size / max(h, w), 1)


def build_pyramid(real_, opt):
    adjust_scales(real_.shape[2], real_.shape[3], opt)
    real = imresize(real_, opt.scale1)
    opt.scale_factor = math.pow(opt.min_size / min(real.shape[2], real.shape[3]), 1 / opt.stop_scale)
    reals = []
    for i in range(0, opt.stop_scale + 1):
        reals.append(imresize(real, math.pow(opt.scale_factor, opt.stop_scale - i)))
    return reals


# ----------------------------------------------------------------------------------------------
# Models (models.py)
# ----------------------------------------------------------------------------------------------


class ConvBlock(nn.Sequential):
    def __init__(self, in_channel, out_channel, ker_size, padd, stride):
        super().__init__()
        self.add_module("conv", nn.Conv2d(in_channel, out_channel, kernel_size=ker_size, stride=stride, padding=padd))
        self.add_module("norm", nn.BatchNorm2d(out_channel))
        self.add_module("LeakyRelu", nn.LeakyReLU(0.2, inplace=True))


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv2d") != -1:
        m.weight.data.normal_(0.0, 0.02)
    elif classname.find("Norm") != -1:
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)


def _body(nfc, min_nfc, opt):
    body = nn.Sequential()
    N = nfc
    for i in range(opt.num_layer - 2):
        N = int(nfc / pow(2, (i + 1)))
        body.add_module("block%d" % (i + 1),
                        ConvBlock(max(2 * N, min_nfc), max(N, min_nfc), opt.ker_size, opt.padd_size, 1))
    return body, max(N, min_nfc)


class WDiscriminator(nn.Module):
    def __init__(self, nfc, min_nfc, opt):
        super().__init__()
        self.head = ConvBlock(opt.nc_im, nfc, opt.ker_size, opt.padd_size, 1)
        self.body, last = _body(nfc, min_nfc, opt)
        self.tail = nn.Conv2d(last, 1, kernel_size=opt.ker_size, stride=1, padding=opt.padd_size)

    def forward(self, x):
        return self.tail(self.body(self.head(x)))


class GeneratorConcatSkip2CleanAdd(nn.Module):
    def __init__(self, nfc, min_nfc, opt):
        super().__init__()
        self.head = ConvBlock(opt.nc_im, nfc, opt.ker_size, opt.padd_size, 1)
        self.body, last = _body(nfc, min_nfc, opt)
        self.tail = nn.Sequential(
            nn.Conv2d(last, opt.nc_im, kernel_size=opt.ker_size, stride=1, padding=opt.padd_size), nn.Tanh())

    def forward(self, x, y):
        x = self.tail(self.body(self.head(x)))
        ind = int((y.shape[2] - x.shape[2]) / 2)
        y = y[:, :, ind:(y.shape[2] - ind), ind:(y.shape[3] - ind)]
        return x + y


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


def is_disturbed(rec):
    """An iteration is disturbed when other processes used more than 10% of the machine's CPU meanwhile."""
    o = rec.get("others_cpu")
    return o is not None and o > max(0.03, 0.10 * rec["wall"] * (os.cpu_count() or 1))


# --handoff-every N: stop (SIGSTOP) at the start of every scale and after every N iterations, so that
# Benchmarks/interleave.py can alternate this process with ours; time spent stopped is never timed.
HANDOFF_EVERY = [0]


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
        n_rec = epoch - n_warmup
        if n_rec >= n_timed:
            clean = sum(1 for r in records if not r["disturbed"])
            if clean >= n_timed or n_rec >= n_timed + max_extra:
                break
        if HANDOFF_EVERY[0] > 0 and epoch % HANDOFF_EVERY[0] == 0:
            os.kill(os.getpid(), signal.SIGSTOP)  # take turns with the other benchmark (interleave.py)
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


# ----------------------------------------------------------------------------------------------
# Helpers, fixture check, main
# ----------------------------------------------------------------------------------------------


def maxrss_mib():
    """Peak resident set size of this process in MiB.

    Linux: VmHWM from /proc/self/status, the high-water mark of this process's own address space.
    getrusage(RUSAGE_SELF).ru_maxrss is not used there because Linux carries it over fork+exec: a
    child started by a 1.4 GiB trainer would report at least 1.4 GiB. Elsewhere: ru_maxrss.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024.0 * 1024.0) if sys.platform == "darwin" else r / 1024.0


_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine_busy_sec():
    """CPU seconds spent busy by the whole machine (all processes), from /proc/stat; None if unavailable.

    Used to flag iterations disturbed by other processes: busy time that is not ours means the
    2 cores were shared while we were timing (e.g. someone compiling).
    """
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        # user nice system idle iowait irq softirq steal ...
        return (v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)) / _CLK_TCK
    except (OSError, ValueError, IndexError):
        return None


def ru_maxrss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


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
    HANDOFF_EVERY[0] = args.handoff_every
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
    opt.max_size, opt.min_size = args.max_size, args.min_size
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
