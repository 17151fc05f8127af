"""PyTorch's float nn.LSTM and its dynamically quantized int8 form, timed per step.

Run by `fpga bench` (host/Fpga.Perf/Peers/TorchPeer.cs) with the suite's shape, steps and
threads; prints one JSON object. Weights are PyTorch's own random initialization: the time of
an LSTM does not depend on its values.
"""
import argparse
import json
import time

import torch


def median_seconds_per_step(model, x, steps, warmup, rounds):
    with torch.inference_mode():
        end = time.perf_counter() + warmup
        while time.perf_counter() < end:
            model(x)
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            model(x)
            samples.append((time.perf_counter() - start) / steps)
    samples.sort()
    return samples[len(samples) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=int, required=True)
    parser.add_argument("--hidden", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup", type=float, required=True)
    parser.add_argument("--rounds", type=int, required=True)
    args = parser.parse_args()
    torch.manual_seed(2018)
    torch.set_num_threads(args.threads)
    lstm = torch.nn.LSTM(args.input, args.hidden).eval()
    x = torch.randn(args.steps, 1, args.input)
    result = {"version": torch.__version__, "threads": torch.get_num_threads()}
    result["float_seconds_per_step"] = median_seconds_per_step(lstm, x, args.steps, args.warmup, args.rounds)
    quantized = torch.ao.quantization.quantize_dynamic(lstm, {torch.nn.LSTM}, dtype=torch.qint8)
    result["int8_dynamic_seconds_per_step"] = median_seconds_per_step(quantized, x, args.steps, args.warmup, args.rounds)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
