using Fpga.Gen.Spec;
using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

/// <summary><see cref="HandModels.OneUnit"/> with interpolated nonlinearities: 17 breakpoints E[k] = f(-4 + k/2) * 64, s = 3, u = x + 64.</summary>
public sealed class PiecewiseLinearStepTests
{
    [Fact]
    public void FirstTwoStepsByHand()
    {
        var spec = HandModels.Spec() with { Nonlinearity = NonlinearityKind.PiecewiseLinear };
        var trace = new List<GoldenStepTrace>();
        new GoldenLstm(HandModels.OneUnit(spec)).RunSequence([HandModels.OneUnitInput(), HandModels.OneUnitInput()], trace);
        var first = trace[0].Layers[0];
        // z = 16, 16, -16, 0 as with tables. u = 80: k = 10, d = 0 -> E[10] = sigmoid(1) * 64 = 46.79 -> 47;
        // u = 48: E[6] = tanh(-1) * 64 = -48.74 -> -49; u = 64: E[8] = 32.
        Assert.Equal([47L], first.InputGate);
        Assert.Equal([-49L], first.CellCandidate);
        Assert.Equal([32L], first.OutputGate);
        // c = rshr(47 * -49, 8) = floor(-2175 / 256) = -9. tanh_FC(-9): u = 55, k = 6, d = 7:
        // E[6] + rshr((E[7] - E[6]) * 7, 3) = -49 + rshr((-30 + 49) * 7, 3) = -49 + 17 = -32. h = rshr(32 * -32, 6) = -16.
        Assert.Equal([-9L], first.Cell);
        Assert.Equal([-16L], first.Hidden);
        // Step 2, z_i = 15 (greedy G_h = 4 now changes Acc_i: 0 + 8 * 4 * -1 = -32 -> rshr 4 = -2 + 16 = 14).
        var second = trace[1].Layers[0];
        Assert.Equal([4L], first.Requantized.Coefficients);
        Assert.Equal(14, second.PreActivations[0]);
        // u = 78: k = 9, d = 6: E[9] = sigmoid(0.5) * 64 = 39.85 -> 40; 40 + rshr(7 * 6, 3) = 40 + 5 = 45.
        Assert.Equal([45L], second.InputGate);
    }
}
