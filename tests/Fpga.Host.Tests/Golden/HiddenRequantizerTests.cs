using Fpga.Gen.Spec;
using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

public sealed class HiddenRequantizerTests
{
    private static AcceleratorSpec Spec(int hiddenFraction, int coefficientFraction, int ka, int coefficientWidth = 12) => new AcceleratorSpec
    {
        InputSize = 3, HiddenSize = 3, ActivationCodes = ka, Pe = 1,
        Hidden = new FixedFormat(12, hiddenFraction),
        ActivationCoefficient = new FixedFormat(coefficientWidth, coefficientFraction),
    }.Validate();

    private static ulong Bits(CodedVector v, int code) => v.Plane(code)[0];

    [Fact]
    public void GreedyWhenTheHiddenFormatIsFiner()
    {
        // FH = 10, FG = 8: F* = 10, r = h, D = 3 * 2^2 = 12.
        var spec = Spec(10, 8, 2);
        var codes = HiddenRequantizer.Greedy([100, -50, 7], spec, DerivedWidths.For(spec));
        // j = 0: S = 157, G = floor((314 + 12) / 24) = 13, bits + - +, r -= +-52: [48, 2, -45].
        // j = 1: S = 95, G = floor((190 + 12) / 24) = 8, bits + + -.
        Assert.Equal([13L, 8], codes.Coefficients);
        Assert.Equal(0b101UL, Bits(codes, 0));
        Assert.Equal(0b011UL, Bits(codes, 1));
    }

    [Fact]
    public void GreedyWhenTheCoefficientFormatIsFiner()
    {
        // FH = 6, FG = 8: F* = 8, r = h * 4 = [400, -200, 28], D = 3.
        var spec = Spec(6, 8, 2);
        var codes = HiddenRequantizer.Greedy([100, -50, 7], spec, DerivedWidths.For(spec));
        // j = 0: S = 628, G = floor(1259 / 6) = 209, r = [191, 9, -181]; j = 1: S = 381, G = floor(765 / 6) = 127.
        Assert.Equal([209L, 127], codes.Coefficients);
        Assert.Equal(0b101UL, Bits(codes, 0));
        Assert.Equal(0b011UL, Bits(codes, 1));
    }

    [Fact]
    public void GreedyCoefficientSaturates()
    {
        // G format Q(6, 4): at most 31 (1.94); h = 2047 (2.0 at FH = 10) in every unit needs 32.
        var spec = Spec(10, 4, 1, coefficientWidth: 6);
        var codes = HiddenRequantizer.Greedy([2047, 2047, 2047], spec, DerivedWidths.For(spec));
        // S = 6141, D = 3 * 2^6 = 192: 6141 / 192 = 31.98 -> 32, saturated to 31.
        Assert.Equal([31L], codes.Coefficients);
    }

    [Fact]
    public void StaticCodesFollowTheResidualSigns()
    {
        // FH = FG = 8; levels 64 and 32: h = [100, -20, 0]: r - 64 or + 64 -> [36, 44, -64]; then [4, 12, -32].
        var spec = Spec(8, 8, 2);
        var codes = HiddenRequantizer.Static([100, -20, 0], [64, 32], spec, DerivedWidths.For(spec));
        Assert.Equal([64L, 32], codes.Coefficients);
        Assert.Equal(0b101UL, Bits(codes, 0));
        Assert.Equal(0b011UL, Bits(codes, 1));
    }

    [Fact]
    public void StaticCodesPickTheNearestLevel()
    {
        // Levels of +-48 +-24 +-12: each coefficient covers the later ones, so the sign walk is nearest.
        var spec = Spec(8, 8, 3);
        long[] g = [48, 24, 12];
        var levels = Enumerable.Range(0, 8).Select(m => Enumerable.Range(0, 3).Sum(j => ((m >> j) & 1) == 1 ? g[j] : -g[j])).ToArray();
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            long[] h = [random.Next(-120, 121), random.Next(-120, 121), random.Next(-120, 121)];
            var codes = HiddenRequantizer.Static(h, g, spec, DerivedWidths.For(spec));
            for (int k = 0; k < 3; k++)
            {
                long value = Enumerable.Range(0, 3).Sum(j => codes.Bit(j, k) ? g[j] : -g[j]);
                long best = levels.Min(level => Math.Abs(level - h[k]));
                Assert.Equal(best, Math.Abs(value - h[k]));
            }
        }
    }
}
