"""Makes Tests/ConSinGANFixtures: values computed by the official ConSinGAN code (tohinz/ConSinGAN,
Hinz et al., WACV 2021) in its unconditional-generation mode, for the Swift side to replay.

Usage (see README.md beside this file):
    python make_consingan_fixtures.py CONSINGAN_DIR WORK_DIR OUTPUT_DIR [--batch-norm]

CONSINGAN_DIR holds the official `ConSinGAN/` package as Benchmarks/fetch_consingan.sh copies it (with only
its documented import edits); WORK_DIR is a scratch folder (the official train() writes TrainedModels/ there);
OUTPUT_DIR receives the fixtures. Nothing of the official code is copied into OUTPUT_DIR, only values it
produced.

Fixtures:
  stages            pyramid shapes, scale1 and scale_factor from functions.adjust_scales2image +
                    create_reals_pyramid for several image sizes (shapes only, no tensors)
  generator_forward a 3-stage GrowingGenerator (nfc 8) on the tiny image's pyramid: weights, noise,
                    noise_amp and output, at the trained size and at an arbitrary size
  train_stage{0,1,2} the official training_generation.train() on the tiny image (3 stages, 3 iterations
                    each): initial and final G/D weights per stage, every noise map and gradient-penalty
                    mixing factor the training drew, fixed_noise and noise_amp
With --batch-norm: generator_forward_bn and train_bn_stage{0,1,2}, the same with the official --batch_norm
(BatchNorm in every generator block); stages is not rewritten.

Patches, all by replacing module attributes from the outside (no official line is changed here):
  functions.save_image            -> no-op (PNG output of train() and generate_samples())
  training_generation.tqdm        -> a silent iterator (progress bar only)
  training_generation.SummaryWriter -> records the scalars train_single_scale logs (losses), else no-op
  functions.sample_random_noise, functions.calc_gradient_penalty (its torch.rand), training_generation.
  train_single_scale / generate_samples / optim.Adam -> wrapped: they call the official function and
  record what it drew, received or returned.

Tensors go to `<name>.f32` (raw little-endian float32, concatenated) with `<name>.json` listing each
tensor's name, shape and offset (in floats), plus plain numbers under "notes".
"""
import json
import os
import shutil
import sys
import types

import numpy as np
import torch

CONSINGAN, WORK, OUT = (os.path.abspath(p) for p in sys.argv[1:4])
BATCH_NORM = sys.argv[4:] == ["--batch-norm"]
SUFFIX, TRAIN_PREFIX = ("_bn", "train_bn_stage") if BATCH_NORM else ("", "train_stage")
sys.path.insert(0, CONSINGAN)
os.makedirs(WORK, exist_ok=True)
os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
os.chdir(WORK)
torch.set_num_threads(1)  # one thread: bit-for-bit the same output on every run

import ConSinGAN.functions as functions  # noqa: E402
import ConSinGAN.models as models  # noqa: E402
import ConSinGAN.training_generation as training_generation  # noqa: E402
from ConSinGAN.config import get_arguments  # noqa: E402
from skimage import io as skio  # noqa: E402

functions.save_image = lambda *args, **kwargs: None


class TensorFile:
    """Collects named float32 tensors and plain numbers; writes <name>.f32 and <name>.json."""

    def __init__(self, name):
        self.name, self.entries, self.chunks, self.offset, self.notes = name, [], [], 0, {}

    def add(self, key, t):
        a = np.ascontiguousarray(np.asarray(t.detach().cpu() if torch.is_tensor(t) else t, dtype="<f4"))
        assert all(e["name"] != key for e in self.entries), key
        self.entries.append({"name": key, "shape": list(a.shape), "offset": self.offset})
        self.chunks.append(a.tobytes())
        self.offset += a.size

    def add_state(self, prefix, module):
        for key, value in module.state_dict().items():
            self.add(prefix + key, value)

    def save(self):
        with open(os.path.join(OUT, self.name + ".f32"), "wb") as f:
            f.write(b"".join(self.chunks))
        with open(os.path.join(OUT, self.name + ".json"), "w") as f:
            json.dump({"tensors": self.entries, "notes": self.notes}, f, indent=1)
            f.write("\n")


def options(args):
    """The official options: config.get_arguments() plus the arguments main_train.py adds (same defaults)."""
    parser = get_arguments()
    parser.add_argument('--input_name', required=True)
    parser.add_argument('--naive_img', default="")
    parser.add_argument('--gpu', type=int, default=0)
    parser.add_argument('--train_mode', default='generation')
    parser.add_argument('--lr_scale', type=float, default=0.1)
    parser.add_argument('--train_stages', type=int, default=6)
    parser.add_argument('--fine_tune', action='store_true', default=0)
    parser.add_argument('--model_dir', default="")
    return functions.post_config(parser.parse_args(['--not_cuda'] + args))


def synthetic_image(h, w, seed):
    """A smooth colour field with a few discs: structure at every scale, deterministic."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.stack([0.5 + 0.4 * np.sin(x / 5 + c) * np.cos(y / 6 - c) for c in range(3)], axis=-1)
    for _ in range(4):
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(2, 6)
        img[(y - cy) ** 2 + (x - cx) ** 2 < r * r] = rng.uniform(0, 1, 3)
    return (np.clip(img, 0, 1) * 255).round().astype(np.uint8)


def pyramid(opt, image):
    """functions.adjust_scales2image + create_reals_pyramid, as training_generation.train() calls them."""
    real = functions.np2torch(image, opt)[:, 0:3, :, :]  # = functions.read_image without the file
    real = functions.adjust_scales2image(real, opt)
    return functions.create_reals_pyramid(real, opt)


# ---------------------------------------------------------------- (a) stages
stages = TensorFile("stages")
if BATCH_NORM:
    stages.save = lambda: None  # the shapes do not depend on --batch_norm
cases = []
for (h, w), max_sizes in [((167, 250), [250]), ((188, 250), [250]), ((250, 188), [250]), ((427, 640), [250]),
                          ((64, 48), [250, 64]), ((40, 60), [250, 64]), ((33, 50), [250, 64]),
                          ((32, 32), [250, 64])]:
    for max_size in max_sizes:
        o = options(['--input_name', 'stages.png', '--max_size', str(max_size), '--manualSeed', '1'])
        reals = pyramid(o, np.full((h, w, 3), 128, dtype=np.uint8))
        cases.append({"input_hw": [h, w], "max_size": max_size, "min_size": o.min_size,
                      "train_stages": o.train_stages, "stop_scale": o.stop_scale, "scale1": o.scale1,
                      "scale_factor": o.scale_factor, "reals_hw": [list(r.shape[2:]) for r in reals]})
        print("stages %dx%d max %d -> %s" % (h, w, max_size, cases[-1]["reals_hw"]))
stages.notes.update(train_mode="generation", cases=cases)
stages.save()

# ---------------------------------------------------------------- the tiny image (b, c)
TINY = ['--input_name', os.path.join(OUT, 'inputs', 'tiny.png'), '--nfc', '8', '--min_size', '13',
        '--train_stages', '3', '--niter', '3'] + (['--batch_norm'] if BATCH_NORM else [])
tiny_path = os.path.join(OUT, "inputs", "tiny.png")
skio.imsave(tiny_path, synthetic_image(26, 34, seed=3), check_contrast=False)

# ---------------------------------------------------------------- (b) generator_forward
o = options(TINY + ['--manualSeed', '11'])
reals = functions.create_reals_pyramid(functions.adjust_scales2image(functions.read_image(o), o), o)
shapes = [r.shape for r in reals]
netG = training_generation.init_G(o)  # GrowingGenerator + weights_init
netG.init_next_stage()
netG.init_next_stage()
netG.apply(models.weights_init)  # again: give the three body stages different weights (see README)
noise_amp = [1, 0.6, 0.3]
fwd = TensorFile("generator_forward" + SUFFIX)
fwd.add_state("G/", netG)
for i, r in enumerate(reals):
    fwd.add("real/%d" % i, r)
with torch.no_grad():
    noise = functions.sample_random_noise(2, shapes, o)
    for i, z in enumerate(noise):
        fwd.add("noise/%d" % i, z)
    fwd.add("output", netG(noise, shapes, noise_amp))
    # arbitrary size as evaluate_model.generate_samples: every stage's shape scaled and truncated by int()
    scale_h, scale_w = 1.5, 2.0
    wide = [[s[0], s[1], int(s[2] * scale_h), int(s[3] * scale_w)] for s in shapes]
    noise = functions.sample_random_noise(2, wide, o)
    for i, z in enumerate(noise):
        fwd.add("wide/noise/%d" % i, z)
    fwd.add("wide/output", netG(noise, wide, noise_amp))
fwd.notes.update(nfc=o.nfc, num_layer=o.num_layer, lrelu_alpha=o.lrelu_alpha, train_mode=o.train_mode,
                 batch_norm=bool(o.batch_norm),
                 stages=3, seed=o.manualSeed, noise_amp=noise_amp, reals_shapes=[list(s) for s in shapes],
                 real_strides=[list(r.stride()) for r in reals],
                 scale_h=scale_h, scale_w=scale_w, wide_shapes=wide, scale_factor=o.scale_factor)
fwd.save()
print("generator_forward: output %s, wide %s" % (tuple(shapes[-1]), tuple(wide[-1])))

# ---------------------------------------------------------------- (c) train_stage{0,1,2}: recording wrappers
log = {"stage": None, "monitor_draws": 0, "in_monitor": False}
iteration_noise, mixing, scalars, groups = [], [], [], []

_official_sample_random_noise = functions.sample_random_noise


def recording_sample_random_noise(depth, reals_shapes, opt):
    noise = _official_sample_random_noise(depth, reals_shapes, opt)
    if log["in_monitor"]:
        log["monitor_draws"] += 1  # generate_samples' 25 draws: RNG use only, no effect on training
    else:
        iteration_noise.append([z.clone() for z in noise])
    return noise


_official_gradient_penalty = functions.calc_gradient_penalty


def recording_gradient_penalty(*args, **kwargs):
    official_rand = torch.rand

    def rand(*a, **k):
        r = official_rand(*a, **k)
        mixing.append(r.clone())
        return r
    torch.rand = rand
    try:
        return _official_gradient_penalty(*args, **kwargs)
    finally:
        torch.rand = official_rand


_official_generate_samples = training_generation.generate_samples


def monitored_generate_samples(*args, **kwargs):
    log["in_monitor"] = True
    try:
        return _official_generate_samples(*args, **kwargs)
    finally:
        log["in_monitor"] = False


class RecordingWriter:
    """Stands in for tensorboard's SummaryWriter: keeps add_scalar values, ignores the rest."""

    def __init__(self, *args, **kwargs):
        pass

    def add_scalar(self, tag, value, step):
        scalars.append({"stage": log["stage"], "tag": tag, "value": float(value), "step": int(step)})

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class SilentRange:
    """Stands in for tqdm: iterates, prints nothing."""

    def __init__(self, iterable):
        self.iterable = iterable

    def __iter__(self):
        return iter(self.iterable)

    def set_description(self, *args, **kwargs):
        pass


class RecordingAdam(torch.optim.Adam):
    """torch.optim.Adam that notes its parameter groups (learning rate, parameter names)."""
    names = {}

    def __init__(self, params, **kwargs):
        super().__init__(params, **kwargs)
        groups.append([{"lr": g["lr"], "params": [self.names[id(p)] for p in g["params"]]}
                       for g in self.param_groups])


_official_train_single_scale = training_generation.train_single_scale
stage_files = []


def recording_train_single_scale(netD, netG, reals, fixed_noise, noise_amp, opt, depth, writer):
    log["stage"], log["monitor_draws"] = depth, 0
    iteration_noise.clear()
    mixing.clear()
    groups.clear()
    RecordingAdam.names = {id(p): prefix + n for prefix, net in (("G/", netG), ("D/", netD))
                           for n, p in net.named_parameters()}
    f = TensorFile(TRAIN_PREFIX + "%d" % depth)
    for i, r in enumerate(reals):
        f.add("real/%d" % i, r)
    f.add_state("initial/G/", netG)
    f.add_state("initial/D/", netD)
    out = _official_train_single_scale(netD, netG, reals, fixed_noise, noise_amp, opt, depth, writer)
    fixed_noise, noise_amp, netG, netD = out
    for i, z in enumerate(fixed_noise):
        f.add("fixed_noise/%d" % i, z)
    n_steps = opt.Dsteps
    assert len(iteration_noise) == opt.niter and len(mixing) == opt.niter * n_steps
    for it in range(opt.niter):
        for d, z in enumerate(iteration_noise[it]):
            f.add("iter%d/noise/%d" % (it, d), z)
        f.add("iter%d/gp_alpha" % it, torch.cat([m.reshape(1) for m in mixing[it * n_steps:(it + 1) * n_steps]]))
    f.add_state("final/G/", netG)
    f.add_state("final/D/", netD)
    f.notes.update(
        stage=depth, iterations=opt.niter, batch_norm=bool(opt.batch_norm), seed=opt.manualSeed, nfc=opt.nfc, num_layer=opt.num_layer,
        lrelu_alpha=opt.lrelu_alpha, train_depth=opt.train_depth, lr_scale=opt.lr_scale, lr_g=opt.lr_g,
        lr_d=opt.lr_d, beta1=opt.beta1, Dsteps=opt.Dsteps, Gsteps=opt.Gsteps, lambda_grad=opt.lambda_grad,
        alpha=opt.alpha, noise_amp_init=opt.noise_amp_init, scale_factor=opt.scale_factor,
        reals_shapes=[list(r.shape) for r in reals], real_strides=[list(r.stride()) for r in reals],
        noise_amp=[float(a) for a in noise_amp],
        optimizer_D_groups=groups[0], optimizer_G_groups=groups[1],
        logged_scalars=[s for s in scalars if s["stage"] == depth],
        generate_samples_draws=log["monitor_draws"])
    f.save()
    stage_files.append(f.name)
    print(TRAIN_PREFIX + "%d: noise_amp %s, %d monitoring draws" % (depth, f.notes["noise_amp"], log["monitor_draws"]))
    return out


functions.sample_random_noise = recording_sample_random_noise
functions.calc_gradient_penalty = recording_gradient_penalty
training_generation.generate_samples = monitored_generate_samples
training_generation.train_single_scale = recording_train_single_scale
training_generation.SummaryWriter = RecordingWriter
training_generation.tqdm = SilentRange
training_generation.optim = types.SimpleNamespace(Adam=RecordingAdam)

o = options(TINY + ['--manualSeed', '7'])
training_generation.train(o)  # the official outer loop: stages 0, 1, 2 (D reloaded from netD.pth)
shutil.rmtree(os.path.join(WORK, "TrainedModels"), ignore_errors=True)
print("fixtures written to", OUT, ":", ", ".join(([] if BATCH_NORM else ["stages"]) + ["generator_forward" + SUFFIX] + stage_files))
