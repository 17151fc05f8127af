using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Testbench;

/// <summary>Models and inputs for a bench when only a spec is given: random, from a seed, shaped and coded as the spec says.</summary>
public static class BenchModel
{
    /// <summary>A random float LSTM of the spec's shape, quantized with alternating codes (kw for weights, ka for activations).</summary>
    public static QuantizedModel ForSpec(AcceleratorSpec spec, int seed)
    {
        var model = RandomLstmModel.Create(spec.InputSize, spec.HiddenSize, spec.Layers, spec.DenseOutputs, seed);
        var activations = new ActivationQuantization(QuantMethod.Alternating, spec.ActivationCodes);
        return ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, spec.WeightCodes), activations).Model;
    }

    /// <summary>Random input sequences, each step quantized with the model's activation method as the host does.</summary>
    public static IReadOnlyList<IReadOnlyList<CodedVector>> Inputs(QuantizedModel model, AcceleratorSpec spec, BenchOptions options)
    {
        var batch = RandomLstmModel.Inputs(options.Sequences, options.Steps, spec.InputSize, options.Seed + 1);
        var method = model.Layers[0].Activations;
        return Enumerable.Range(0, options.Sequences).Select(s => StepInput.QuantizeSequence(batch, s, method, spec)).ToArray();
    }
}
