using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class Int8QuantizerTests
{
    private static readonly QuantizerOptions Int8 = new(QuantMethod.Int8, 8);

    [Fact]
    public void Int8_by_hand()
    {
        // Range [-1, 2]: scale 3/255, zero point 85, so q = 0, 85, 170, 255.
        var tensor = Quantizer.QuantizeVector([-1f, 0f, 1f, 2f], Int8);
        float scale = 3f / 255f;
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(scale * MathF.Pow(2, i - 1), tensor.Coefficients[i], 6);
            Assert.Equal(i % 2 == 0 ? 0b1010UL : 0b1100UL, tensor.Plane(0, i)[0]);
        }
        Assert.Equal(scale * 42.5f, tensor.Offsets[0], 6);
        var values = tensor.Dequantize();
        float[] expected = [-1f, 0f, 1f, 2f];
        for (int c = 0; c < 4; c++) Assert.Equal(expected[c], values[c], 5);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(3.0, 1.0)]
    [InlineData(-5.0, 0.3)]
    public void Int8_dequantizes_to_the_tflite_formula(double mean, double sigma)
    {
        const int rows = 6, cols = 150;
        var matrix = TestData.Gaussian(rows * cols, seed: 80).Select(x => (float)(mean + sigma * x)).ToArray();
        var tensor = Quantizer.QuantizeRows(matrix, rows, cols, Int8);
        for (int r = 0; r < rows; r++)
        {
            var row = TestData.Row(matrix, r, cols);
            double min = Math.Min(0, row.Min()), max = Math.Max(0, row.Max());
            double scale = (max - min) / 255;
            double zeroFromMin = -min / scale, zeroFromMax = 255 - max / scale;
            double zero = Math.Abs(min / scale) < 255 + Math.Abs(max / scale) ? zeroFromMin : zeroFromMax;
            int zp = (int)Math.Clamp(Math.Round(zero, MidpointRounding.AwayFromZero), 0, 255);
            for (int c = 0; c < cols; c++)
            {
                int q = Math.Clamp((int)Math.Round(row[c] / scale, MidpointRounding.AwayFromZero) + zp, 0, 255);
                double expected = scale * (q - zp);
                Assert.Equal(expected, tensor.Value(r, c), 1e-5 * (max - min));
                Assert.Equal(q, Reference.Pattern(tensor, r, c));
            }
        }
    }
}
