using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Golden;

public sealed class StackedLayerTests
{
    [Fact]
    public void UpperLayerReadsTheRequantizedHiddenStateBelowAndItsOwn()
    {
        var (_, quantized) = GoldenModels.Random(5, 6, layers: 2, dense: 0, codes: 2, seed: 1);
        var spec = AcceleratorSpecs.ForModel(quantized, pe: 1, simd: 8);
        var image = ModelImage.Build(quantized, spec);
        var trace = new List<GoldenStepTrace>();
        var output = new GoldenLstm(image).RunSequence(GoldenModels.Inputs(image, quantized.Layers[0].Activations, 4, seed: 2), trace);

        var upper = image.Layers[1];
        var ownState = CodedVector.Zero(spec.HiddenSize, spec.ActivationCodes);
        foreach (var step in trace)
        {
            var below = step.Layers[0].Requantized;
            for (int r = 0; r < spec.GateRows; r++)
            {
                long acc = GoldenModels.Product(upper.InputWeights, r, below) + GoldenModels.Product(upper.HiddenWeights, r, ownState);
                Assert.Equal(acc, step.Layers[1].Accumulators[r]);
                Assert.Equal(GoldenModels.PreActivation(acc, upper.Bias[r], spec), step.Layers[1].PreActivations[r]);
            }
            Assert.Equal(step.Layers[1].Hidden, output.Values[step.Step]);
            ownState = step.Layers[1].Requantized;
        }
    }

    [Fact]
    public void BottomLayerReadsTheHostInput()
    {
        var (_, quantized) = GoldenModels.Random(70, 3, layers: 1, dense: 0, codes: 3, seed: 4, method: QuantMethod.Greedy);
        var image = ModelImage.Build(quantized, AcceleratorSpecs.ForModel(quantized));
        var inputs = GoldenModels.Inputs(image, quantized.Layers[0].Activations, 3, seed: 5);
        var trace = new List<GoldenStepTrace>();
        new GoldenLstm(image).RunSequence(inputs, trace);
        var state = CodedVector.Zero(3, 3);
        for (int t = 0; t < 3; t++)
        {
            Assert.Same(inputs[t], trace[t].Input);
            for (int r = 0; r < 12; r++)
            {
                long acc = GoldenModels.Product(image.Layers[0].InputWeights, r, inputs[t]) + GoldenModels.Product(image.Layers[0].HiddenWeights, r, state);
                Assert.Equal(acc, trace[t].Layers[0].Accumulators[r]);
            }
            state = trace[t].Layers[0].Requantized;
        }
    }
}
