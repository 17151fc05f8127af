using Fpga.Host.Quantization;

namespace Fpga.Host.Training;

/// <summary>
/// Quantization in the forward pass (Xu et al. 2018): weight matrices are quantized from their float
/// masters before every batch, and every layer input (x_t, h_{t-1}, the dense input) as it is
/// used; the backward pass treats both as the identity (straight-through estimator), so the float
/// masters keep accumulating small updates. Null means that side stays float.
/// </summary>
public sealed record QuantizationAware(QuantizerOptions? Weights, QuantizerOptions? Activations)
{
    public static QuantizationAware None { get; } = new(null, null);

    public bool Any => Weights is not null || Activations is not null;

    public override string ToString() =>
        $"W {(Weights is { } w ? $"{QuantMethodNames.Name(w.Method)}/{w.Bits}" : "float")}, A {(Activations is { } a ? $"{QuantMethodNames.Name(a.Method)}/{a.Bits}" : "float")}";
}
