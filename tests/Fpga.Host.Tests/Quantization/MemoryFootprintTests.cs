using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class MemoryFootprintTests
{
    [Fact]
    public void Footprint_counts_padded_planes_coefficients_and_offsets()
    {
        // 4 x 100 at 2 bits: 2 words per plane, 4*2*2 words = 128 bytes, 8 coefficients and 4 offsets = 48 bytes.
        var tensor = Quantizer.QuantizeRows(TestData.Gaussian(400, seed: 1), 4, 100, new QuantizerOptions(QuantMethod.Alternating, 2));
        var footprint = MemoryFootprint.Of(tensor);
        Assert.Equal(1600, footprint.Float32Bytes);
        Assert.Equal(176, footprint.QuantizedBytes);
        Assert.Equal(1424, footprint.SavedBytes);
        Assert.Equal(1600.0 / 176, footprint.CompressionRatio, 12);
        Assert.Equal(1424.0 / 1600, footprint.SavedFraction, 12);
    }

    [Fact]
    public void Large_binary_matrix_approaches_thirty_two_times_smaller()
    {
        var tensor = Quantizer.QuantizeRows(TestData.Gaussian(64 * 4096, seed: 2), 64, 4096, new QuantizerOptions(QuantMethod.Binary, 1));
        double ratio = MemoryFootprint.Of(tensor).CompressionRatio;
        Assert.InRange(ratio, 31.5, 32.0);
    }

    [Fact]
    public void Tiny_int8_vector_can_cost_more_than_its_floats()
    {
        var footprint = MemoryFootprint.Of(Quantizer.QuantizeVector([1f], new QuantizerOptions(QuantMethod.Int8, 8)));
        Assert.Equal(4, footprint.Float32Bytes);
        Assert.Equal(8 * 8 + 8 * 4 + 4, footprint.QuantizedBytes);
        Assert.True(footprint.SavedFraction < 0);
    }
}
