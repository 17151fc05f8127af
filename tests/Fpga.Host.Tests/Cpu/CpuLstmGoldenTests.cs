using Fpga.Gen.Spec;
using Fpga.Host.Cpu;
using Fpga.Host.Golden;
using Fpga.Host.Models;

namespace Fpga.Host.Tests.Cpu;

/// <summary>The CPU engine against the golden model: every output equal, on every instruction-set path this processor runs.</summary>
public sealed class CpuLstmGoldenTests
{
    public static TheoryData<CpuCase> Grid()
    {
        var data = new TheoryData<CpuCase>();
        // Every kw x ka pair of 1..3, over sizes below, at and across a 512-bit chunk, unaligned to 64 columns.
        (int Inputs, int Hidden)[] sizes = [(28, 16), (70, 40), (600, 36), (513, 130)];
        int index = 0;
        for (int kw = 1; kw <= 3; kw++)
        {
            for (int ka = 1; ka <= 3; ka++)
            {
                var (inputs, hidden) = sizes[index++ % sizes.Length];
                data.Add(new CpuCase(inputs, hidden, 1, 0, kw, ka));
            }
        }
        data.Add(new CpuCase(20, 24, 2, 0, 2, 2));
        data.Add(new CpuCase(33, 65, 3, 0, 3, 1));
        data.Add(new CpuCase(28, 32, 2, 10, 2, 3));
        data.Add(new CpuCase(28, 32, 1, 12, 1, 2));
        data.Add(new CpuCase(40, 24, 2, 0, 2, 2, HiddenRequantization.Static));
        data.Add(new CpuCase(40, 24, 1, 8, 3, 2, HiddenRequantization.Static, NonlinearityKind.PiecewiseLinear));
        data.Add(new CpuCase(64, 48, 1, 0, 4, 4, HiddenRequantization.Greedy, NonlinearityKind.PiecewiseLinear));
        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void EverySequenceEqualsTheGoldenModel(CpuCase c)
    {
        var (_, quantized, image) = CpuModels.Build(c, seed: c.Inputs * 31 + c.Hidden);
        var method = quantized.Layers[0].Activations;
        var golden = new GoldenLstm(image);
        for (int s = 0; s < 2; s++)
        {
            var inputs = StepInput.QuantizeSequence(RandomLstmModel.Inputs(1, 5, c.Inputs, seed: 100 + s), 0, method, image.Spec);
            var expected = golden.RunSequence(inputs);
            foreach (var isa in PopcountIsas.Supported)
            {
                var actual = new CpuLstm(image, CpuModels.Options(isa)).RunSequence(inputs);
                Assert.Equal(expected.Mode, actual.Mode);
                Assert.Equal(expected.Values.Count, actual.Values.Count);
                for (int t = 0; t < expected.Values.Count; t++) Assert.True(expected.Values[t].SequenceEqual(actual.Values[t]), $"{isa}: output {t} of sequence {s} differs");
            }
        }
    }

    [Fact]
    public void ABatchQuantizedOnlineEqualsTheGoldenModelPerSequence()
    {
        var (_, quantized, image) = CpuModels.Build(new CpuCase(50, 40, 2, 0, 2, 2), seed: 9);
        var method = quantized.Layers[0].Activations;
        var batch = RandomLstmModel.Inputs(5, 4, 50, seed: 10);
        var golden = new GoldenLstm(image);
        foreach (var isa in PopcountIsas.Supported)
        {
            var results = new CpuLstm(image, CpuModels.Options(isa)).Run(batch, method);
            Assert.Equal(batch.Batch, results.Count);
            for (int b = 0; b < batch.Batch; b++)
            {
                var expected = golden.RunSequence(StepInput.QuantizeSequence(batch, b, method, image.Spec));
                for (int t = 0; t < batch.Steps; t++) Assert.True(expected.Values[t].SequenceEqual(results[b].Values[t]), $"{isa}: sequence {b} step {t} differs");
            }
        }
    }

    [Fact]
    public void ResetReturnsASequenceToReset()
    {
        var (_, quantized, image) = CpuModels.Build(new CpuCase(30, 20, 1, 0, 2, 2), seed: 3);
        var method = quantized.Layers[0].Activations;
        var inputs = StepInput.QuantizeSequence(RandomLstmModel.Inputs(1, 3, 30, seed: 4), 0, method, image.Spec);
        var sequence = new CpuLstm(image).NewSequence();
        sequence.Step(inputs[0]);
        var first = sequence.Hidden.ToArray();
        sequence.Step(inputs[1]);
        sequence.Reset();
        sequence.Step(inputs[0]);
        Assert.Equal(first, sequence.Hidden.ToArray());
    }
}
