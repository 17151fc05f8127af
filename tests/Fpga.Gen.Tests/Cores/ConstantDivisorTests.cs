using System.Numerics;
using Fpga.Gen.Cores;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Cores;

public sealed class ConstantDivisorTests
{
    [Theory]
    [InlineData(6, 1000)]
    [InlineData(7, 5000)]
    [InlineData(66, 100_000)]
    [InlineData(2 * 33 * 4, 300_000)]
    [InlineData(256, 70_000)]
    public void AgreesWithDivisionForEveryNumerator(int divisor, int maxNumerator)
    {
        var d = ConstantDivisor.For(divisor, maxNumerator);
        for (int n = 0; n <= maxNumerator; n++) Assert.Equal(n / divisor, (int)d.Divide(n));
        Assert.Null(d.Verify());
    }

    [Fact]
    public void PowersOfTwoNeedNoMultiplier()
    {
        var d = ConstantDivisor.For(256, 1 << 20);
        Assert.Equal(0, d.MultiplierBits);
        Assert.Equal(8, d.PreShift);
    }

    [Fact]
    public void VerifyFindsAReciprocalThatIsNotExact()
    {
        // 37 / 2^8 is a little more than 1/7: right for small numerators, wrong from 90 on.
        Assert.Null(ConstantDivisor.Of(7, 89, 0, 37, 8).Verify());
        Assert.Equal(90, ConstantDivisor.Of(7, 1000, 0, 37, 8).Verify());
    }

    /// <summary>Every greedy divisor of every hidden size the spec allows, at its numerator bound, is exact.</summary>
    [Theory]
    [InlineData(12, 10, 12, 10)]
    [InlineData(12, 10, 16, 14)]
    [InlineData(16, 14, 12, 8)]
    public void EveryGreedyDivisorIsExact(int hiddenWidth, int hiddenFraction, int coefficientWidth, int coefficientFraction)
    {
        foreach (int h in Enumerable.Range(1, 130).Concat([255, 1000, 1023, 4095, 4096]))
        {
            var spec = new AcceleratorSpec
            {
                HiddenSize = h, Hidden = new FixedFormat(hiddenWidth, hiddenFraction), ActivationCoefficient = new FixedFormat(coefficientWidth, coefficientFraction),
                Pe = 4,
            };
            // Generation verifies the reciprocal at every step of the quotient and throws otherwise.
            var unit = HiddenStateRequantizer.Generate(spec, simd: 8);
            Assert.NotNull(unit.Divisor);
            Assert.Null(unit.Divisor!.Verify());
        }
    }
}
