"""The official SinGAN's networks, rebuilt for the benchmarks (tamarott/SinGAN models.py): ConvBlock,
weights_init, WDiscriminator and GeneratorConcatSkip2CleanAdd. See torch_singan.py.
"""

import torch.nn as nn


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
