using System.Text;
using Fpga.Gen.Cores.Link;

namespace Fpga.Gen.Tests.Link;

public class LinkCrcTests
{
    [Fact]
    public void MatchesTheCatalogueCheckValue() =>
        // CRC-16/CCITT-FALSE of "123456789" is 0x29B1 in every CRC catalogue.
        Assert.Equal(0x29B1, LinkCrc.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void AFrameWithItsCrcAppendedChecksToZero()
    {
        var data = new byte[] { 0x02, 0x07, 0x10, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        ushort crc = LinkCrc.Compute(data);
        Assert.Equal(0, LinkCrc.Compute([.. data, (byte)(crc >> 8), (byte)crc]));
    }

    [Fact]
    public void OneFlippedBitChangesTheCrc()
    {
        var data = Encoding.ASCII.GetBytes("a frame of some length");
        ushort crc = LinkCrc.Compute(data);
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            var flipped = (byte[])data.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(crc, LinkCrc.Compute(flipped));
        }
    }
}
