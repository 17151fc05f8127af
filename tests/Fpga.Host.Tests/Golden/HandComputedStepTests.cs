using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

/// <summary>Steps 1 to 6 on <see cref="HandModels.OneUnit"/>, every number worked out by hand in the comments.</summary>
public sealed class HandComputedStepTests
{
    private static IReadOnlyList<GoldenStepTrace> Trace(int steps)
    {
        var trace = new List<GoldenStepTrace>();
        new GoldenLstm(HandModels.OneUnit()).RunSequence(Enumerable.Repeat(HandModels.OneUnitInput(), steps).ToArray(), trace);
        return trace;
    }

    [Fact]
    public void FirstStepFromResetState()
    {
        var layer = Trace(1)[0].Layers[0];
        // P over 2 columns against C = 0b01: row i 0b11 -> 2 - 2*1 = 0; f 0b01 -> 2; g 0b10 -> -2; o 0b01 -> 2.
        // Acc = A * 16 * P: 0, 8*16*2 = 256, 12*16*-2 = -384, 4*16*2 = 128; G_h = 0 adds nothing.
        Assert.Equal([0L, 256, -384, 128], layer.Accumulators);
        // z = rshr(Acc, 4 + 4 - 4) + bias: 0 + 16, 16 + 0, floor(-376/16) = -24 + 8, 8 - 8.
        Assert.Equal([16L, 16, -16, 0], layer.PreActivations);
        // Bins: 16 >> 3 = 2 (centre 1.25), -16 >> 3 = -2 (centre -0.75), 0 >> 3 = 0 (centre 0.25); values * 64:
        // sigmoid(1.25) = 0.7773 -> 50, tanh(-0.75) = -0.6351 -> -41, sigmoid(0.25) = 0.5622 -> 36.
        Assert.Equal([50L], layer.InputGate);
        Assert.Equal([50L], layer.ForgetGate);
        Assert.Equal([-41L], layer.CellCandidate);
        Assert.Equal([36L], layer.OutputGate);
        // c = rshr(50 * 0, 6) + rshr(50 * -41, 12 - 4) = floor((-2050 + 128) / 256) = -8.
        Assert.Equal([-8L], layer.Cell);
        // tanh_FC(-8): bin -1 (centre -0.25), tanh = -0.2449 -> -16; h = rshr(36 * -16, 6) = floor(-544 / 64) = -9.
        Assert.Equal([-9L], layer.Hidden);
        // Greedy, F* = 6: S = 9, D = 1 * 2^(6-4) = 4, G = floor((18 + 4) / 8) = 2; the bit is clear (r < 0).
        Assert.Equal([2L], layer.Requantized.Coefficients);
        Assert.False(layer.Requantized.Bit(0, 0));
    }

    [Fact]
    public void SecondStepAddsTheRecurrentProduct()
    {
        var layer = Trace(2)[1].Layers[0];
        // h codes: bit clear, G_h = 2. P over 1 column: set weight bit -> 1 - 2 = -1, clear -> 1.
        // Acc_i = 0 + 8*2*-1 = -16; Acc_f = 256 + 8*2*1 = 272; Acc_g = -384 + 0; Acc_o = 128 + 4*2*-1 = 120.
        Assert.Equal([-16L, 272, -384, 120], layer.Accumulators);
        // z: floor(-8/16) = -1 + 16 = 15; floor(280/16) = 17; -16; floor(128/16) = 8 - 8 = 0.
        Assert.Equal([15L, 17, -16, 0], layer.PreActivations);
        // 15 >> 3 = 1: sigmoid(0.75) = 0.6792 -> 43; 17 >> 3 = 2 -> 50.
        Assert.Equal([43L], layer.InputGate);
        Assert.Equal([50L], layer.ForgetGate);
        // c = rshr(50 * -8, 6) + rshr(43 * -41, 8) = floor(-368/64) + floor(-1635/256) = -6 + -7 = -13.
        Assert.Equal([-13L], layer.Cell);
        // tanh_FC(-13): -13 >> 3 = -2 -> -41; h = rshr(36 * -41, 6) = floor(-1444/64) = -23.
        Assert.Equal([-23L], layer.Hidden);
        // S = 23, G = floor((46 + 4) / 8) = 6.
        Assert.Equal([6L], layer.Requantized.Coefficients);
    }

    [Fact]
    public void OutputIsTheHiddenStateEveryStep()
    {
        var output = new GoldenLstm(HandModels.OneUnit()).RunSequence([HandModels.OneUnitInput(), HandModels.OneUnitInput()]);
        Assert.Equal([[-9L], [-23L]], output.Values);
        Assert.Equal([-9f / 64, -23f / 64], output.Dequantize(HandModels.Spec()));
    }

    [Fact]
    public void ZeroInitialStateContributesNothing()
    {
        // A different W_hh changes nothing at step 0 (G_h = 0), and everything from step 1 on.
        var spec = HandModels.Spec();
        var original = HandModels.OneUnit();
        var flipped = new ModelImage(spec,
            [original.Layers[0] with { HiddenWeights = new ImageMatrix(4, 1, 1, [0, 1, 1, 0], [127, 127, 127, 127]) }], null);
        var a = new List<GoldenStepTrace>();
        var b = new List<GoldenStepTrace>();
        var steps = new[] { HandModels.OneUnitInput(), HandModels.OneUnitInput() };
        new GoldenLstm(original).RunSequence(steps, a);
        new GoldenLstm(flipped).RunSequence(steps, b);
        Assert.Equal(a[0].Layers[0].Accumulators, b[0].Layers[0].Accumulators);
        Assert.NotEqual(a[1].Layers[0].Accumulators, b[1].Layers[0].Accumulators);
    }

    [Fact]
    public void EverySequenceStartsFromResetState()
    {
        var golden = new GoldenLstm(HandModels.OneUnit());
        var other = new CodedVector(2, [0b10], [40]);
        var results = golden.Run([[other, other, other], [HandModels.OneUnitInput(), HandModels.OneUnitInput()], [HandModels.OneUnitInput()]]);
        Assert.Equal(3, results[0].Values.Count);
        Assert.Equal([[-9L], [-23L]], results[1].Values);
        Assert.Equal([[-9L]], results[2].Values);
    }
}
