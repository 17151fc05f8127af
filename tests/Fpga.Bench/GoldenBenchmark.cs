using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Bench;

/// <summary>
/// How far the golden (bit-exact accelerator) model is from float: mean and max
/// |h_golden - h_float| on a random 1-layer H = 128 model over 32 steps, at the default formats.
/// </summary>
internal static class GoldenBenchmark
{
    private const int InputSize = 32;
    private const int HiddenSize = 128;
    private const int Steps = 32;
    private const int Sequences = 8;

    /// <summary>Both kinds at the default 2^8 entries, and at 2^5, where the plain table's bins get coarse.</summary>
    private static readonly (NonlinearityKind Kind, int TableBits)[] Nonlinearities =
        [(NonlinearityKind.Table, 8), (NonlinearityKind.PiecewiseLinear, 8), (NonlinearityKind.Table, 5), (NonlinearityKind.PiecewiseLinear, 5)];

    public static void Run(TextWriter output)
    {
        var model = RandomLstmModel.Create(InputSize, HiddenSize, layers: 1, denseOutputs: 0, seed: 2018);
        var inputs = RandomLstmModel.Inputs(Sequences, Steps, InputSize, seed: 7);
        output.WriteLine($"golden vs float: 1 layer, {InputSize} inputs, H = {HiddenSize}, {Sequences} sequences x {Steps} steps, weights U(+-1/sqrt(H)), inputs N(0, 1)");
        output.WriteLine($"  default formats: A {new AcceleratorSpec().WeightCoefficient}, G {new AcceleratorSpec().ActivationCoefficient}, gate {new AcceleratorSpec().Gate}, cell {new AcceleratorSpec().Cell}, hidden {new AcceleratorSpec().Hidden}, table bits T as listed");
        output.WriteLine($"    {"kw=ka",5} {"method",12} {"requant",8} {"nonlinearity",16} {"T",4} {"mean |dh|",10} {"max |dh|",10}");
        foreach (int codes in new[] { 2, 4 })
        {
            foreach (var requantization in new[] { HiddenRequantization.Greedy, HiddenRequantization.Static })
            {
                foreach (var (nonlinearity, tableBits) in Nonlinearities)
                {
                    var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, codes), new ActivationQuantization(QuantMethod.Alternating, codes));
                    var template = new AcceleratorSpec { Requantization = requantization, Nonlinearity = nonlinearity, NonlinearityTableBits = tableBits };
                    var spec = AcceleratorSpecs.ForModel(quantized, template);
                    var calibration = requantization == HiddenRequantization.Static ? StaticCalibration.Calibrate(model, inputs, codes) : null;
                    var error = GoldenAccuracy.Measure(model, quantized, spec, inputs, calibration);
                    output.WriteLine($"    {codes,5} {"alternating",12} {requantization.ToString().ToLowerInvariant(),8} {nonlinearity,16} {tableBits,4} {error.Mean,10:F4} {error.Max,10:F4}");
                }
            }
        }
    }
}
