"""Writes engine/src/test/resources/models/scalar_scripted.pt: a TorchScript module whose output is one number
(the mean of its input), for the test that a scalar-output model is refused with a clear line.

Run: python3 src/models/export_scalar.py (PyTorch 1.13)
"""
import torch


class Scalar(torch.nn.Module):
    def forward(self, x):
        return x.mean()


torch.jit.script(Scalar()).save("engine/src/test/resources/models/scalar_scripted.pt")
