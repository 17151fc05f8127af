using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Cosim.Tests.Link;

/// <summary>A small random float LSTM quantized with alternating codes, its spec, image, accelerator and coded input sequences.</summary>
public sealed record LinkModel(LstmAccelerator Accelerator, ModelImage Image, IReadOnlyList<IReadOnlyList<CodedVector>> Sequences)
{
    public static LinkModel Create(int inputs, int hidden, int layers, int denseOutputs, OutputMode output, int codes, int simd, int sequences, int steps, int seed)
    {
        var model = RandomLstmModel.Create(inputs, hidden, layers, denseOutputs, seed);
        var method = new ActivationQuantization(QuantMethod.Alternating, codes);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, codes), method);
        var spec = (AcceleratorSpecs.ForModel(quantized, pe: 4, simd: simd) with { Output = output }).Validate();
        var image = ModelImage.Build(quantized, spec);
        var batch = RandomLstmModel.Inputs(sequences, steps, inputs, seed + 1);
        var coded = Enumerable.Range(0, sequences).Select(s => StepInput.QuantizeSequence(batch, s, method, spec)).ToArray();
        return new LinkModel(LstmAccelerator.Generate(spec), image, coded);
    }
}
