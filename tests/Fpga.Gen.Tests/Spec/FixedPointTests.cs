using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Spec;

public class FixedPointTests
{
    [Theory]
    [InlineData(5, 1, 3)]
    [InlineData(-5, 1, -2)]
    [InlineData(-6, 2, -1)]
    [InlineData(-7, 2, -2)]
    [InlineData(6, 2, 2)]
    [InlineData(3, 0, 3)]
    [InlineData(3, -2, 12)]
    public void RoundShiftRightRoundsHalfUp(long x, int s, long expected) => Assert.Equal(expected, FixedPoint.RoundShiftRight(x, s));

    [Fact]
    public void QuantizeRoundsHalfAwayFromZeroAndSaturates()
    {
        var q = new FixedFormat(8, 2);
        Assert.Equal(3, FixedPoint.Quantize(0.625, q));
        Assert.Equal(-3, FixedPoint.Quantize(-0.625, q));
        Assert.Equal(127, FixedPoint.Quantize(100.0, q));
        Assert.Equal(-128, FixedPoint.Quantize(-100.0, q));
    }

    [Theory]
    [InlineData(7, 2, 4)]
    [InlineData(5, 2, 3)]
    [InlineData(4, 3, 1)]
    [InlineData(0, 5, 0)]
    public void RoundedDivideRoundsHalfUp(long s, long d, long expected) => Assert.Equal(expected, FixedPoint.RoundedDivide(s, d));
}
