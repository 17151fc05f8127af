using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Spec;

public class DerivedWidthsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(127, 8)]
    [InlineData(128, 9)]
    [InlineData(255, 9)]
    public void SignedBitsHoldPlusAndMinusTheBound(long bound, int expected) => Assert.Equal(expected, DerivedWidths.SignedBits(bound));

    [Fact]
    public void AccumulatorCoversEveryCodePairAtFullScale()
    {
        // 4-bit coefficients: |A * G| <= 8 * 8 = 64; kw * ka = 6 pairs; 3 + 2 columns: 64 * 6 * 5 = 1920 -> 12 bits; one term over 2 columns 128 -> 9.
        var spec = new AcceleratorSpec
        {
            InputSize = 3, HiddenSize = 2, WeightCodes = 2, ActivationCodes = 3, Pe = 1,
            WeightCoefficient = new FixedFormat(4, 2), ActivationCoefficient = new FixedFormat(4, 2),
            Gate = new FixedFormat(8, 2), Cell = new FixedFormat(8, 3), Hidden = new FixedFormat(6, 3), NonlinearityTableBits = 4, NonlinearityInputRangeLog2 = 1,
        };
        var widths = DerivedWidths.For(spec);
        Assert.Equal(8, widths.CoefficientProduct);
        Assert.Equal(new LayerWidths(3, 3, 9, 9, 12), widths.Layers[0]);
        Assert.Equal(0, widths.DenseAccumulator);
        // F* = 3: hidden bound 2^5 * 2^0 = 32, level bound 7 * 2^1 = 14 -> 7 bits; sum 64 -> 8; 2 * 64 + 2 * 2 = 132 -> 9.
        Assert.Equal(7, widths.Residual);
        Assert.Equal(8, widths.ResidualSum);
        Assert.Equal(9, widths.RoundedDivideNumerator);
        // rshr(1920, 2) <= 481, + 2^7 = 609 -> 11 bits. Cell: (32 * 128 >> 3) + 1 + (32 * 32 >> 3) + 1 = 642 -> 11 bits.
        Assert.Equal(11, widths.PreActivationSum);
        Assert.Equal(11, widths.CellSum);
    }

    [Fact]
    public void LeftShiftedPreActivationIsWiderThanTheAccumulator()
    {
        // FA + FG = 2 < FZ = 6: rshr by -4 multiplies the accumulator bound by 16.
        var spec = new AcceleratorSpec
        {
            InputSize = 1, HiddenSize = 1, WeightCodes = 1, ActivationCodes = 1, Pe = 1,
            WeightCoefficient = new FixedFormat(4, 1), ActivationCoefficient = new FixedFormat(4, 1),
            Gate = new FixedFormat(10, 6), Cell = new FixedFormat(10, 6), Hidden = new FixedFormat(8, 6), NonlinearityTableBits = 4, NonlinearityInputRangeLog2 = 1,
        };
        var widths = DerivedWidths.For(spec);
        // Acc: 64 * 1 * 2 = 128 -> 9 bits; shifted 2048 + 512 = 2560 -> 13 bits.
        Assert.Equal(9, widths.Layers[0].Accumulator);
        Assert.Equal(13, widths.PreActivationSum);
    }

    [Theory]
    [InlineData(8, 7, 8, 14)]
    [InlineData(5, 9, 11, 20)]
    [InlineData(12, 3, 4, 6)]
    public void InterpolationWidthsHoldTheTablesSteps(int tableBits, int expectedStepMagnitude, int stepWidth, int productWidth)
    {
        // Default formats, R = 3: breakpoints 2^(4-T) apart; |E[k+1] - E[k]| <= 2^(4-T+10) + 1
        // (65 at T = 8: 8 bits; 513 at T = 5: 11 bits; 5 at T = 12: 4 bits);
        // the product's offset d reaches 2^s, s = 4 - T + 10 (65 * 64, 513 * 512, 5 * 4).
        var spec = new AcceleratorSpec { Nonlinearity = NonlinearityKind.PiecewiseLinear, NonlinearityTableBits = tableBits }.Validate();
        var widths = DerivedWidths.For(spec);
        Assert.Equal(stepWidth, widths.BreakpointStep);
        Assert.Equal(productWidth, widths.InterpolationProduct);
        var tables = NonlinearityTables.For(spec);
        long steepest = tables.Tanh.Zip(tables.Tanh.Skip(1), (a, b) => Math.Abs(b - a)).Max();
        // tanh's slope is 1 at 0, so its steepest step nearly reaches the bound: the width is at most a bit loose.
        Assert.True(DerivedWidths.Fits(steepest, widths.BreakpointStep), $"steepest step {steepest}");
        Assert.True(DerivedWidths.SignedBits(steepest) >= widths.BreakpointStep - 1, $"steepest step {steepest}");
        Assert.Equal(expectedStepMagnitude, (int)Math.Log2(steepest) + 1);
        Assert.Equal(0, DerivedWidths.For(spec with { Nonlinearity = NonlinearityKind.Table }).InterpolationProduct);
    }

    [Fact]
    public void FitsChecksTheSignedRange()
    {
        Assert.True(DerivedWidths.Fits(127, 8));
        Assert.False(DerivedWidths.Fits(128, 8));
        Assert.True(DerivedWidths.Fits(-128, 8));
        Assert.False(DerivedWidths.Fits(-129, 8));
        Assert.True(DerivedWidths.Fits(long.MinValue, 64));
    }
}
