using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

public sealed class XnorPopcountTests
{
    [Fact]
    public void CountsOnlyTheRealColumns()
    {
        // 70 columns: two words, 6 real bits in the second. All +1 against all -1 is -70, not -128.
        ulong[] ones = [ulong.MaxValue, 0b11_1111];
        ulong[] zeros = [0, 0];
        Assert.Equal(-70, XnorPopcount.Dot(ones, zeros, 70));
        Assert.Equal(70, XnorPopcount.Dot(ones, ones, 70));
        Assert.Equal(70, XnorPopcount.Dot(zeros, zeros, 70));
    }

    [Fact]
    public void MatchesTheSignedDotProduct()
    {
        var random = new Random(11);
        const int n = 130;
        var a = new int[n];
        var c = new int[n];
        ulong[] aw = new ulong[3], cw = new ulong[3];
        for (int k = 0; k < n; k++)
        {
            a[k] = random.Next(2) == 0 ? -1 : 1;
            c[k] = random.Next(2) == 0 ? -1 : 1;
            if (a[k] > 0) aw[k >> 6] |= 1UL << (k & 63);
            if (c[k] > 0) cw[k >> 6] |= 1UL << (k & 63);
        }
        Assert.Equal(a.Zip(c, (x, y) => x * y).Sum(), XnorPopcount.Dot(aw, cw, n));
    }

    [Fact]
    public void RefusesRowsOfTheWrongLength() =>
        Assert.Throws<ArgumentException>(() => XnorPopcount.Dot([0UL], [0UL], 65));
}
