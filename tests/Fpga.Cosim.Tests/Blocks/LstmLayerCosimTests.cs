using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>One LSTM layer in Verilator against the golden model: every hidden value of every step, over sequences.</summary>
public class LstmLayerCosimTests
{
    public static TheoryData<int, int, int, int, int> Grid => new()
    {
        // inputs, hidden, codes, simd, PE (other than 4: a beat adapter before the cell unit)
        { 10, 8, 2, 4, 4 },
        { 28, 16, 1, 8, 4 },
        { 12, 12, 3, 16, 4 },
        { 10, 8, 2, 4, 2 },
        { 12, 16, 1, 16, 8 },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryHiddenValueMatchesTheGoldenModel(int inputs, int hidden, int codes, int simd, int pe)
    {
        var model = RandomLstmModel.Create(inputs, hidden, layers: 1, denseOutputs: 0, seed: inputs + hidden);
        var method = new ActivationQuantization(QuantMethod.Alternating, codes);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, codes), method);
        var spec = AcceleratorSpecs.ForModel(quantized, pe: pe, simd: simd);
        var image = ModelImage.Build(quantized, spec);
        var engine = LstmLayerEngine.Generate(spec);
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(engine.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();
        var batch = RandomLstmModel.Inputs(batch: 2, steps: 5, features: inputs, seed: hidden);
        var sequences = Enumerable.Range(0, 2).Select(s => StepInput.QuantizeSequence(batch, s, method, spec)).ToArray();

        var result = LstmLayerCosim.Run(sim, engine, image, sequences, seed: codes, sinkStall: 0.3);

        Assert.Empty(result.Mismatches);
        Assert.Equal(2 * 5 * hidden, result.HiddenChecked);
    }

    /// <summary>
    /// Interpolated sigmoid and tanh (a coarse 2^6-segment table, so interpolation matters) over
    /// two sequences of 32 steps: the cell state runs long enough to wander over the tables.
    /// </summary>
    [Fact]
    public void PiecewiseLinearLayerMatchesTheGoldenModelOverLongSequences()
    {
        const int inputs = 10, hidden = 16, codes = 2, steps = 32;
        var model = RandomLstmModel.Create(inputs, hidden, layers: 1, denseOutputs: 0, seed: 404);
        var method = new ActivationQuantization(QuantMethod.Alternating, codes);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, codes), method);
        var template = new AcceleratorSpec { Nonlinearity = NonlinearityKind.PiecewiseLinear, NonlinearityTableBits = 6 };
        var spec = AcceleratorSpecs.ForModel(quantized, pe: 4, simd: 8, template);
        var image = ModelImage.Build(quantized, spec);
        var batch = RandomLstmModel.Inputs(batch: 2, steps: steps, features: inputs, seed: 405);
        var sequences = Enumerable.Range(0, 2).Select(s => StepInput.QuantizeSequence(batch, s, method, spec)).ToArray();
        // The same model on plain tables gives other hidden states, so a table in place of the interpolation would fail here.
        var tableSpec = spec with { Nonlinearity = NonlinearityKind.Table };
        var tableSequences = Enumerable.Range(0, 2).Select(s => StepInput.QuantizeSequence(batch, s, method, tableSpec)).ToArray();
        var interpolated = new GoldenLstm(image).Run(sequences).SelectMany(o => o.Values).SelectMany(v => v).ToArray();
        var tabled = new GoldenLstm(ModelImage.Build(quantized, tableSpec)).Run(tableSequences).SelectMany(o => o.Values).SelectMany(v => v).ToArray();
        Assert.NotEqual(tabled, interpolated);

        var engine = LstmLayerEngine.Generate(spec);
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(engine.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();

        var result = LstmLayerCosim.Run(sim, engine, image, sequences, seed: 406, sinkStall: 0.3);

        Assert.Empty(result.Mismatches);
        Assert.Equal(2 * steps * hidden, result.HiddenChecked);
    }

    public static TheoryData<HiddenRequantization, int, int, int, int> Modes => new()
    {
        // mode, inputs, hidden, codes, simd
        { HiddenRequantization.Greedy, 28, 32, 2, 16 },
        { HiddenRequantization.Static, 28, 32, 2, 16 },
        { HiddenRequantization.Static, 10, 12, 3, 4 },
        { HiddenRequantization.Alternating, 28, 32, 2, 16 },
        { HiddenRequantization.Alternating, 10, 12, 3, 4 },
        { HiddenRequantization.Alternating, 8, 8, 1, 8 },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryModeMatchesTheGoldenModelOverManySteps(HiddenRequantization mode, int inputs, int hidden, int codes, int simd)
    {
        using var work = new TestDirectory();
        var report = LayerBlockCheck.Run(inputs, hidden, codes, simd, sequences: 2, steps: 17, work.Path, seed: inputs * 3 + hidden, mode);

        Assert.True(report.Lint.Clean, string.Join("\n", report.Lint.Verilator.Concat(report.Lint.Icarus)));
        Assert.Empty(report.Cosim.Mismatches);
        Assert.Equal(34, report.Cosim.Steps);
        Assert.Equal(34 * hidden, report.Cosim.HiddenChecked);
        // A step is the matrix-vector product, the cell's tail and the re-quantizer, and no more.
        var spec = report.Engine.Spec;
        long product = Math.Max(report.Engine.Input.CyclesPerProduct, report.Engine.Recurrent.CyclesPerProduct);
        Assert.All(report.Cosim.CyclesPerStep, c => Assert.InRange(c, product, product + report.Engine.Requantizer.Cycles + 2 * (spec.Pe + 16)));
    }
}
