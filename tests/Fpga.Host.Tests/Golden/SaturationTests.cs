using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

/// <summary>Values pinned at the edges of their formats (hand formats: gate and cell Q4.4, range -128..127).</summary>
public sealed class SaturationTests
{
    private static ModelImage Extreme(long bias, ulong inputBits) => new(HandModels.Spec(),
        [new LayerImage(
            new ImageMatrix(4, 2, 1, [inputBits, inputBits, inputBits, inputBits], [127, 127, 127, 127]),
            new ImageMatrix(4, 1, 1, [1, 1, 1, 1], [127, 127, 127, 127]),
            [bias, bias, bias, bias],
            null)],
        null);

    private static CodedVector BigInput => new(2, [0b11], [127]);

    [Fact]
    public void PreActivationsSaturateAtTheGateFormat()
    {
        var high = new List<GoldenStepTrace>();
        new GoldenLstm(Extreme(127, 0b11)).RunSequence([BigInput], high);
        // Acc = 127 * 127 * 2 = 32258, rshr by 4 = 2016, + 127: saturated to 127.
        Assert.All(high[0].Layers[0].Accumulators, acc => Assert.Equal(32258, acc));
        Assert.All(high[0].Layers[0].PreActivations, z => Assert.Equal(127, z));

        var low = new List<GoldenStepTrace>();
        new GoldenLstm(Extreme(-128, 0b00)).RunSequence([BigInput], low);
        Assert.All(low[0].Layers[0].PreActivations, z => Assert.Equal(-128, z));
    }

    [Fact]
    public void CellSaturatesAtTheCellFormatAndTablesClampTheirInput()
    {
        var trace = new List<GoldenStepTrace>();
        new GoldenLstm(Extreme(127, 0b11)).RunSequence(Enumerable.Repeat(BigInput, 12).ToArray(), trace);
        var first = trace[0].Layers[0];
        // z = 127 clamps to the top bin (centre 3.75): sigmoid -> round(0.9770 * 64) = 63, tanh -> round(0.9989 * 64) = 64.
        Assert.Equal([63L], first.InputGate);
        Assert.Equal([64L], first.CellCandidate);
        // c grows by about 16 (0.25 * 64 * 64 / 256) a step with f = 63/64 until it saturates at 127.
        Assert.Equal([16L], first.Cell);
        var last = trace[^1].Layers[0];
        Assert.Equal([127L], last.Cell);
        // tanh_FC(127) clamps to the top bin too: 64; h = rshr(63 * 64, 6) = 63.
        Assert.Equal([63L], last.Hidden);
    }
}
