using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Quantization;

namespace Fpga.Host.Golden;

/// <summary>Derives the accelerator spec a quantized model runs on, refusing what the chip cannot compute.</summary>
public static class AcceleratorSpecs
{
    /// <summary>
    /// The spec of <paramref name="model"/>: sizes, layers, dense outputs, kw and ka from the
    /// model, folding from <paramref name="pe"/> and <paramref name="simd"/>, every other field
    /// (formats, nonlinearity, re-quantization, memories, clock) from <paramref name="template"/>
    /// (the defaults when null). The output is the logits at the end of a sequence when the model
    /// has a dense layer, else the hidden state every step; change it with a `with` expression.
    /// </summary>
    public static AcceleratorSpec ForModel(QuantizedModel model, int pe, int simd, AcceleratorSpec? template = null)
    {
        CheckSupported(model);
        var first = model.Layers[0];
        return ((template ?? new AcceleratorSpec()) with
        {
            InputSize = first.InputSize,
            HiddenSize = first.HiddenSize,
            Layers = model.Layers.Count,
            DenseOutputs = model.Dense?.OutputSize ?? 0,
            WeightCodes = first.WeightIh.Codes,
            ActivationCodes = first.Activations.Bits,
            Pe = pe,
            Simd = simd,
            Output = model.Dense is null ? OutputMode.HiddenEveryStep : OutputMode.LogitsAtEnd,
        }).Validate();
    }

    /// <summary><see cref="ForModel"/> with the default folding of <see cref="DefaultPe"/> and <see cref="DefaultSimd"/>.</summary>
    public static AcceleratorSpec ForModel(QuantizedModel model, AcceleratorSpec? template = null) =>
        ForModel(model, DefaultPe(model), DefaultSimd, template);

    /// <summary>Bits per cycle per PE when nobody asks: a common width that folds any row.</summary>
    public const int DefaultSimd = 32;

    /// <summary>4 PEs: one beat is one hidden unit's four gates; dense rows are padded to a multiple of PE (folding does not change the numbers).</summary>
    public static int DefaultPe(QuantizedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return 4;
    }

    /// <summary>Throws <see cref="FpgaException"/> naming the first thing of the model the accelerator cannot run.</summary>
    public static void CheckSupported(QuantizedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Embedding is not null)
            throw new FpgaException("the model starts with an embedding, which is not supported on chip yet; feed the embedded vectors as float inputs to a model without one");
        int hidden = model.Layers[0].HiddenSize;
        int weightCodes = model.Layers[0].WeightIh.Codes;
        var activations = model.Layers[0].Activations;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            if (layer.HiddenSize != hidden)
                throw new FpgaException($"layer {l} has {layer.HiddenSize} hidden units but layer 0 has {hidden}; the accelerator runs one hidden size for every layer");
            CheckWeights($"weight_ih_l{l}", layer.WeightIh, weightCodes);
            CheckWeights($"weight_hh_l{l}", layer.WeightHh, weightCodes);
            CheckActivations($"layer {l}", layer.Activations, activations.Bits);
        }
        if (model.Dense is { } dense)
        {
            CheckWeights("dense.weight", dense.Weights, weightCodes);
            CheckActivations("the dense layer", dense.Activations, activations.Bits);
        }
        if (weightCodes > MaxCodes)
            throw new FpgaException($"the weights use {weightCodes} codes; the accelerator supports 1 to {MaxCodes}");
        if (activations.Bits > MaxCodes)
            throw new FpgaException($"the activations use {activations.Bits} codes; the accelerator supports 1 to {MaxCodes}");
    }

    /// <summary>The most codes per weight or activation the spec accepts.</summary>
    public const int MaxCodes = 4;

    private static void CheckWeights(string name, QuantizedTensor tensor, int weightCodes)
    {
        if (tensor.Method == QuantMethod.Int8 || tensor.Offsets.Any(o => o != 0))
            throw new FpgaException($"{name} ({tensor.Method}) has non-zero row offsets (an affine zero point); the accelerator needs symmetric weights: quantize with binary, ternary, quaternary, greedy, refined, alternating or uniform");
        if (tensor.Codes != weightCodes)
            throw new FpgaException($"{name} has {tensor.Codes} weight codes but weight_ih_l0 has {weightCodes}; the accelerator uses one kw for every matrix");
    }

    private static void CheckActivations(string where, ActivationQuantization activations, int bits)
    {
        if (activations.Method == QuantMethod.Int8)
            throw new FpgaException($"{where} quantizes its activations with int8, which has an offset; the accelerator needs a symmetric activation method");
        if (activations.Bits != bits)
            throw new FpgaException($"{where} quantizes its activations to {activations.Bits} codes but layer 0 to {bits}; the accelerator uses one ka everywhere");
    }
}
