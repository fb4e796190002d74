#!/usr/bin/env python3
"""PyTorch CPU reference timings for SinGAN's dominant kernel: a 3x3 convolution, 64 -> 64 channels
with bias, stride 1, no padding ("valid", as every SinGAN conv), on a 1x64x177x260 float32 input.

Measures separately, each as the median over --runs timed calls after --warmup untimed calls:
  forward       y = conv2d(x, w, b)
  grad_input    dL/dx given dL/dy   (torch.nn.grad.conv2d_input  -> aten.convolution_backward, input only)
  grad_weight   dL/dw given dL/dy   (torch.nn.grad.conv2d_weight -> aten.convolution_backward, weight only)
  backward_all  dL/dx, dL/dw, dL/db together (aten.convolution_backward, all three; what autograd runs)
and a raw sgemm for reference: torch.mm of [M,K] x [K,N], M=64, K=576, N=40000 (the im2col shape of
this conv, rounded).

FLOPs per conv pass = 2 * Co * Ci * 9 * Ho * Wo (bias and the bias gradient are not counted);
sgemm FLOPs = 2 * M * K * N. GFLOPS = FLOPs / median seconds / 1e9.

Prints exactly one JSON line on stdout (everything else goes to stderr).
Usage: python3 Benchmarks/torch_conv.py [--runs 20] [--warmup 3] [--threads 2] [--padding 0]
"""
import argparse
import json
import platform
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def timed(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return ts


def summary(ts, flops):
    med = statistics.median(ts)
    return {
        "median_ms": round(med * 1e3, 3),
        "min_ms": round(min(ts) * 1e3, 3),
        "gflops": round(flops / med / 1e9, 2),
    }


def main():
    ap = argparse.ArgumentParser(description="PyTorch CPU 3x3 conv 64->64 timings (one JSON line on stdout)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per measurement (median reported)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed runs before timing")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--padding", type=int, default=0, help="conv padding (SinGAN uses 0)")
    ap.add_argument("--height", type=int, default=177)
    ap.add_argument("--width", type=int, default=260)
    ap.add_argument("--channels", type=int, default=64)
    ap.add_argument("--gemm-n", type=int, default=40000)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    C, H, W, k, pad = args.channels, args.height, args.width, 3, args.padding
    x = torch.randn(1, C, H, W)
    w = torch.randn(C, C, k, k) * 0.02
    b = torch.randn(C) * 0.02
    with torch.no_grad():
        y = F.conv2d(x, w, b, padding=pad)
    Ho, Wo = y.shape[2], y.shape[3]
    gy = torch.randn_like(y)
    flops = 2.0 * C * C * k * k * Ho * Wo

    results = {}
    with torch.no_grad():
        results["forward"] = summary(timed(lambda: F.conv2d(x, w, b, padding=pad), args.runs, args.warmup), flops)
        results["grad_input"] = summary(
            timed(lambda: torch.nn.grad.conv2d_input(x.shape, w, gy, padding=pad), args.runs, args.warmup), flops)
        results["grad_weight"] = summary(
            timed(lambda: torch.nn.grad.conv2d_weight(x, w.shape, gy, padding=pad), args.runs, args.warmup), flops)

        def bwd_all():
            return torch.ops.aten.convolution_backward(
                gy, x, w, [C], [1, 1], [pad, pad], [1, 1], False, [0, 0], 1, [True, True, True])
        results["backward_all"] = summary(timed(bwd_all, args.runs, args.warmup), 2 * flops)

        M, K, N = 64, 576, args.gemm_n
        a_m = torch.randn(M, K)
        b_m = torch.randn(K, N)
        gemm = summary(timed(lambda: torch.mm(a_m, b_m), args.runs, args.warmup), 2.0 * M * K * N)

    # sanity: the separate gradients agree with autograd
    xr = x.clone().requires_grad_(True)
    wr = w.clone().requires_grad_(True)
    F.conv2d(xr, wr, b, padding=pad).backward(gy)
    with torch.no_grad():
        gi = torch.nn.grad.conv2d_input(x.shape, w, gy, padding=pad)
        gw = torch.nn.grad.conv2d_weight(x, w.shape, gy, padding=pad)
    assert torch.allclose(gi, xr.grad, rtol=1e-4, atol=1e-4)
    assert torch.allclose(gw, wr.grad, rtol=1e-3, atol=1e-2)

    out = {
        "benchmark": "torch_conv",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "machine": platform.machine(),
        "mkldnn": bool(torch.backends.mkldnn.is_available()),
        "input": [1, C, H, W],
        "weight": [C, C, k, k],
        "padding": pad,
        "output": [1, C, Ho, Wo],
        "flops_per_pass": flops,
        "runs": args.runs,
        "warmup": args.warmup,
        "forward": results["forward"],
        "grad_input": results["grad_input"],
        "grad_weight": results["grad_weight"],
        "backward_all": results["backward_all"],
        "sgemm": dict(m=M, k=K, n=N, **gemm),
    }
    print(
        "conv %dx%dx%dx%d k3 pad %d: fwd %.2f ms (%.1f GFLOPS), dX %.2f ms (%.1f), dW %.2f ms (%.1f), "
        "bwd all %.2f ms; sgemm %.1f GFLOPS"
        % (1, C, H, W, pad, results["forward"]["median_ms"], results["forward"]["gflops"],
           results["grad_input"]["median_ms"], results["grad_input"]["gflops"],
           results["grad_weight"]["median_ms"], results["grad_weight"]["gflops"],
           results["backward_all"]["median_ms"], gemm["gflops"]),
        file=sys.stderr,
    )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
