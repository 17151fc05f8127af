using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Verification;

/// <summary>Everything checked of one generated LSTM layer engine against the golden model.</summary>
public sealed record LayerBlockReport(LstmLayerEngine Engine, LintReport Lint, TimeSpan BuildTime, bool BuildCached, LstmLayerCosimResult Cosim)
{
    public bool Passed => Lint.Clean && Cosim.Passed;
}

/// <summary>
/// A random float LSTM quantized with alternating codes, its spec (in the given re-quantization mode) and image, the generated
/// layer engine in Verilator, and sequences of quantized inputs compared with the golden model.
/// </summary>
public static class LayerBlockCheck
{
    public static LayerBlockReport Run(int inputs, int hidden, int codes, int simd, int sequences, int steps, string workDirectory, int seed,
        HiddenRequantization requantization = HiddenRequantization.Greedy)
    {
        var model = RandomLstmModel.Create(inputs, hidden, layers: 1, denseOutputs: 0, seed: seed);
        var method = new ActivationQuantization(QuantMethod.Alternating, codes);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, codes), method);
        var spec = AcceleratorSpecs.ForModel(quantized, pe: 4, simd: simd, new AcceleratorSpec { Requantization = requantization });
        var batch = RandomLstmModel.Inputs(sequences, steps, inputs, seed + 1);
        // Static coefficients are calibrated on the very inputs the check runs.
        var calibration = requantization == HiddenRequantization.Static ? StaticCalibration.Calibrate(model, batch, codes) : null;
        var image = ModelImage.Build(quantized, spec, calibration);
        var engine = LstmLayerEngine.Generate(spec);
        var block = GeneratedBlock.Prepare(engine.Module, workDirectory);
        var coded = Enumerable.Range(0, sequences).Select(s => StepInput.QuantizeSequence(batch, s, method, spec)).ToArray();
        return GeneratedBlock.Simulate(() =>
        {
            using var sim = block.Model.Start();
            var cosim = LstmLayerCosim.Run(sim, engine, image, coded, seed, sinkStall: 0.0);
            return new LayerBlockReport(engine, block.Lint, block.Model.BuildTime, block.Model.FromCache, cosim);
        });
    }
}
