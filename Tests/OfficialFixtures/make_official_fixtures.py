"""Makes Tests/OfficialFixtures: tiny models trained with the official SinGAN code (tamarott/SinGAN)
and every official application run on them with its noise recorded.

Usage (see README.md beside this file):
    python make_official_fixtures.py OFFICIAL_CODE_DIR WORK_DIR OUTPUT_DIR [--only quantized_paint]

`--only quantized_paint` remakes just the quantized paint-to-image fixture from the default model
already in OUTPUT_DIR (no training of the pyramid, nothing else in OUTPUT_DIR is touched).

OFFICIAL_CODE_DIR holds the official config.py and SinGAN/ package (rebuilt with only the documented
local edits); WORK_DIR is a scratch folder (TrainedModels/ and Output/ are written there); OUTPUT_DIR
receives the fixtures. Nothing from the official code is copied into OUTPUT_DIR except the values
it produced.

Every call of the official `functions.generate_noise` is recorded (the function is wrapped, not
changed). Each recorded map is stored as the generator receives it: grey draws expanded to three
channels and, except in the animation's noise padding, zero-padded by 5, so a replay can hand it
to the generation as it is.

Tensors go to `<name>.f32` (raw little-endian float32, concatenated) with `<name>.json` listing each
tensor's name, shape and offset (in floats).
"""
import json
import os
import shutil
import sys

import numpy as np
import torch

OFFICIAL, WORK, OUT = (os.path.abspath(p) for p in sys.argv[1:4])
ONLY = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--only" else None
sys.path.insert(0, OFFICIAL)
os.makedirs(WORK, exist_ok=True)
os.chdir(WORK)
torch.set_num_threads(2)

import SinGAN.functions as functions  # noqa: E402
import SinGAN.manipulate as manipulate  # noqa: E402
from config import get_arguments  # noqa: E402
from SinGAN.imresize import imresize, imresize_to_shape  # noqa: E402
from SinGAN.training import train, train_paint  # noqa: E402
from skimage import io as skio  # noqa: E402

# ---------------------------------------------------------------- noise recording
recorded = []
_official_generate_noise = functions.generate_noise


def recording_generate_noise(*args, **kwargs):
    z = _official_generate_noise(*args, **kwargs)
    recorded.append(z.detach().clone())
    return z


functions.generate_noise = recording_generate_noise


def take_noise(padded=True):
    """The maps drawn since the last call, as the generator receives them."""
    maps = []
    for z in recorded:
        z = z.expand(1, 3, z.shape[2], z.shape[3])
        if padded:
            z = torch.nn.functional.pad(z, (5, 5, 5, 5))
        maps.append(z.contiguous())
    recorded.clear()
    return maps


class TensorFile:
    def __init__(self, name):
        self.name, self.entries, self.chunks, self.offset, self.notes = name, [], [], 0, {}

    def add(self, key, t):
        a = np.ascontiguousarray(np.asarray(t.detach().cpu() if torch.is_tensor(t) else t, dtype="<f4"))
        self.entries.append({"name": key, "shape": list(a.shape), "offset": self.offset})
        self.chunks.append(a.tobytes())
        self.offset += a.size

    def save(self):
        with open(os.path.join(OUT, self.name + ".f32"), "wb") as f:
            f.write(b"".join(self.chunks))
        with open(os.path.join(OUT, self.name + ".json"), "w") as f:
            json.dump({"tensors": self.entries, "notes": self.notes}, f, indent=1)


# ---------------------------------------------------------------- inputs
def synthetic_image(h, w, seed):
    """A smooth colour field with a few discs: structure at every scale, deterministic."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.stack([0.5 + 0.4 * np.sin(x / 7 + c) * np.cos(y / 9 - c) for c in range(3)], axis=-1)
    for _ in range(6):
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(3, 9)
        img[(y - cy) ** 2 + (x - cx) ** 2 < r * r] = rng.uniform(0, 1, 3)
    return (np.clip(img, 0, 1) * 255).round().astype(np.uint8)


def save_png(path, array):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    skio.imsave(path, array, check_contrast=False)
    shutil.copy(path, os.path.join(OUT, "inputs", os.path.basename(path)))


def options(args):
    parser = get_arguments()
    parser.add_argument('--input_dir', default='Input/Images')
    parser.add_argument('--input_name', required=True)
    parser.add_argument('--mode', default='train')
    parser.add_argument('--ref_dir', default='Input/Ref')
    parser.add_argument('--ref_name', default='')
    parser.add_argument('--gen_start_scale', type=int, default=0)
    parser.add_argument('--scale_h', type=float, default=1.5)
    parser.add_argument('--scale_v', type=float, default=1)
    parser.add_argument('--sr_factor', type=float, default=4)
    parser.add_argument('--paint_start_scale', type=int, default=2)
    parser.add_argument('--quantization_flag', type=bool, default=False)
    return functions.post_config(parser.parse_args(args))


TINY = ['--not_cuda', '--nfc', '8', '--min_nfc', '8', '--niter', '8', '--manualSeed', '7']


def copy_model(trained_dir, dest, legacy=False):
    os.makedirs(dest, exist_ok=True)
    for name in ("Gs", "Zs", "NoiseAmp", "reals"):
        src = os.path.join(trained_dir, name + ".pth")
        if legacy:
            torch.save(torch.load(src, weights_only=False), os.path.join(dest, name + ".pth"),
                       _use_new_zipfile_serialization=False)
        else:
            shutil.copy(src, dest)


def load(mode, extra=()):
    o = options(TINY + ['--input_name', 'tiny.png', '--mode', mode] + list(extra))
    r = functions.read_image(o)
    r = functions.adjust_scales2image(r, o)
    return (o, r) + tuple(functions.load_trained_pyramid(o))


def injected(o, ref, reals):
    """The injection of paint2image.py / editing.py / harmonization.py."""
    N, n = len(reals) - 1, o.start
    in_s = imresize(ref, pow(o.scale_factor, (N - n + 1)), o)
    in_s = in_s[:, :, :reals[n - 1].shape[2], :reals[n - 1].shape[3]]
    in_s = imresize(in_s, 1 / o.scale_factor, o)
    return in_s[:, :, :reals[n].shape[2], :reals[n].shape[3]]


TINY_MODEL = 'TrainedModels/tiny/scale_factor=0.750000,alpha=10'


def labels_of(rows, centers):
    """The centre index of each row of `quant2centers`' output (it is `centers[labels]`)."""
    c = torch.from_numpy(centers).float()
    labels = torch.cdist(rows.float(), c).argmin(dim=1)
    assert torch.equal(c[labels], rows.float()), "quant2centers painted a value that is not a centre"
    return labels.float()
PAINT_RETRAIN_ITERATIONS = 4
RETRAIN_SEEDS = [7, 1, 2, 3, 4]


def quantized_paint():
    """paint2image.py --quantization_flag, paint_start_scale 2, on inputs/paint.png.

    The official script calls `functions.quant(real_s)` without the `device` argument `quant` takes
    (a TypeError); it is called here with `opt.device`, the one change. Recorded: the k-means centres
    of the training image at scale n (`quant`, random_state 0), the clipart painted with them
    (`quant2centers`, stored as each value's centre label: the clipart is `centres[labels]`) and the
    injection at scale n; the fixed point Lloyd reaches from those centres when run until nothing moves;
    scikit-learn's inertia for random_state 0–9 (how good its local optima are);
    then `train_paint` retrains scale n for a few iterations and the retrained noise amplitude and the
    output's per-channel mean and standard deviation are noted, for five torch seeds (only statistics:
    the retrained weights depend on torch's random stream, so the output itself is not kept).

    The official functions cluster `tensor.reshape(-1, 3)` of an NCHW tensor: runs of three values of
    one channel, not colours. `pixels/*` are the same functions fed NHWC tensors, so that
    `reshape(-1, 3)` yields colours, as the code evidently intends.
    """
    o, real, Gs, Zs, reals, NoiseAmp = load('paint2image', ['--ref_name', 'paint.png', '--paint_start_scale', '2',
                                                            '--niter', str(PAINT_RETRAIN_ITERATIONS)])
    recorded.clear()
    ref = functions.read_image_dir('%s/%s' % (o.ref_dir, o.ref_name), o)
    N, n = len(reals) - 1, o.paint_start_scale
    f = TensorFile("paint2image_quantized")
    # paint2image.py, quantization branch, step by step
    o.mode = 'paint_train'
    real_s = imresize(real, pow(o.scale_factor, (N - n)), o)
    real_s = real_s[:, :, :reals[n].shape[2], :reals[n].shape[3]]
    real_quant, centers = functions.quant(real_s, o.device)  # official: functions.quant(real_s)
    clipart = functions.quant2centers(ref, centers)
    in_s = imresize(clipart, pow(o.scale_factor, (N - n)), o)
    in_s = in_s[:, :, :reals[n].shape[2], :reals[n].shape[3]]
    f.add("centres", torch.from_numpy(centers))
    f.add("clipart_labels", labels_of(clipart.reshape(-1, 3), centers))
    f.add("injected", in_s)
    # The same functions on colours (NHWC in, NCHW out).
    nhwc = lambda t: t.permute(0, 2, 3, 1).contiguous()  # noqa: E731
    nchw = lambda t: t.permute(0, 3, 1, 2).contiguous()  # noqa: E731
    _, pixel_centers = functions.quant(nhwc(real_s), o.device)
    pixel_clipart = nchw(functions.quant2centers(nhwc(ref), pixel_centers))
    pixel_in_s = imresize(pixel_clipart, pow(o.scale_factor, (N - n)), o)
    f.add("pixels/centres", torch.from_numpy(pixel_centers))
    f.add("pixels/clipart_labels", labels_of(nhwc(pixel_clipart).reshape(-1, 3), pixel_centers))
    f.add("pixels/injected", pixel_in_s[:, :, :reals[n].shape[2], :reals[n].shape[3]])
    # k-means finds a local optimum that depends on its initialisation: scikit-learn's own spread.
    from sklearn.cluster import KMeans
    spread = {name: [float(KMeans(n_clusters=5, random_state=seed).fit(rows).inertia_) for seed in range(10)]
              for name, rows in (("rows", real_s.reshape(-1, 3)), ("colours", nhwc(real_s).reshape(-1, 3)))}
    # scikit-learn stops Lloyd once the centres' squared shift is below 1e-4 x the data's variance; the
    # same Lloyd run from the official centres until nothing moves (tol=0) gives the exact fixed point.
    for name, rows, c in (("converged_centres", real_s.reshape(-1, 3), centers),
                          ("pixels/converged_centres", nhwc(real_s).reshape(-1, 3), pixel_centers)):
        f.add(name, KMeans(n_clusters=5, init=c.astype(np.float32), n_init=1, tol=0).fit(rows).cluster_centers_)
    # train_paint (scale n from fresh weights on quantized previous images), then the generation; for
    # the model's seed and four others, to know how much the statistics vary with torch's random stream.
    amplitudes, means, stds = [], [], []
    for seed in RETRAIN_SEEDS:
        o, real, Gs, Zs, reals, NoiseAmp = load('paint2image', ['--ref_name', 'paint.png', '--paint_start_scale', '2',
                                                                '--niter', str(PAINT_RETRAIN_ITERATIONS),
                                                                '--manualSeed', str(seed)])
        o.mode = 'paint_train'
        train_paint(o, Gs, Zs, reals, NoiseAmp, centers, n)
        o.mode = 'paint2image'
        out = manipulate.SinGAN_generate(Gs[n:], Zs[n:], reals, NoiseAmp[n:], o, in_s, n=n, num_samples=1)
        amplitudes.append(float(NoiseAmp[n]))
        means.append([float(out[0, c].mean()) for c in range(3)])
        stds.append([float(out[0, c].std()) for c in range(3)])
    recorded.clear()
    f.notes.update(start_scale=n, input="inputs/paint.png", retrain_iterations=PAINT_RETRAIN_ITERATIONS,
                   retrain_seeds=RETRAIN_SEEDS, retrained_noise_amp=amplitudes, output_mean=means, output_std=stds,
                   inertia_random_states=spread,
                   clipart_labels="clipart = centres[labels], labels in reshape(-1, 3) order",
                   official_fix="functions.quant(real_s, opt.device) where paint2image.py passes one argument")
    f.save()


if ONLY == "quantized_paint":
    for d in ("TrainedModels", "Output", "Input"):
        shutil.rmtree(d, ignore_errors=True)
    copy_model(os.path.join(OUT, "models/zip/tiny/scale_factor=0.750000,alpha=10"), TINY_MODEL)
    for name, sub in (("tiny.png", "Images"), ("paint.png", "Ref")):
        os.makedirs("Input/" + sub, exist_ok=True)
        shutil.copy(os.path.join(OUT, "inputs", name), "Input/%s/%s" % (sub, name))
    quantized_paint()
    print("fixture paint2image_quantized written to", OUT)
    sys.exit(0)
elif ONLY is not None:
    sys.exit("unknown step %r (known: quantized_paint)" % ONLY)

for d in ("TrainedModels", "Output", "Input"):
    shutil.rmtree(d, ignore_errors=True)
if os.path.isdir(OUT):
    for entry in os.listdir(OUT):
        if entry not in ("README.md", "make_official_fixtures.py"):
            p = os.path.join(OUT, entry)
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)

# ---------------------------------------------------------------- default model (main_train.py)
save_png("Input/Images/tiny.png", synthetic_image(50, 66, 1))
opt = options(TINY + ['--input_name', 'tiny.png'])
Gs, Zs, reals, NoiseAmp = [], [], [], []
real = functions.read_image(opt)
functions.adjust_scales2image(real, opt)
train(opt, Gs, Zs, reals, NoiseAmp)
recorded.clear()
trained = TINY_MODEL
copy_model(trained, os.path.join(OUT, "models/zip/tiny/scale_factor=0.750000,alpha=10"))
copy_model(trained, os.path.join(OUT, "models/legacy/tiny/scale_factor=0.750000,alpha=10"), legacy=True)
# An interrupted training: only the first two scales' files, as the official code saves after each scale.
partial = os.path.join(OUT, "models/partial/tiny/scale_factor=0.750000,alpha=10")
os.makedirs(partial, exist_ok=True)
for name, value in (("Gs", Gs[:2]), ("Zs", Zs[:2]), ("NoiseAmp", NoiseAmp[:2]), ("reals", reals)):
    torch.save(value, os.path.join(partial, name + ".pth"))


# random_samples.py, --mode random_samples, gen_start_scale 0 and 2
for start in (0, 2):
    o, _, Gs, Zs, reals, NoiseAmp = load('random_samples', ['--gen_start_scale', str(start)])
    out = manipulate.SinGAN_generate(Gs, Zs, reals, NoiseAmp, o, gen_start_scale=start, num_samples=1)
    f = TensorFile("sample_start%d" % start)
    for k, z in enumerate(take_noise()):
        f.add("noise/%d" % k, z)
    f.add("output", out)
    f.notes["gen_start_scale"] = start
    f.save()

# random_samples.py, --mode random_samples_arbitrary_sizes, scale_h 1.5
o, _, Gs, Zs, reals, NoiseAmp = load('random_samples_arbitrary_sizes', ['--scale_h', '1.5', '--scale_v', '1'])
in_s = functions.generate_in2coarsest(reals, o.scale_v, o.scale_h, o)
out = manipulate.SinGAN_generate(Gs, Zs, reals, NoiseAmp, o, in_s, scale_v=o.scale_v, scale_h=o.scale_h, num_samples=1)
f = TensorFile("sample_wide")
for k, z in enumerate(take_noise()):
    f.add("noise/%d" % k, z)
f.add("output", out)
f.notes.update(scale_v=1.0, scale_h=1.5)
f.save()


# paint2image.py without quantization, paint_start_scale 2
paint = synthetic_image(50, 66, 5)
paint = (paint // 128) * 255  # flat colours, as a painting
save_png("Input/Ref/paint.png", paint.astype(np.uint8))
o, real, Gs, Zs, reals, NoiseAmp = load('paint2image', ['--ref_name', 'paint.png', '--paint_start_scale', '2'])
o.start = 2
ref = functions.read_image_dir('%s/%s' % (o.ref_dir, o.ref_name), o)
in_s = injected(o, ref, reals)
out = manipulate.SinGAN_generate(Gs[2:], Zs[2:], reals, NoiseAmp[2:], o, in_s, n=2, num_samples=1)
f = TensorFile("paint2image")
for k, z in enumerate(take_noise()):
    f.add("noise/%d" % (k + 2), z)
f.add("injected", in_s)
f.add("output", out)
f.notes.update(start_scale=2, input="inputs/paint.png")
# The quantized variant (--quantization_flag) calls functions.quant(real_s) with one argument where the
# function takes two; record what the official code does.
try:
    functions.quant(real)
    f.notes["quantized"] = "ran"
except TypeError as error:
    f.notes["quantized"] = "official code fails: %s" % error
f.save()
quantized_paint()

# editing.py and harmonization.py, start scale 2
edited = synthetic_image(50, 66, 1).copy()
edited[15:32, 20:44] = synthetic_image(50, 66, 9)[0:17, 0:24]
mask = np.zeros((50, 66, 3), np.uint8)
mask[15:32, 20:44] = 255
for mode, name in (("editing", "edit"), ("harmonization", "harmonize")):
    save_png("Input/Ref/%s.png" % name, edited)
    save_png("Input/Ref/%s_mask.png" % name, mask)
    o, real, Gs, Zs, reals, NoiseAmp = load(mode, ['--ref_name', name + '.png'])
    o.start = 2
    ref = functions.read_image_dir('%s/%s' % (o.ref_dir, o.ref_name), o)
    m = functions.read_image_dir('%s/%s_mask%s' % (o.ref_dir, o.ref_name[:-4], o.ref_name[-4:]), o)
    m = functions.dilate_mask(m, o)
    in_s = injected(o, ref, reals)
    out = manipulate.SinGAN_generate(Gs[2:], Zs[2:], reals, NoiseAmp[2:], o, in_s, n=2, num_samples=1)
    blended = (1 - m) * real + m * out
    f = TensorFile(name)
    for k, z in enumerate(take_noise()):
        f.add("noise/%d" % (k + 2), z)
    f.add("mask", m)
    f.add("injected", in_s)
    f.add("output", out)
    f.add("blended", blended)
    f.notes.update(start_scale=2, input="inputs/%s.png" % name, mask="inputs/%s_mask.png" % name)
    f.save()

# SR.py, --sr_factor 4: trains with alpha 100 and the SR geometry, then 6 passes of the finest generator
save_png("Input/Images/small.png", synthetic_image(24, 32, 3))
o = options(TINY + ['--input_name', 'small.png', '--mode', 'SR', '--sr_factor', '4'])
mode = o.mode
in_scale, iter_num = functions.calc_init_scale(o)
o.scale_factor = o.scale_factor_init = 1 / in_scale
o.mode = 'train'
Gs, Zs, reals, NoiseAmp = [], [], [], []
real = functions.read_image(o)
functions.adjust_scales2image_SR(real, o)
train(o, Gs, Zs, reals, NoiseAmp)
recorded.clear()
o.mode = mode
copy_model('TrainedModels/small/scale_factor=0.793701,alpha=100',
           os.path.join(OUT, "models/zip/small/scale_factor=0.793701,alpha=100"))
Zs_sr, reals_sr, NoiseAmp_sr, Gs_sr = [], [], [], []
real_ = reals[-1]
o.scale_factor = o.scale_factor_init = 1 / in_scale  # SR.py resets the step after training
for j in range(1, iter_num + 1):
    real_ = imresize(real_, pow(1 / o.scale_factor, 1), o)
    reals_sr.append(real_)
    Gs_sr.append(Gs[-1])
    NoiseAmp_sr.append(NoiseAmp[-1])
    Zs_sr.append(torch.nn.ZeroPad2d(5)(torch.full(real_.shape, 0, device=o.device)))
out = manipulate.SinGAN_generate(Gs_sr, Zs_sr, reals_sr, NoiseAmp_sr, o, in_s=reals_sr[0], num_samples=1)
out = out[:, :, 0:int(o.sr_factor * reals[-1].shape[2]), 0:int(o.sr_factor * reals[-1].shape[3])]
f = TensorFile("super_resolution")
for k, z in enumerate(take_noise()):
    f.add("noise/pass%d" % k, z)
f.add("output", out)
f.notes.update(factor=4, passes=iter_num)
f.save()

# animation.py: trains with noise padding (min size 20), then generate_gif(alpha 0.1, beta 0.9, start 0)
save_png("Input/Images/anim.png", synthetic_image(30, 40, 4))
o = options(TINY + ['--input_name', 'anim.png', '--mode', 'animation'])
o.min_size = 20
o.mode = 'animation_train'
Gs, Zs, reals, NoiseAmp = [], [], [], []
real = functions.read_image(o)
functions.adjust_scales2image(real, o)
train(o, Gs, Zs, reals, NoiseAmp)
recorded.clear()
o.mode = 'animation'
copy_model('TrainedModels/anim/scale_factor=0.750000_noise_padding',
           os.path.join(OUT, "models/zip/anim/scale_factor=0.750000_noise_padding"))
frames = []
manipulate.imageio.mimsave = lambda path, images, fps: frames.extend(images)
manipulate.generate_gif(Gs, Zs, reals, NoiseAmp, o, alpha=0.1, beta=0.9, start_scale=0)
maps = take_noise(padded=False)
KEPT = 10
f = TensorFile("animation")
per_scale = len(maps) // len(Gs)
for k in range(len(Gs)):
    for i in range(KEPT + 1):  # the walk's start and one step per kept frame
        f.add("noise/%d/%d" % (k, i), maps[k * per_scale + i])
for i in range(KEPT):
    f.add("frame/%d" % i, frames[i].astype(np.float32))
f.notes.update(alpha=0.1, beta=0.9, start_scale=0, frames=KEPT, frame_layout="HWC uint8 levels")
f.save()
# train_single_scale on the coarsest scale of the default model's pyramid, 3 iterations, from recorded
# initial weights, with every noise map and every gradient-penalty mixing factor recorded.
from SinGAN.training import init_models, train_single_scale  # noqa: E402

o = options(TINY + ['--input_name', 'tiny.png', '--niter', '3'])
real = functions.read_image(o)
functions.adjust_scales2image(real, o)
reals = functions.creat_reals_pyramid(imresize(real, o.scale1, o), [], o)
o.nfc = o.min_nfc = 8
o.out_, o.outf = 'TrainedModels/train_parity', 'TrainedModels/train_parity/0'
os.makedirs(o.outf, exist_ok=True)
netD, netG = init_models(o)
f = TensorFile("train_scale0")
for prefix, net in (("initial/G/", netG), ("initial/D/", netD)):
    for key, value in net.state_dict().items():
        if value.dtype.is_floating_point:
            f.add(prefix + key, value)
mixing = []
_official_rand = torch.rand
torch.rand = lambda *a, **k: mixing.append(_official_rand(*a, **k)) or mixing[-1]
recorded.clear()
z_opt, _, netG = train_single_scale(netD, netG, reals, [], [], 0, [], o)
torch.rand = _official_rand
maps = take_noise()
for i, z in enumerate(maps[1:]):  # maps[0] is fixed_noise, drawn before the loop and never used
    f.add("noise/%d" % i, z)
for i, a in enumerate(mixing):
    f.add("mixing/%d" % i, a.reshape(()))
f.add("real", reals[0])
for prefix, net in (("final/G/", netG), ("final/D/", netD)):
    for key, value in net.state_dict().items():
        if value.dtype.is_floating_point:
            f.add(prefix + key, value)
f.add("z_opt", z_opt)
f.notes.update(iterations=3, scale=0, noise_amp=float(o.noise_amp))
f.save()
print("fixtures written to", OUT)
