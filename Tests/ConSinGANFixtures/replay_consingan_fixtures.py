"""Replays Tests/ConSinGANFixtures from the stored values alone, as the Swift side has to.

Usage:
    python replay_consingan_fixtures.py CONSINGAN_DIR FIXTURE_DIR [--contiguous]

Only the official network classes (models.GrowingGenerator, models.Discriminator) are imported from
CONSINGAN_DIR; the training loop below is written out independently of training_generation.py, draws
nothing at random, and takes every noise map and gradient-penalty mixing factor from the fixtures in the
order README.md documents. It checks that:
  * generator_forward: the stored weights and noise give the stored outputs (trained and arbitrary size);
  * train_stage{0,1,2}: the initial weights, fixed_noise, noise_amp and per-iteration draws give the final
    weights of G and D.
With the reals laid out in memory as the official code lays them out (notes.real_strides) the replay is
exact; `--contiguous` replays with plain NCHW reals instead and prints how far Adam amplifies the
different float rounding of the convolutions (a few 1e-3 on D biases whose gradient is nearly 0).
Exits 1 if an error is above 1e-6 (1e-2 with --contiguous).
"""
import json
import sys
import types

import numpy as np
import torch
import torch.nn as nn

CONSINGAN, FIXTURES = sys.argv[1:3]
CONTIGUOUS = "--contiguous" in sys.argv[3:]
sys.path.insert(0, CONSINGAN)
torch.set_num_threads(1)
import ConSinGAN.models as models  # noqa: E402


def load(name):
    """{tensor name: tensor}, notes of <name>.json/.f32."""
    with open("%s/%s.json" % (FIXTURES, name)) as f:
        meta = json.load(f)
    flat = np.fromfile("%s/%s.f32" % (FIXTURES, name), dtype="<f4")
    tensors = {t["name"]: torch.from_numpy(flat[t["offset"]:t["offset"] + int(np.prod(t["shape"]))]
                                           .reshape(t["shape"]).copy()) for t in meta["tensors"]}
    return tensors, meta["notes"]


def prefixed(tensors, prefix):
    return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}


def laid_out(t, stride):
    """`t` with the official memory layout (the official reals are strided views of NumPy arrays)."""
    return t.contiguous() if CONTIGUOUS else torch.empty_strided(t.shape, stride).copy_(t)


def options(notes):
    return types.SimpleNamespace(nfc=notes["nfc"], ker_size=3, num_layer=notes["num_layer"], padd_size=0,
                                 nc_im=3, train_mode="generation", activation="lrelu",
                                 lrelu_alpha=notes["lrelu_alpha"], batch_norm=False)


def generator(opt, stages, state):
    netG = models.GrowingGenerator(opt)
    for _ in range(stages - 1):
        netG.init_next_stage()
    netG.load_state_dict(state)
    return netG


def max_error(a, b):
    return float((a - b).abs().max())


def replay_forward():
    t, notes = load("generator_forward")
    netG = generator(options(notes), notes["stages"], prefixed(t, "G/"))
    worst = 0.0
    with torch.no_grad():
        for prefix, shapes in (("", notes["reals_shapes"]), ("wide/", notes["wide_shapes"])):
            noise = [t["%snoise/%d" % (prefix, i)] for i in range(notes["stages"])]
            err = max_error(netG(noise, shapes, notes["noise_amp"]), t[prefix + "output"])
            print("generator_forward %-5s output %s: max abs error %.3g" % (prefix or "plain", shapes[-1], err))
            worst = max(worst, err)
    return worst


def gradient_penalty(netD, real, fake, mix, lambda_grad):
    """WGAN-GP as functions.calc_gradient_penalty: one mixing factor per call, gradient norm over channels."""
    interpolates = (mix * real + (1 - mix) * fake).detach().requires_grad_(True)
    out = netD(interpolates)
    grads = torch.autograd.grad(out, interpolates, torch.ones_like(out), create_graph=True)[0]
    return ((grads.norm(2, dim=1) - 1) ** 2).mean() * lambda_grad


def replay_stage(stage):
    t, n = load("train_stage%d" % stage)
    opt = options(n)
    netG = generator(opt, stage + 1, prefixed(t, "initial/G/"))
    netD = models.Discriminator(opt)
    netD.load_state_dict(prefixed(t, "initial/D/"))
    reals = [laid_out(t["real/%d" % i], s) for i, s in enumerate(n["real_strides"])]
    shapes, real, amp = [r.shape for r in reals], reals[stage], n["noise_amp"]
    fixed = [reals[0]] + [t["fixed_noise/%d" % i] for i in range(1, stage + 1)]  # fixed_noise/0 is reals[0]
    # optimizers: D one group; G the last train_depth body stages (lr scaled down towards older stages),
    # the head while depth < train_depth (lr_g * lr_scale^depth), the tail (lr_g)
    optD = torch.optim.Adam(netD.parameters(), lr=n["lr_d"], betas=(n["beta1"], 0.999))
    trained = netG.body[-n["train_depth"]:]
    groups = [{"params": b.parameters(), "lr": n["lr_g"] * n["lr_scale"] ** (len(trained) - 1 - i)}
              for i, b in enumerate(trained)]
    if stage < n["train_depth"]:
        groups.append({"params": netG.head.parameters(), "lr": n["lr_g"] * n["lr_scale"] ** stage})
    groups.append({"params": netG.tail.parameters(), "lr": n["lr_g"]})
    optG = torch.optim.Adam(groups, lr=n["lr_g"], betas=(n["beta1"], 0.999))
    for it in range(n["iterations"]):
        noise = [t["iter%d/noise/%d" % (it, d)] for d in range(stage + 1)]
        mixes = t["iter%d/gp_alpha" % it]
        for j in range(n["Dsteps"]):
            netD.zero_grad()
            err_real = -netD(real).mean()
            with torch.set_grad_enabled(j == n["Dsteps"] - 1):  # only the last D step keeps G's graph
                fake = netG(noise, shapes, amp)
            err_fake = netD(fake.detach()).mean()
            gp = gradient_penalty(netD, real, fake, mixes[j], n["lambda_grad"])
            (err_real + err_fake + gp).backward()
            optD.step()
        err_g = -netD(fake).mean()  # the last D step's fake, through the updated D
        rec = n["alpha"] * nn.MSELoss()(netG(fixed, shapes, amp), real)
        netG.zero_grad()
        (err_g + rec).backward()
        for _ in range(n["Gsteps"]):  # the same gradients, Gsteps Adam steps
            optG.step()
    worst, where = 0.0, ""
    for prefix, net in (("final/G/", netG), ("final/D/", netD)):
        for key, value in net.state_dict().items():
            err = max_error(value, t[prefix + key])
            if err > worst:
                worst, where = err, prefix + key
    print("train_stage%d: final weights max abs error %.3g%s" % (stage, worst, " (%s)" % where if worst else ""))
    return worst


errors = [replay_forward()] + [replay_stage(s) for s in range(3)]
tolerance = 1e-2 if CONTIGUOUS else 1e-6
print("replay %s (tolerance %g, reals %s)" % ("ok" if max(errors) <= tolerance else "FAILED", tolerance,
                                                "contiguous" if CONTIGUOUS else "in the official layout"))
sys.exit(0 if max(errors) <= tolerance else 1)
