"""The world zoo's architectures: small 32x32-input backbones of four families, each in two sizes.

Every backbone maps a (N, 3, 32, 32) normalised image batch to an (N, D) penultimate feature vector;
pre-training puts a linear classification head on top (`Classifier`), and the head is dropped on export.

- resnet:    CIFAR-style ResNet (3x3 stem, BasicBlocks with identity / 1x1 projection shortcuts, 3 stages)
- mobilenet: MobileNetV2-style inverted residuals (1x1 expand, 3x3 depthwise, 1x1 linear projection)
- vgg:       plain 3x3 conv + BN + ReLU stacks with max pooling, then a fully connected feature layer
- vit:       Vision Transformer (8x8 patches: a 4x4 token grid, learned position embeddings, class token,
             pre-norm blocks; 4x4 patches learned several times slower in the few hundred steps of pre-training)

`ARCHS` is the one registry: name -> (family, size, constructor).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, k=3, stride=1, groups=1, act=True):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if act:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv_bn(cin, cout, 3, stride)
        self.conv2 = conv_bn(cout, cout, 3, 1, act=False)
        self.shortcut = (nn.Identity() if stride == 1 and cin == cout
                         else conv_bn(cin, cout, 1, stride, act=False))

    def forward(self, x):
        return F.relu(self.conv2(self.conv1(x)) + self.shortcut(x))


class ResNet(nn.Module):
    def __init__(self, widths, blocks):
        super().__init__()
        layers = [conv_bn(3, widths[0], 3, 2)]  # 32x32 -> 16x16: stages run at 16, 8, 4
        cin = widths[0]
        for i, (w, n) in enumerate(zip(widths, blocks)):
            for j in range(n):
                layers.append(BasicBlock(cin, w, 2 if j == 0 and i > 0 else 1))
                cin = w
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.feature_dim = cin

    def forward(self, x):
        return torch.flatten(self.pool(self.features(x)), 1)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        self.use_res = stride == 1 and cin == cout
        self.block = nn.Sequential(
            conv_bn(cin, hidden, 1),
            conv_bn(hidden, hidden, 3, stride, groups=hidden),
            conv_bn(hidden, cout, 1, act=False))

    def forward(self, x):
        y = self.block(x)
        return x + y if self.use_res else y


class MobileNet(nn.Module):
    """stages: (channels, repeats, first stride) with expansion `expand`, then a 1x1 conv to `last`."""

    def __init__(self, stem, stages, expand, last):
        super().__init__()
        layers = [conv_bn(3, stem, 3, 2)]  # 32x32 -> 16x16
        cin = stem
        for c, n, s in stages:
            for j in range(n):
                layers.append(InvertedResidual(cin, c, s if j == 0 else 1, expand))
                cin = c
        layers.append(conv_bn(cin, last, 1))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.feature_dim = last

    def forward(self, x):
        return torch.flatten(self.pool(self.features(x)), 1)


class Vgg(nn.Module):
    """cfg: conv widths with 'M' for 2x2 max pooling; then global average pooling and an FC+ReLU feature layer."""

    def __init__(self, cfg, fc):
        super().__init__()
        layers, cin = [], 3
        for v in cfg:
            if v == "M":
                layers.append(nn.MaxPool2d(2))
            else:
                layers.append(conv_bn(cin, v, 3, 1))
                cin = v
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(cin, fc), nn.ReLU(inplace=True))
        self.feature_dim = fc

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.features(x)), 1))


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)) * self.scale
        attn = attn.softmax(dim=-1)
        y = (attn @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(y)


class TransformerBlock(nn.Module):
    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * mlp_ratio), nn.GELU(), nn.Linear(dim * mlp_ratio, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Vit(nn.Module):
    def __init__(self, dim, depth, heads, patch=4, mlp_ratio=2, size=32):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        tokens = (size // patch) ** 2
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.randn(1, tokens + 1, dim) * 0.02)
        self.blocks = nn.Sequential(*[TransformerBlock(dim, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.feature_dim = dim
        nn.init.trunc_normal_(self.cls_token, std=0.02)  # Linear layers keep PyTorch's default init: with a
        # few hundred steps of pre-training it learns faster than ViT's usual trunc_normal(0.02)

    def forward(self, x):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        return self.norm(self.blocks(x))[:, 0]


class Classifier(nn.Module):
    """A backbone with a linear head, for pre-training; `backbone` alone is what gets exported."""

    def __init__(self, backbone, classes):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(backbone.feature_dim, classes)

    def forward(self, x):
        return self.head(self.backbone(x))


ARCHS = {
    "resnet-s": ("resnet", "s", lambda: ResNet([16, 32, 64], [1, 1, 1])),
    "resnet-m": ("resnet", "m", lambda: ResNet([24, 48, 96], [1, 2, 1])),
    "mobilenet-s": ("mobilenet", "s", lambda: MobileNet(16, [(16, 1, 1), (24, 1, 2), (48, 2, 2)], 3, 128)),
    "mobilenet-m": ("mobilenet", "m", lambda: MobileNet(16, [(16, 1, 1), (32, 2, 2), (64, 2, 2), (96, 1, 1)], 4, 256)),
    "vgg-s": ("vgg", "s", lambda: Vgg([16, "M", 32, "M", 64, "M"], 128)),
    "vgg-m": ("vgg", "m", lambda: Vgg([24, "M", 48, "M", 96, 96, "M"], 256)),
    "vit-s": ("vit", "s", lambda: Vit(dim=48, depth=3, heads=3, patch=8)),
    "vit-m": ("vit", "m", lambda: Vit(dim=96, depth=4, heads=4, patch=8)),
}


def build(arch):
    family, size, make = ARCHS[arch]
    return make()


def count_macs(model, size=32):
    """Multiply-accumulates per image: every Conv2d and Linear (forward hooks, as src/models/export_torchvision.py
    counts them) plus the two attention matrix products (q k^T and attn v) of every Attention module."""
    macs = [0]

    def conv_hook(mod, inp, out):
        kh, kw = mod.kernel_size
        macs[0] += out.numel() * (mod.in_channels // mod.groups) * kh * kw

    def linear_hook(mod, inp, out):
        macs[0] += out.numel() * mod.in_features

    def attention_hook(mod, inp, out):
        b, n, d = inp[0].shape
        macs[0] += 2 * b * n * n * d

    hooks = []
    for mod in model.modules():
        if isinstance(mod, nn.Conv2d):
            hooks.append(mod.register_forward_hook(conv_hook))
        elif isinstance(mod, nn.Linear):
            hooks.append(mod.register_forward_hook(linear_hook))
        elif isinstance(mod, Attention):
            hooks.append(mod.register_forward_hook(attention_hook))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(torch.zeros(1, 3, size, size))
    model.train(was_training)
    for h in hooks:
        h.remove()
    return macs[0], out


def params(model):
    return sum(p.numel() for p in model.parameters())
