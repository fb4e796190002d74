#!/usr/bin/env python3
"""Golden fixture for second-order autodiff: the SinGAN WGAN-GP gradient penalty
on a tiny discriminator, computed by PyTorch in float64.

Writes gp_golden.json next to this script. Run:  python3 make_gp_fixture.py [--check]
(--check also runs torch.autograd.gradcheck / gradgradcheck and a finite-difference
check of d(gp)/d(params); it does not change the JSON.)

Everything is defined by closed forms, so a test can rebuild the inputs and
parameters without torch. All indices are 0-based; "element i" is the row-major
(C order) flat index inside one tensor; sin/cos take radians; all arithmetic is
float64.

Discriminator D (one sample, N = 1):
    conv1: Conv2d(3 -> 4, kernel 3x3, stride 1, padding 0 ("valid"), bias)
    bn:    BatchNorm2d(4), train mode: per-channel batch mean and *biased* batch
           variance over (N, H, W), y = (x - mean) / sqrt(var + 1e-5) * weight + bias
    act:   LeakyReLU(negative_slope 0.2)
    conv2: Conv2d(4 -> 1, kernel 3x3, stride 1, padding 0, bias)
    Input [1,3,9,10] -> conv1 [1,4,7,8] -> conv2 output [1,1,5,6].
    Conv2d is cross-correlation (PyTorch convention), weight layout [out, in, kh, kw].

Parameters, in this order (p is the parameter number):
    p=0 conv1.weight [4,3,3,3]   w[i] = 0.1 * sin(0.37*i + 1.3*p + 0.5)
    p=1 conv1.bias   [4]         w[i] = 0.1 * sin(0.37*i + 1.3*p + 0.5)
    p=2 bn.weight    [4]         w[i] = 1 + 0.05 * sin(0.37*i + 1.3*p + 0.5)
    p=3 bn.bias      [4]         w[i] = 0.05 * cos(0.37*i + 1.3*p + 0.5)
    p=4 conv2.weight [1,4,3,3]   w[i] = 0.1 * sin(0.37*i + 1.3*p + 0.5)
    p=5 conv2.bias   [1]         w[i] = 0.1 * sin(0.37*i + 1.3*p + 0.5)

Inputs (shape [1,3,9,10], element i row-major over (n, c, h, w)):
    real[i] = 0.8 * sin(0.61*i + 0.2)
    fake[i] = 0.6 * cos(0.43*i + 1.1) + 0.2 * sin(2.9*i)
    a = 0.3
    x_hat = a*real + (1-a)*fake        (x_hat is the leaf we differentiate against)

Quantities (all D forwards in train mode, each forward uses its own batch stats):
    d_real_out     = D(real)                                  [1,1,5,6]
    d_x_hat_out    = D(x_hat)                                 [1,1,5,6]
    gradient_x_hat = dD(x_hat)/dx_hat with grad_outputs = ones, i.e. the
                     gradient of sum(D(x_hat)), create_graph=True (exactly
                     autograd.grad(outputs=D(x_hat), inputs=x_hat,
                     grad_outputs=ones) of the official calc_gradient_penalty)  [1,3,9,10]
    grad_norm      = gradient_x_hat.norm(2, dim=1): per pixel, over the 3
                     channels                                 [1,9,10]
    gp             = 0.1 * mean((grad_norm - 1)^2)            scalar (mean over 90 pixels)
    gp_grad_wrt_params = d(gp)/d(param) for each parameter (second order: goes
                     through gradient_x_hat, through the BN batch statistics);
                     conv2.bias does not affect gradient_x_hat, so its entry is exactly 0
    gp_grad_wrt_x_hat  = d(gp)/d(x_hat)                       [1,3,9,10]
    d_fake_out     = D(fake)                                  [1,1,5,6]
    wgan_d_loss    = -mean(D(real)) + mean(D(fake)) + gp      scalar
    wgan_d_loss_grad_wrt_params = d(wgan_d_loss)/d(param), each D forward (real,
                     fake, x_hat) in train mode separately, as the official D step.
    bn_running_after_forwards: BatchNorm2d running stats (momentum 0.1, running
                     var uses the *unbiased* batch variance, n = 7*8 = 56 per
                     channel) starting from mean 0 / var 1, after the three train-mode
                     forwards in the order D(real), D(fake), D(x_hat). Only for
                     checking running-stat bookkeeping; the losses do not use them.
    min_abs_preactivation: smallest |BN output| (the LeakyReLU input) over the
                     three forwards, to show no value sits on the kink.

JSON: every tensor is {"shape": [...], "values": [...]} with values flattened row-major,
float64 written with Python repr (round-trips exactly). Scalars are plain numbers.
"""
import argparse
import json
import math
import os

import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
torch.set_num_threads(2)

A_MIX = 0.3
LAMBDA = 0.1
SHAPE = (1, 3, 9, 10)
PARAM_ORDER = ["conv1.weight", "conv1.bias", "bn.weight", "bn.bias", "conv2.weight", "conv2.bias"]

RECIPE = (
    "All float64, 0-based, element i = row-major flat index within a tensor, radians. "
    "D = Conv2d(3->4,k3,stride1,pad0,bias) -> BatchNorm2d(4) train mode (batch mean, biased batch var "
    "over N,H,W, eps 1e-5, affine) -> LeakyReLU(0.2) -> Conv2d(4->1,k3,stride1,pad0,bias); "
    "conv = cross-correlation, weight [out,in,kh,kw]. "
    "Parameter p in order p=0 conv1.weight[4,3,3,3], p=1 conv1.bias[4], p=2 bn.weight[4], p=3 bn.bias[4], "
    "p=4 conv2.weight[1,4,3,3], p=5 conv2.bias[1]. "
    "conv params (p=0,1,4,5): 0.1*sin(0.37*i + 1.3*p + 0.5); bn.weight (p=2): 1 + 0.05*sin(0.37*i + 1.3*p + 0.5); "
    "bn.bias (p=3): 0.05*cos(0.37*i + 1.3*p + 0.5). "
    "Inputs [1,3,9,10]: real[i] = 0.8*sin(0.61*i + 0.2); fake[i] = 0.6*cos(0.43*i + 1.1) + 0.2*sin(2.9*i); "
    "a = 0.3; x_hat = a*real + (1-a)*fake. "
    "gradient_x_hat = d(sum D(x_hat))/d(x_hat) (create_graph); grad_norm = L2 norm over channels (dim 1) per pixel; "
    "gp = 0.1*mean((grad_norm-1)^2); gp_grad_wrt_params = d gp/d param (second order; exactly 0 for conv2.bias). "
    "wgan_d_loss = -mean(D(real)) + mean(D(fake)) + gp, every D forward in train mode with its own batch stats; "
    "wgan_d_loss_grad_wrt_params = d loss/d param. "
    "bn_running_after_forwards: running stats from mean 0/var 1, momentum 0.1, unbiased var, after D(real), D(fake), D(x_hat). "
    "Tensors are {shape, values(row-major)}."
)


def closed_form(numel, fn):
    return torch.tensor([fn(i) for i in range(numel)], dtype=torch.float64)


def param_values(p, shape):
    n = math.prod(shape)
    if p == 2:
        f = lambda i: 1.0 + 0.05 * math.sin(0.37 * i + 1.3 * p + 0.5)
    elif p == 3:
        f = lambda i: 0.05 * math.cos(0.37 * i + 1.3 * p + 0.5)
    else:
        f = lambda i: 0.1 * math.sin(0.37 * i + 1.3 * p + 0.5)
    return closed_form(n, f).reshape(shape)


def make_real():
    return closed_form(math.prod(SHAPE), lambda i: 0.8 * math.sin(0.61 * i + 0.2)).reshape(SHAPE)


def make_fake():
    return closed_form(
        math.prod(SHAPE), lambda i: 0.6 * math.cos(0.43 * i + 1.1) + 0.2 * math.sin(2.9 * i)
    ).reshape(SHAPE)


class TinyD(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, kernel_size=3, stride=1, padding=0, bias=True)
        self.bn = nn.BatchNorm2d(4, eps=1e-5, momentum=0.1, affine=True)
        self.act = nn.LeakyReLU(0.2)
        self.conv2 = nn.Conv2d(4, 1, kernel_size=3, stride=1, padding=0, bias=True)
        self.preacts = []  # BN outputs, recorded for min_abs_preactivation

    def forward(self, x):
        y = self.bn(self.conv1(x))
        self.preacts.append(y.detach().clone())
        return self.conv2(self.act(y))


def build_d():
    d = TinyD()
    params = dict(d.named_parameters())
    assert list(params) == PARAM_ORDER, list(params)
    with torch.no_grad():
        for p, name in enumerate(PARAM_ORDER):
            params[name].copy_(param_values(p, tuple(params[name].shape)))
    d.train()
    return d


def t2j(t):
    t = t.detach()
    return {"shape": list(t.shape), "values": [float(v) for v in t.reshape(-1).tolist()]}


def gradient_penalty_parts(d, x_hat):
    """Official calc_gradient_penalty with a fixed mixing scalar."""
    out = d(x_hat)
    grads = torch.autograd.grad(
        outputs=out, inputs=x_hat, grad_outputs=torch.ones_like(out),
        create_graph=True, retain_graph=True, only_inputs=True,
    )[0]
    norm = grads.norm(2, dim=1)
    gp = ((norm - 1) ** 2).mean() * LAMBDA
    return out, grads, norm, gp


def compute():
    real = make_real()
    fake = make_fake()

    # --- gradient penalty alone (fresh D, one train-mode forward) ---
    d = build_d()
    x_hat = (A_MIX * real + (1 - A_MIX) * fake).detach().requires_grad_(True)
    d_x_hat_out, grad_x_hat, grad_norm, gp = gradient_penalty_parts(d, x_hat)
    params = [dict(d.named_parameters())[n] for n in PARAM_ORDER]
    # conv2.bias does not reach gradient_x_hat, so d gp/d conv2.bias is exactly 0 (materialised).
    gp_grads = torch.autograd.grad(gp, params + [x_hat], retain_graph=True, allow_unused=True,
                                   materialize_grads=True)
    gp_param_grads, gp_x_grad = gp_grads[:-1], gp_grads[-1]

    # --- full WGAN-GP D loss, as the official D step (fresh D, same values) ---
    d2 = build_d()
    out_real = d2(real)
    out_fake = d2(fake)
    x_hat2 = (A_MIX * real + (1 - A_MIX) * fake).detach().requires_grad_(True)
    _, _, _, gp2 = gradient_penalty_parts(d2, x_hat2)
    loss = -out_real.mean() + out_fake.mean() + gp2
    params2 = [dict(d2.named_parameters())[n] for n in PARAM_ORDER]
    loss_grads = torch.autograd.grad(loss, params2)
    assert torch.equal(gp, gp2)
    min_pre = min(float(p.abs().min()) for p in d2.preacts)

    fixture = {
        "recipe": RECIPE,
        "generator": "Tests/SinGANAutodiffTests/Fixtures/make_gp_fixture.py (torch %s, float64)" % torch.__version__,
        "parameter_order": PARAM_ORDER,
        "a": A_MIX,
        "lambda": LAMBDA,
        "bn_eps": 1e-5,
        "leaky_relu_slope": 0.2,
        "inputs": {"real": t2j(real), "fake": t2j(fake), "x_hat": t2j(x_hat)},
        "parameters": {n: t2j(p) for n, p in zip(PARAM_ORDER, params)},
        "d_real_out": t2j(out_real),
        "d_fake_out": t2j(out_fake),
        "d_x_hat_out": t2j(d_x_hat_out),
        "gradient_x_hat": t2j(grad_x_hat),
        "grad_norm": t2j(grad_norm),
        "gp": gp.item(),
        "gp_grad_wrt_params": {n: t2j(g) for n, g in zip(PARAM_ORDER, gp_param_grads)},
        "gp_grad_wrt_x_hat": t2j(gp_x_grad),
        "wgan_d_loss": {
            "mean_d_real": out_real.mean().item(),
            "mean_d_fake": out_fake.mean().item(),
            "gp": gp2.item(),
            "loss": loss.item(),
        },
        "wgan_d_loss_grad_wrt_params": {n: t2j(g) for n, g in zip(PARAM_ORDER, loss_grads)},
        "bn_running_after_forwards": {
            "order": ["D(real)", "D(fake)", "D(x_hat)"],
            "running_mean": t2j(d2.bn.running_mean),
            "running_var": t2j(d2.bn.running_var),
        },
        "min_abs_preactivation": min_pre,
    }
    return fixture


def check():
    """gradcheck/gradgradcheck of the D input path and a finite-difference check of d gp / d params."""
    real, fake = make_real(), make_fake()
    d = build_d()
    x = (A_MIX * real + (1 - A_MIX) * fake).detach().requires_grad_(True)
    assert torch.autograd.gradcheck(lambda t: d(t), (x,))
    assert torch.autograd.gradgradcheck(lambda t: d(t), (x,))

    def gp_of(param_list):
        dd = build_d()
        with torch.no_grad():
            for p, v in zip(dd.parameters(), param_list):
                p.copy_(v)
        xh = (A_MIX * real + (1 - A_MIX) * fake).detach().requires_grad_(True)
        return gradient_penalty_parts(dd, xh)[3]

    base = [p.detach().clone() for p in build_d().parameters()]
    fx = compute()
    worst = 0.0
    for k, name in enumerate(PARAM_ORDER):
        g = torch.tensor(fx["gp_grad_wrt_params"][name]["values"])
        for i in range(base[k].numel()):
            h = 1e-6
            plus = [b.clone() for b in base]
            minus = [b.clone() for b in base]
            plus[k].view(-1)[i] += h
            minus[k].view(-1)[i] -= h
            fd = (float(gp_of(plus)) - float(gp_of(minus))) / (2 * h)
            worst = max(worst, abs(fd - float(g[i])))
    print("gradcheck/gradgradcheck OK; max |finite diff - autograd| of d gp/d params = %.3g" % worst)
    assert worst < 1e-7


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "gp_golden.json"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        check()
    fixture = compute()
    with open(args.out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote %s (%d bytes); gp = %r, min |pre-activation| = %.4g"
          % (args.out, os.path.getsize(args.out), fixture["gp"], fixture["min_abs_preactivation"]))


if __name__ == "__main__":
    main()
