#!/usr/bin/python3
"""Trainable-parameter counts of the reference architectures, written in PyTorch.

Each network mirrors a model file under experiments/models/ (same layers, same sizes), so the
test libs/models/src/reference-models.spec.ts can check that ablate builds the same network.
Run with Debian's python3-torch (PyTorch 1.13, CPU):

    /usr/bin/python3 tools/reference/model_params.py > libs/models/fixtures/reference-params.json
"""
import json
import sys

import torch
from torch import nn
import torch.nn.functional as F


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


class FashionMnistCnn(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 12, 5)
        self.fc1 = nn.Linear(12 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 60)
        self.out = nn.Linear(60, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.out(F.relu(self.fc2(F.relu(self.fc1(x)))))


class HamidaEtAl(nn.Module):
    """DeepHyperX models.py, HamidaEtAl, patch_size=5, dilation=1."""

    def __init__(self, input_channels, n_classes, patch_size=5):
        super().__init__()
        self.input_channels, self.patch_size = input_channels, patch_size
        self.conv1 = nn.Conv3d(1, 20, (3, 3, 3), stride=(1, 1, 1), padding=0)
        self.pool1 = nn.Conv3d(20, 20, (3, 1, 1), stride=(2, 1, 1), padding=(1, 0, 0))
        self.conv2 = nn.Conv3d(20, 35, (3, 3, 3), stride=(1, 1, 1), padding=(1, 0, 0))
        self.pool2 = nn.Conv3d(35, 35, (3, 1, 1), stride=(2, 1, 1), padding=(1, 0, 0))
        self.conv3 = nn.Conv3d(35, 35, (3, 1, 1), stride=(1, 1, 1), padding=(1, 0, 0))
        self.conv4 = nn.Conv3d(35, 35, (2, 1, 1), stride=(2, 1, 1), padding=(1, 0, 0))
        with torch.no_grad():
            size = self.features(torch.zeros(1, 1, input_channels, patch_size, patch_size)).numel()
        self.fc = nn.Linear(size, n_classes)

    def features(self, x):
        x = self.pool1(F.relu(self.conv1(x)))
        x = self.pool2(F.relu(self.conv2(x)))
        return F.relu(self.conv4(F.relu(self.conv3(x))))

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


class HybridSN(nn.Module):
    def __init__(self, bands=30, patch=25, classes=16, bn=False):
        super().__init__()
        norm3 = (lambda c: nn.BatchNorm3d(c)) if bn else (lambda c: nn.Identity())
        self.conv1, self.bn1 = nn.Conv3d(1, 8, (7, 3, 3)), norm3(8)
        self.conv2, self.bn2 = nn.Conv3d(8, 16, (5, 3, 3)), norm3(16)
        self.conv3, self.bn3 = nn.Conv3d(16, 32, (3, 3, 3)), norm3(32)
        depth = bands - 6 - 4 - 2
        self.conv4 = nn.Conv2d(32 * depth, 64, 3)
        self.bn4 = nn.BatchNorm2d(64) if bn else nn.Identity()
        side = patch - 8
        self.fc1 = nn.Linear(64 * side * side, 256)
        self.fc2 = nn.Linear(256, 128)
        self.out = nn.Linear(128, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = F.relu(self.bn3(self.conv3(x)))
        x = x.flatten(1, 2)
        x = F.relu(self.bn4(self.conv4(x)))
        x = F.dropout(F.relu(self.fc1(torch.flatten(x, 1))), 0.4, self.training)
        x = F.dropout(F.relu(self.fc2(x)), 0.4, self.training)
        return self.out(x)


def bn(c):
    return nn.BatchNorm2d(c, momentum=0.1, eps=1e-5)


class MobileNetV1(nn.Module):
    """kuangliu/pytorch-cifar models/mobilenet.py."""

    cfg = [64, (128, 2), 128, (256, 2), 256, (512, 2), 512, 512, 512, 512, 512, (1024, 2), 1024]

    def __init__(self, classes=10):
        super().__init__()
        layers = [nn.Conv2d(3, 32, 3, 1, 1, bias=False), bn(32), nn.ReLU()]
        cin = 32
        for entry in self.cfg:
            cout, stride = (entry, 1) if isinstance(entry, int) else entry
            layers += [nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False), bn(cin), nn.ReLU(),
                       nn.Conv2d(cin, cout, 1, bias=False), bn(cout), nn.ReLU()]
            cin = cout
        self.features = nn.Sequential(*layers)
        self.linear = nn.Linear(1024, classes)

    def forward(self, x):
        return self.linear(torch.flatten(F.avg_pool2d(self.features(x), 2), 1))


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, expansion, stride):
        super().__init__()
        hidden = cin * expansion
        layers = [] if expansion == 1 else [nn.Conv2d(cin, hidden, 1, bias=False), bn(hidden), nn.ReLU6()]
        layers += [nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), bn(hidden), nn.ReLU6(),
                   nn.Conv2d(hidden, cout, 1, bias=False), bn(cout)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


class MobileNetV2(nn.Module):
    cfg = [(1, 16, 1, 1), (6, 24, 2, 1), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]

    def __init__(self, classes=10):
        super().__init__()
        layers = [nn.Conv2d(3, 32, 3, 1, 1, bias=False), bn(32), nn.ReLU6()]
        cin = 32
        for t, c, n, s in self.cfg:
            for i in range(n):
                layers.append(InvertedResidual(cin, c, t, s if i == 0 else 1))
                cin = c
        layers += [nn.Conv2d(320, 1280, 1, bias=False), bn(1280), nn.ReLU6()]
        self.features = nn.Sequential(*layers)
        self.linear = nn.Linear(1280, classes)

    def forward(self, x):
        return self.linear(self.features(x).mean((2, 3)))


class NotesMobileNetV1(nn.Module):
    """The notes' MobileNetV1 for CIFAR-10: 9 depthwise-separable blocks (the kuangliu-style code,
    with a shorter cfg than MobileNetV1 above), ReLU, average pooling of the final 2x2 map."""

    cfg = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (1024, 2), (1024, 1)]

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        blocks, cin = [], 32
        for cout, stride in self.cfg:
            blocks += [nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False), nn.BatchNorm2d(cin), nn.ReLU(),
                       nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
            cin = cout
        self.layers = nn.Sequential(*blocks)
        self.linear = nn.Linear(1024, classes)

    def forward(self, x):
        out = self.layers(F.relu(self.bn1(self.conv1(x))))
        out = F.avg_pool2d(out, 2)
        return self.linear(out.view(out.size(0), -1))


class NotesBlock(nn.Module):
    """The notes' MobileNetV2 block: the expansion conv is always there (also when t = 1), ReLU, and
    when the stride is 1 a shortcut, identity or a 1x1 conv + BN when the channels differ."""

    def __init__(self, cin, cout, expansion, stride):
        super().__init__()
        self.stride = stride
        planes = expansion * cin
        self.conv1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, groups=planes, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride == 1 and cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return out + self.shortcut(x) if self.stride == 1 else out


class NotesMobileNetV2(nn.Module):
    cfg = [(1, 16, 1, 1), (6, 24, 2, 1), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        blocks, cin = [], 32
        for t, c, n, s in self.cfg:
            for stride in [s] + [1] * (n - 1):
                blocks.append(NotesBlock(cin, c, t, stride))
                cin = c
        self.layers = nn.Sequential(*blocks)
        self.conv2 = nn.Conv2d(320, 1280, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(1280)
        self.linear = nn.Linear(1280, classes)

    def forward(self, x):
        out = self.layers(F.relu(self.bn1(self.conv1(x))))
        out = F.relu(self.bn2(self.conv2(out)))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.view(out.size(0), -1))


class SentenceCnn(nn.Module):
    def __init__(self, vocab=20000, dim=100, classes=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        self.convs = nn.ModuleList([nn.Conv1d(dim, 100, h) for h in (3, 4, 5)])
        self.out = nn.Linear(300, classes)

    def forward(self, tokens):
        x = self.embedding(tokens).transpose(1, 2)
        x = torch.cat([F.relu(c(x)).amax(2) for c in self.convs], 1)
        return self.out(F.dropout(x, 0.5, self.training))


class SqueezeExcite(nn.Module):
    def __init__(self, c, ratio=4):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(c, c // ratio), nn.Linear(c // ratio, c)

    def forward(self, x):
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(x.mean((2, 3))))))
        return x * s[:, :, None, None]


class SeCnn(nn.Module):
    def __init__(self, channels=3, classes=10, se=True):
        super().__init__()
        block = lambda cin, cout: [nn.Conv2d(cin, cout, 3, 1, 1, bias=False), bn(cout), nn.ReLU()]
        layers = block(channels, 32) + ([SqueezeExcite(32)] if se else []) + [nn.MaxPool2d(2)]
        layers += block(32, 64) + ([SqueezeExcite(64)] if se else []) + [nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.out = nn.Linear(64, classes)

    def forward(self, x):
        return self.out(self.features(x).mean((2, 3)))


class TransformerClassifier(nn.Module):
    def __init__(self, features=28, classes=10, dim=64):
        super().__init__()
        self.project = nn.Linear(features, dim)
        layer = nn.TransformerEncoderLayer(dim, 4, 128, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.out = nn.Linear(dim, classes)

    def forward(self, x):
        return self.out(self.encoder(self.project(x)).mean(1))


class DnCNN(nn.Module):
    """The notes' DnCNN (Zhang et al. 2017): conv+ReLU, depth-2 x (conv without bias, BN, ReLU), conv; x - noise."""

    def __init__(self, channels=1, depth=17, features=64, bn=True, residual=True):
        super().__init__()
        layers = [nn.Conv2d(channels, features, 3, padding=1, bias=True), nn.ReLU(inplace=True)]
        for _ in range(depth - 2):
            layers.append(nn.Conv2d(features, features, 3, padding=1, bias=False))
            if bn:
                layers.append(nn.BatchNorm2d(features, eps=0.0001, momentum=0.95))
            layers.append(nn.ReLU(inplace=True))
        layers.append(nn.Conv2d(features, channels, 3, padding=1, bias=False))
        self.dncnn = nn.Sequential(*layers)
        self.residual = residual

    def forward(self, x):
        noise = self.dncnn(x)
        return x - noise if self.residual else noise


# The notes' chapter 7-8 networks ("Dive into Deep Learning", PyTorch edition), as the book writes
# them for one-channel Fashion-MNIST (its LazyConv2d/LazyLinear given their input sizes here).


def lenet(classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, classes))


def lenet_bn(classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5), nn.BatchNorm2d(6), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), nn.BatchNorm2d(16), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(), nn.Linear(16 * 4 * 4, 120), nn.BatchNorm1d(120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.BatchNorm1d(84), nn.Sigmoid(), nn.Linear(84, classes))


def alexnet(classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 96, kernel_size=11, stride=4, padding=1), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(96, 256, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
        nn.Linear(6400, 4096), nn.ReLU(), nn.Dropout(p=0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(p=0.5),
        nn.Linear(4096, classes))


def vgg(arch, classes=10):
    layers, cin = [], 1
    for convs, cout in arch:
        for _ in range(convs):
            layers += [nn.Conv2d(cin, cout, kernel_size=3, padding=1), nn.ReLU()]
            cin = cout
        layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(cin * 7 * 7, 4096), nn.ReLU(), nn.Dropout(0.5),
                         nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, classes))


VGG11 = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))


def nin_block(cin, cout, kernel_size, strides, padding):
    return nn.Sequential(
        nn.Conv2d(cin, cout, kernel_size, strides, padding), nn.ReLU(),
        nn.Conv2d(cout, cout, kernel_size=1), nn.ReLU(), nn.Conv2d(cout, cout, kernel_size=1), nn.ReLU())


def nin(classes=10):
    return nn.Sequential(
        nin_block(1, 96, 11, 4, 0), nn.MaxPool2d(3, stride=2),
        nin_block(96, 256, 5, 1, 2), nn.MaxPool2d(3, stride=2),
        nin_block(256, 384, 3, 1, 1), nn.MaxPool2d(3, stride=2), nn.Dropout(0.5),
        nin_block(384, classes, 3, 1, 1), nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())


class Inception(nn.Module):
    def __init__(self, cin, c1, c2, c3, c4):
        super().__init__()
        self.b1_1 = nn.Conv2d(cin, c1, kernel_size=1)
        self.b2_1 = nn.Conv2d(cin, c2[0], kernel_size=1)
        self.b2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
        self.b3_1 = nn.Conv2d(cin, c3[0], kernel_size=1)
        self.b3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
        self.b4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.b4_2 = nn.Conv2d(cin, c4, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(F.relu(self.b2_1(x))))
        b3 = F.relu(self.b3_2(F.relu(self.b3_1(x))))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)


def googlenet(classes=10):
    b1 = nn.Sequential(nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b2 = nn.Sequential(nn.Conv2d(64, 64, kernel_size=1), nn.ReLU(), nn.Conv2d(64, 192, kernel_size=3, padding=1), nn.ReLU(),
                       nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b3 = nn.Sequential(Inception(192, 64, (96, 128), (16, 32), 32), Inception(256, 128, (128, 192), (32, 96), 64),
                       nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b4 = nn.Sequential(Inception(480, 192, (96, 208), (16, 48), 64), Inception(512, 160, (112, 224), (24, 64), 64),
                       Inception(512, 128, (128, 256), (24, 64), 64), Inception(512, 112, (144, 288), (32, 64), 64),
                       Inception(528, 256, (160, 320), (32, 128), 128), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b5 = nn.Sequential(Inception(832, 256, (160, 320), (32, 128), 128), Inception(832, 384, (192, 384), (48, 128), 128),
                       nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())
    return nn.Sequential(b1, b2, b3, b4, b5, nn.Linear(1024, classes))


class Residual(nn.Module):
    def __init__(self, cin, cout, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, kernel_size=3, padding=1, stride=strides)
        self.conv2 = nn.Conv2d(cout, cout, kernel_size=3, padding=1)
        self.conv3 = nn.Conv2d(cin, cout, kernel_size=1, stride=strides) if use_1x1conv else None
        self.bn1, self.bn2 = nn.BatchNorm2d(cout), nn.BatchNorm2d(cout)

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + (self.conv3(x) if self.conv3 else x))


def resnet18(classes=10):
    def stage(cin, cout, residuals, first_block=False):
        return [Residual(cin if i == 0 else cout, cout, use_1x1conv=True, strides=2) if i == 0 and not first_block else Residual(cout, cout) for i in range(residuals)]

    b1 = nn.Sequential(nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    return nn.Sequential(b1, *stage(64, 64, 2, first_block=True), *stage(64, 128, 2), *stage(128, 256, 2), *stage(256, 512, 2),
                         nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(512, classes))


def conv_block(cin, cout):
    return nn.Sequential(nn.BatchNorm2d(cin), nn.ReLU(), nn.Conv2d(cin, cout, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, convs, cin, growth):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(cin + i * growth, growth) for i in range(convs)])

    def forward(self, x):
        for block in self.net:
            x = torch.cat((x, block(x)), dim=1)
        return x


def densenet(classes=10, growth=32, arch=(4, 4, 4, 4)):
    layers, channels = [nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1)], 64
    for i, convs in enumerate(arch):
        layers.append(DenseBlock(convs, channels, growth))
        channels += convs * growth
        if i != len(arch) - 1:
            layers += [nn.BatchNorm2d(channels), nn.ReLU(), nn.Conv2d(channels, channels // 2, kernel_size=1), nn.AvgPool2d(kernel_size=2, stride=2)]
            channels //= 2
    return nn.Sequential(*layers, nn.BatchNorm2d(channels), nn.ReLU(), nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(channels, classes))


def check(model, example):
    model.eval()
    with torch.no_grad():
        model(example)
    return trainable(model)


REFERENCES = {
    "fashion-mnist-cnn": lambda: check(FashionMnistCnn(10), torch.zeros(2, 1, 28, 28)),
    "hamida-3d-cnn": lambda: check(HamidaEtAl(103, 9, 5), torch.zeros(2, 1, 103, 5, 5)),
    "hybridsn": lambda: check(HybridSN(30, 25, 16, bn=False), torch.zeros(2, 1, 30, 25, 25)),
    "hybridsn-bn": lambda: check(HybridSN(30, 25, 16, bn=True), torch.zeros(2, 1, 30, 25, 25)),
    "mobilenet-v1-cifar": lambda: check(MobileNetV1(10), torch.zeros(2, 3, 32, 32)),
    "mobilenet-v2-cifar": lambda: check(MobileNetV2(10), torch.zeros(2, 3, 32, 32)),
    "mobilenet-v1-notes": lambda: check(NotesMobileNetV1(10), torch.zeros(2, 3, 32, 32)),
    "mobilenet-v2-notes": lambda: check(NotesMobileNetV2(10), torch.zeros(2, 3, 32, 32)),
    "sentence-cnn": lambda: check(SentenceCnn(20000, 100, 2), torch.zeros(2, 50, dtype=torch.long)),
    "se-cnn": lambda: check(SeCnn(3, 10, se=True), torch.zeros(2, 3, 32, 32)),
    "se-cnn-without-se": lambda: check(SeCnn(3, 10, se=False), torch.zeros(2, 3, 32, 32)),
    "transformer-classifier": lambda: check(TransformerClassifier(28, 10), torch.zeros(2, 28, 28)),
    "dncnn": lambda: check(DnCNN(1, 17, 64, bn=True), torch.zeros(2, 1, 40, 40)),
    "dncnn-without-bn": lambda: check(DnCNN(1, 17, 64, bn=False), torch.zeros(2, 1, 40, 40)),
    "lenet": lambda: check(lenet(), torch.zeros(2, 1, 28, 28)),
    "lenet-bn": lambda: check(lenet_bn(), torch.zeros(2, 1, 28, 28)),
    "alexnet": lambda: check(alexnet(), torch.zeros(2, 1, 224, 224)),
    "vgg-11": lambda: check(vgg(VGG11), torch.zeros(2, 1, 224, 224)),
    "vgg-11-narrow": lambda: check(vgg([(convs, c // 4) for convs, c in VGG11]), torch.zeros(2, 1, 224, 224)),
    "nin": lambda: check(nin(), torch.zeros(2, 1, 224, 224)),
    "googlenet": lambda: check(googlenet(), torch.zeros(2, 1, 96, 96)),
    "resnet-18": lambda: check(resnet18(), torch.zeros(2, 1, 96, 96)),
    "densenet": lambda: check(densenet(), torch.zeros(2, 1, 96, 96)),
}

if __name__ == "__main__":
    counts = {name: make() for name, make in REFERENCES.items()}
    json.dump({"generator": "tools/reference/model_params.py", "torch": torch.__version__, "trainable_params": counts}, sys.stdout, indent=2)
    sys.stdout.write("\n")
