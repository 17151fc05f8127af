using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Golden;

/// <summary>
/// The host's half of a step (docs/NUMERICS.md, "The input of a step"): a float input vector
/// quantized with the model's activation method and ka codes, its coefficients rounded into
/// the ActivationCoefficient format.
/// </summary>
public static class StepInput
{
    public static CodedVector Quantize(ReadOnlySpan<float> x, ActivationQuantization method, AcceleratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(spec);
        if (x.Length != spec.InputSize) throw new FpgaException($"a step input has {x.Length} features but the accelerator takes {spec.InputSize}");
        if (method.Method == QuantMethod.Int8) throw new FpgaException("int8 activations have an offset, which the accelerator cannot apply");
        if (method.Bits != spec.ActivationCodes)
            throw new FpgaException($"the activation method uses {method.Bits} codes but the accelerator {spec.ActivationCodes}");
        var quantized = Quantizer.QuantizeVector(x, new QuantizerOptions(method.Method, method.Bits));
        if (quantized.Offsets[0] != 0) throw new FpgaException($"{method.Method} gave the input an offset of {quantized.Offsets[0]}, which the accelerator cannot apply");
        var coefficients = quantized.Coefficients.Select(g => FixedPoint.Quantize(g, spec.ActivationCoefficient)).ToArray();
        return new CodedVector(x.Length, (ulong[])quantized.Planes.Clone(), coefficients);
    }

    /// <summary>Every step of sequence <paramref name="sequence"/> of a batch of float features.</summary>
    public static IReadOnlyList<CodedVector> QuantizeSequence(LstmSequenceBatch batch, int sequence, ActivationQuantization method, AcceleratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Values is null) throw new FpgaException("the accelerator takes float feature vectors, not token ids");
        return Enumerable.Range(0, batch.Steps)
            .Select(t => Quantize(batch.Values.AsSpan((sequence * batch.Steps + t) * batch.Features, batch.Features), method, spec))
            .ToArray();
    }
}
