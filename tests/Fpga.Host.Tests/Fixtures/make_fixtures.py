"""Makes the PyTorch-exported fixtures the C# tests read.

Run once with Debian's python3-torch, python3-onnx and python3-numpy; the outputs are committed and
CI never runs this script. Everything is seeded, so a rerun with the same library versions
reproduces the same numbers.

Reference arrays follow the toolchain's convention: inputs are [batch, steps, features] (or
[batch, steps] token ids), outputs [batch, steps, out] at every step.
"""
import json
import struct

import numpy as np
import torch

torch.manual_seed(20240611)
np.random.seed(20240611)


def save_safetensors(path, tensors, metadata):
    """A minimal safetensors writer written from the format description, independent of the C# one."""
    header = {"__metadata__": metadata}
    blobs, offset = [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)


def state_dict_arrays(module):
    return {k: v.detach().numpy().astype(np.float32) for k, v in module.state_dict().items()}


class OneLayer(torch.nn.Module):
    """1-layer LSTM, batch first, Linear head at every step."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(5, 4, num_layers=1, batch_first=True)
        self.fc = torch.nn.Linear(4, 3)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.fc(y)


class OneLayerLastStep(torch.nn.Module):
    """The same weights, classifying only the last step."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        y, _ = self.inner.lstm(x)
        return self.inner.fc(y[:, -1, :])


class TwoLayerInner(torch.nn.Module):
    """2-layer LSTM, sequence first, head named 'head'."""

    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(4, 6, num_layers=2)
        self.head = torch.nn.Linear(6, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)


class TwoLayer(torch.nn.Module):
    """Wraps the inner module so the state dict names carry a 'model.' prefix."""

    def __init__(self):
        super().__init__()
        self.model = TwoLayerInner()

    def forward(self, x):
        return self.model(x)


class Embedded(torch.nn.Module):
    """nn.Embedding into a 1-layer LSTM, 'decoder' head as in PyTorch's word language model."""

    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(11, 5)
        self.lstm = torch.nn.LSTM(5, 4, batch_first=True)
        self.decoder = torch.nn.Linear(4, 7)

    def forward(self, tokens):
        y, _ = self.lstm(self.embedding(tokens))
        return self.decoder(y)


def export(module, example, path, opset, input_name, dynamic):
    torch.onnx.export(module, example, path, opset_version=opset, input_names=[input_name], output_names=["output"],
                      dynamic_axes={input_name: dynamic, "output": {0: "batch"}}, do_constant_folding=True)


def main():
    with torch.no_grad():
        one = OneLayer().eval()
        x = torch.randn(2, 6, 5)
        hidden1, _ = one.lstm(x)
        np.save("lstm1_linear.input.npy", x.numpy())
        np.save("lstm1_linear.hidden.npy", hidden1.numpy())
        np.save("lstm1_linear.logits.npy", one(x).numpy())
        np.savez("lstm1_linear.state_dict.npz", **state_dict_arrays(one))
        save_safetensors("lstm1_linear.safetensors", state_dict_arrays(one), {"format": "pt", "source": "make_fixtures.py"})
        export(one, x, "lstm1_linear.onnx", 14, "features", {0: "batch", 1: "steps"})
        export(OneLayerLastStep(one).eval(), x, "lstm1_last_step.onnx", 14, "features", {0: "batch", 1: "steps"})

        two = TwoLayer().eval()
        x2 = torch.randn(3, 5, 4)  # [batch, steps, features]
        seq_first = x2.transpose(0, 1).contiguous()
        hidden2, _ = two.model.rnn(seq_first)
        np.save("lstm2_head.input.npy", x2.numpy())
        np.save("lstm2_head.hidden.npy", hidden2.transpose(0, 1).numpy())
        np.save("lstm2_head.logits.npy", two(seq_first).transpose(0, 1).numpy())
        np.savez("lstm2_head.state_dict.npz", **state_dict_arrays(two))
        export(two, seq_first, "lstm2_head.onnx", 11, "features", {0: "steps", 1: "batch"})

        # The same network as Keras would store it: kernel [I, 4H], recurrent_kernel [H, 4H] and one
        # bias [4H] per layer (gate columns i, f, c, o, which are PyTorch's i, f, g, o), Dense kernel [H, O].
        keras = {}
        for layer, name in enumerate(["lstm", "lstm_1"]):
            rnn = two.model.rnn
            keras[f"{name}/lstm_cell/kernel:0"] = getattr(rnn, f"weight_ih_l{layer}").numpy().T
            keras[f"{name}/lstm_cell/recurrent_kernel:0"] = getattr(rnn, f"weight_hh_l{layer}").numpy().T
            keras[f"{name}/lstm_cell/bias:0"] = (getattr(rnn, f"bias_ih_l{layer}") + getattr(rnn, f"bias_hh_l{layer}")).numpy()
        keras["dense/kernel:0"] = two.model.head.weight.numpy().T
        keras["dense/bias:0"] = two.model.head.bias.numpy()
        np.savez("lstm2_head.keras_layout.npz", **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in keras.items()})

        emb = Embedded().eval()
        tokens = torch.randint(0, 11, (2, 7))
        np.save("embed_lstm.tokens.npy", tokens.numpy().astype(np.int64))
        np.save("embed_lstm.logits.npy", emb(tokens).numpy())
        np.savez("embed_lstm.state_dict.npz", **state_dict_arrays(emb))
        export(emb, tokens, "embed_lstm.onnx", 14, "tokens", {0: "batch", 1: "steps"})


if __name__ == "__main__":
    main()
