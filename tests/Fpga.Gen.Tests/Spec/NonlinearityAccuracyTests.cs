using Fpga.Gen.Spec;
using Xunit.Abstractions;

namespace Fpga.Gen.Tests.Spec;

/// <summary>
/// Sigmoid and tanh as the accelerator computes them against the float functions, at every
/// input the gate format holds: the interpolation's error bound holds, and it beats the plain
/// table of the same size by far.
/// </summary>
public class NonlinearityAccuracyTests(ITestOutputHelper output)
{
    // max |f''|: tanh 4 / (3 sqrt 3) at atanh(1/sqrt 3); sigmoid sqrt(3) / 18.
    private static readonly double TanhCurvature = 4 / (3 * Math.Sqrt(3));
    private static readonly double SigmoidCurvature = Math.Sqrt(3) / 18;

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    public void InterpolationIsWithinItsBoundAndBeatsTheTable(int tableBits)
    {
        var pwl = new AcceleratorSpec { Nonlinearity = NonlinearityKind.PiecewiseLinear, NonlinearityTableBits = tableBits }.Validate();
        var table = pwl with { Nonlinearity = NonlinearityKind.Table };
        var (pwlSigmoid, pwlTanh) = MaxErrors(pwl);
        var (tableSigmoid, tableTanh) = MaxErrors(table);
        output.WriteLine($"T = {tableBits}: max |error| sigmoid {tableSigmoid:E2} (table) {pwlSigmoid:E2} (piecewise linear), tanh {tableTanh:E2} (table) {pwlTanh:E2} (piecewise linear)");

        // Linear interpolation of f is off by at most h^2 / 8 max|f''|; rounding the breakpoints
        // adds half a step of 2^-FH and the rounding shift another half; beyond +-2^R the clamp
        // adds the function's distance from its value at the range's end.
        double h = Math.ScaleB(1.0, pwl.NonlinearityInputRangeLog2 + 1 - tableBits);
        double end = Math.ScaleB(1.0, pwl.NonlinearityInputRangeLog2);
        double lsb = pwl.Hidden.Resolution;
        Assert.InRange(pwlSigmoid, 0, h * h / 8 * SigmoidCurvature + lsb + 1 / (1 + Math.Exp(end)) + 1e-12);
        Assert.InRange(pwlTanh, 0, h * h / 8 * TanhCurvature + lsb + (1 - Math.Tanh(end)) + 1e-12);
        // The plain table is off by half a bin times the slope; interpolation by far less while
        // the bins are coarser than the output resolution.
        Assert.True(pwlTanh < tableTanh / 4, $"tanh: piecewise linear {pwlTanh} against table {tableTanh}");
        Assert.True(pwlSigmoid < tableSigmoid / 2, $"sigmoid: piecewise linear {pwlSigmoid} against table {tableSigmoid}");
    }

    private static (double Sigmoid, double Tanh) MaxErrors(AcceleratorSpec spec)
    {
        var tables = NonlinearityTables.For(spec);
        int f = spec.Gate.Fraction;
        double sigmoid = 0, tanh = 0;
        for (long x = spec.Gate.Min; x <= spec.Gate.Max; x++)
        {
            double v = Math.ScaleB(x, -f);
            sigmoid = Math.Max(sigmoid, Math.Abs(tables.EvaluateSigmoid(x, f) * spec.Hidden.Resolution - 1 / (1 + Math.Exp(-v))));
            tanh = Math.Max(tanh, Math.Abs(tables.EvaluateTanh(x, f) * spec.Hidden.Resolution - Math.Tanh(v)));
        }
        return (sigmoid, tanh);
    }
}
