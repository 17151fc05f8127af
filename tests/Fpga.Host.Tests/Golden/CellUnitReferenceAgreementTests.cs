using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Quantization;
using Fpga.Host.Verification;

namespace Fpga.Host.Tests.Golden;

/// <summary>
/// The cell unit's reference (what its RTL is co-simulated against) and the golden model
/// compute steps 2 to 5 identically: fed the golden model's accumulators and biases, the
/// reference reproduces every hidden value and cell state of the golden trace.
/// </summary>
public class CellUnitReferenceAgreementTests
{
    [Theory]
    [InlineData(NonlinearityKind.Table, 2, 11)]
    [InlineData(NonlinearityKind.Table, 3, 12)]
    public void ReproducesTheGoldenHiddenStateFromItsAccumulators(NonlinearityKind kind, int codes, int seed)
    {
        var (_, quantized) = GoldenModels.Random(inputs: 10, hidden: 12, layers: 1, dense: 0, codes: codes, seed: seed);
        var spec = AcceleratorSpecs.ForModel(quantized, new AcceleratorSpec { Nonlinearity = kind });
        var image = ModelImage.Build(quantized, spec);
        var trace = new List<GoldenStepTrace>();
        new GoldenLstm(image).RunSequence(GoldenModels.Inputs(image, quantized.Layers[0].Activations, steps: 8, seed: seed), trace);

        var tables = NonlinearityTables.For(spec);
        int h = spec.HiddenSize;
        var bias = image.Layers[0].Bias;
        var cells = new long[h];
        int compared = 0;
        foreach (var step in trace)
        {
            var layer = step.Layers[0];
            for (int k = 0; k < h; k++)
            {
                long[] acc = [layer.Accumulators[k], layer.Accumulators[h + k], layer.Accumulators[2 * h + k], layer.Accumulators[3 * h + k]];
                long[] b = [bias[k], bias[h + k], bias[2 * h + k], bias[3 * h + k]];
                Assert.Equal(layer.Hidden[k], LstmCellReference.Step(spec, tables, acc, b, ref cells[k]));
                Assert.Equal(layer.Cell[k], cells[k]);
                compared++;
            }
        }
        Assert.Equal(8 * h, compared);
        Assert.Contains(trace.SelectMany(t => t.Layers[0].Hidden), v => v != 0);
    }
}
