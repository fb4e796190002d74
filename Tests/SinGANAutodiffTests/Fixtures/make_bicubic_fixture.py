#!/usr/bin/env python3
"""Golden fixture for the bicubic, align-corners resize and its gradient, computed by PyTorch.

Writes bicubic_golden.json next to this script. Run:  python3 make_bicubic_fixture.py [--check]
(--check also runs torch.autograd.gradcheck / gradgradcheck of the resize in float64 for every
case; it does not change the JSON.)

The operation is ConSinGAN's `upsample` (models.py):
    F.interpolate(x, size=(H, W), mode='bicubic', align_corners=True)
in float32 on the CPU. For each case the fixture stores
    input           x, [N, C, h, w], float32 draws of torch.randn (generator seed 2026 + case number)
    output_size     [H, W]
    output          F.interpolate(x, ...)                               [N, C, H, W]
    upstream        a fixed random gradient g for the output, float32     [N, C, H, W]
    input_gradient  d(sum(output * g))/dx, i.e. torch.autograd.grad(output, x, g)   [N, C, h, w]
Tensors are {"shape": [...], "values": [...]} flattened row-major, each float32 value written as the
shortest decimal that reads back to the same float32 (numpy's str), one array per line.
"""
import argparse
import json
import os
import re

import numpy as np

import torch
import torch.nn.functional as F

torch.set_num_threads(1)

# (input shape, output size, what the case covers)
CASES = [
    ((1, 2, 5, 7), (9, 12), "upsampling on both axes, unequal factors"),
    ((1, 3, 4, 4), (6, 6), "ConSinGAN's +2 pixels at the first stage"),
    ((1, 1, 3, 5), (3, 5), "same size (identity)"),
    ((1, 2, 1, 1), (4, 6), "one pixel to many"),
    ((1, 2, 6, 9), (4, 5), "shrinking (no antialiasing)"),
    ((1, 1, 4, 3), (1, 5), "output height 1 (source coordinate 0)"),
    ((2, 3, 9, 11), (17, 21), "batch of two, generator-like growth"),
]


def t2j(t):
    t = t.detach().to(torch.float32)
    values = t.reshape(-1).numpy()
    return {"shape": list(t.shape), "values": [float(str(v)) for v in values]}


def resize(x, size):
    return F.interpolate(x, size=size, mode="bicubic", align_corners=True)


def compute():
    cases = []
    for number, (shape, size, note) in enumerate(CASES):
        generator = torch.Generator().manual_seed(2026 + number)
        x = torch.randn(shape, generator=generator, dtype=torch.float32).requires_grad_(True)
        y = resize(x, size)
        g = torch.randn(y.shape, generator=generator, dtype=torch.float32)
        (dx,) = torch.autograd.grad(y, x, g)
        cases.append({
            "note": note,
            "input": t2j(x),
            "output_size": list(size),
            "output": t2j(y),
            "upstream": t2j(g),
            "input_gradient": t2j(dx),
        })
    return {
        "operation": "F.interpolate(x, size=output_size, mode='bicubic', align_corners=True), float32, CPU",
        "generator": "Tests/SinGANAutodiffTests/Fixtures/make_bicubic_fixture.py (torch %s)" % torch.__version__,
        "cases": cases,
    }


def check():
    for shape, size, note in CASES:
        x = torch.randn(shape, dtype=torch.float64, requires_grad=True)
        assert torch.autograd.gradcheck(lambda t: resize(t, size), (x,)), note
        assert torch.autograd.gradgradcheck(lambda t: resize(t, size) ** 2, (x,)), note
    print("gradcheck/gradgradcheck OK for %d cases" % len(CASES))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "bicubic_golden.json"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        check()
    fixture = compute()
    text = json.dumps(fixture, indent=1)
    # One line per number array instead of one line per number.
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    with open(args.out, "w") as f:
        f.write(text + "\n")
    print("wrote %s (%d bytes, %d cases)" % (args.out, os.path.getsize(args.out), len(fixture["cases"])))


if __name__ == "__main__":
    main()
