using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Spec;

public class NonlinearityTablesTests
{
    [Theory]
    [InlineData(NonlinearityKind.Table)]
    [InlineData(NonlinearityKind.PiecewiseLinear)]
    public void TablesTrackTheFunctionsWithinTheirResolution(NonlinearityKind kind)
    {
        var spec = new AcceleratorSpec { Nonlinearity = kind }.Validate();
        var tables = NonlinearityTables.For(spec);
        int fz = spec.Gate.Fraction;
        double binWidth = Math.ScaleB(1.0, spec.NonlinearityInputRangeLog2 + 1 - spec.NonlinearityTableBits);
        // Slope of sigmoid <= 1/4, of tanh <= 1: a table is off by at most half a bin times the slope.
        double tolerance = (kind == NonlinearityKind.Table ? binWidth / 2 : binWidth * binWidth) + 2 * spec.Hidden.Resolution;
        for (double x = -7.9; x < 7.9; x += 0.037)
        {
            long xi = (long)Math.Round(x * (1 << fz));
            double xr = xi / (double)(1 << fz);
            Assert.InRange(tables.EvaluateSigmoid(xi, fz) * spec.Hidden.Resolution - 1 / (1 + Math.Exp(-xr)), -tolerance / 4 - 1e-9, tolerance / 4 + 1e-9);
            Assert.InRange(tables.EvaluateTanh(xi, fz) * spec.Hidden.Resolution - Math.Tanh(xr), -tolerance - 1e-9, tolerance + 1e-9);
        }
    }

    [Fact]
    public void InputsBeyondTheRangeClampToTheEnds()
    {
        var spec = new AcceleratorSpec().Validate();
        var tables = NonlinearityTables.For(spec);
        Assert.Equal(tables.Sigmoid[^1], tables.EvaluateSigmoid(1L << 20, spec.Gate.Fraction));
        Assert.Equal(tables.Sigmoid[0], tables.EvaluateSigmoid(-(1L << 20), spec.Gate.Fraction));
        Assert.Equal(1 << spec.NonlinearityTableBits, tables.Tanh.Count);
    }

    [Fact]
    public void TheCellInputIndexesTheSameTableWithItsOwnFraction()
    {
        var spec = new AcceleratorSpec { Cell = new FixedFormat(16, 8) }.Validate();
        var tables = NonlinearityTables.For(spec);
        Assert.Equal(tables.EvaluateTanh(1 << 10, spec.Gate.Fraction), tables.EvaluateTanh(1 << 8, spec.Cell.Fraction));
    }
}
