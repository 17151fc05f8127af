using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class ErrorOrderingTests
{
    private const int Rows = 48, Cols = 512;
    private static readonly float[] Matrix = TestData.Gaussian(Rows * Cols, seed: 2018);

    private static double Error(QuantMethod method, int bits) =>
        QuantizationError.Relative(Matrix, Quantizer.QuantizeRows(Matrix, Rows, Cols, new QuantizerOptions(method, bits)));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Alternating_beats_refined_beats_greedy_on_gaussian_weights(int bits)
    {
        double greedy = Error(QuantMethod.Greedy, bits);
        double refined = Error(QuantMethod.Refined, bits);
        double alternating = Error(QuantMethod.Alternating, bits);
        Assert.True(alternating < refined, $"alternating {alternating} vs refined {refined}");
        Assert.True(refined < greedy, $"refined {refined} vs greedy {greedy}");
    }

    [Theory]
    [InlineData(QuantMethod.Greedy)]
    [InlineData(QuantMethod.Refined)]
    [InlineData(QuantMethod.Alternating)]
    [InlineData(QuantMethod.Uniform)]
    public void Error_falls_with_every_extra_bit(QuantMethod method)
    {
        double previous = double.PositiveInfinity;
        for (int bits = 1; bits <= QuantizedTensor.MaxCodes; bits++)
        {
            double error = Error(method, bits);
            Assert.True(error < previous, $"{method} {bits} bits: {error} after {previous}");
            previous = error;
        }
    }

    [Fact]
    public void Binary_error_matches_the_gaussian_theory()
    {
        // For N(0, 1) the best sign code keeps E|w|^2 = 2/pi of the energy, leaving 1 - 2/pi.
        Assert.Equal(1 - 2 / Math.PI, Error(QuantMethod.Binary, 1), 2);
    }
}
