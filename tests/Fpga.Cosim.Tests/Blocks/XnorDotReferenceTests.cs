using System.Numerics;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

public class XnorDotReferenceTests
{
    [Fact]
    public void EqualVectorsGiveNAndComplementsGiveMinusN()
    {
        var a = XnorDotReference.RandomVector(new Random(3), 37);
        var complement = ~a & ((BigInteger.One << 37) - 1);
        Assert.Equal(37, XnorDotReference.Dot(a, a, 37));
        Assert.Equal(-37, XnorDotReference.Dot(a, complement, 37));
    }

    [Fact]
    public void MatchesTheSumOfSignProducts()
    {
        var random = new Random(5);
        var a = XnorDotReference.RandomVector(random, 70);
        var b = XnorDotReference.RandomVector(random, 70);
        int expected = 0;
        for (int i = 0; i < 70; i++)
            expected += (((a >> i) & 1) == 1 ? 1 : -1) * (((b >> i) & 1) == 1 ? 1 : -1);
        Assert.Equal(expected, XnorDotReference.Dot(a, b, 70));
    }

    [Fact]
    public void SignedReadsTwosComplement()
    {
        Assert.Equal(-1, TwosComplement.Signed(0x3FF, 10));
        Assert.Equal(511, TwosComplement.Signed(511, 10));
        Assert.Equal(-512, TwosComplement.Signed(512, 10));
    }
}
