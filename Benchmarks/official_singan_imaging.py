"""The official SinGAN's image handling, rebuilt for the benchmarks (tamarott/SinGAN functions.py and
imresize.py): reading the training image, the [-1, 1] conversions, Shocher's MATLAB-compatible resizer
as SinGAN uses it (an independent NumPy implementation of the same algorithm with the same operations,
so the same cost) and the pyramid (adjust_scales2image + creat_reals_pyramid). See torch_singan.py.
"""
import math
import struct
import sys
import time
import zlib

import numpy as np
import torch


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
