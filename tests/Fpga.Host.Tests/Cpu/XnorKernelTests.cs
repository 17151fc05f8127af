using Fpga.Host.Cpu;
using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Cpu;

/// <summary>Every vector path against the scalar path, and the scalar path against the contract's popcount product.</summary>
public sealed class XnorKernelTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        // Column counts around word and chunk edges, and 32 chunks: past both kernels' byte-counter flush.
        int[] columns = [1, 63, 64, 65, 511, 512, 513, 1024, 32 * 512 + 7];
        var shapes = new HashSet<(int, int, int)>();
        int index = 0;
        for (int kw = 1; kw <= 4; kw++)
        {
            for (int ka = 1; ka <= 4; ka++) shapes.Add((columns[index++ % columns.Length], kw, ka));
        }
        foreach (int cols in columns) shapes.Add((cols, 3, 3));
        var data = new TheoryData<int, int, int>();
        foreach (var (cols, kw, ka) in shapes) data.Add(cols, kw, ka);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryPathGivesTheContractsProduct(int cols, int kw, int ka)
    {
        var random = new Random(cols * 16 + kw * 4 + ka);
        const int rows = 19;
        var matrix = RandomMatrix(random, rows, cols, kw);
        var vector = RandomVector(random, cols, ka);
        var packed = new PackedMatrix(matrix);
        var activations = new PackedActivations(cols, ka);
        activations.Load(vector);

        var expected = new long[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < kw; i++)
            {
                for (int j = 0; j < ka; j++) expected[r] += matrix.Coefficient(r, i) * vector.Coefficients[j] * XnorPopcount.Dot(matrix.Plane(r, i), vector.Plane(j), cols);
            }
        }
        foreach (var isa in PopcountIsas.Supported)
        {
            // Start at row 2 over 15 rows, with an offset already in the accumulators: the kernels add.
            var acc = Enumerable.Range(0, 15).Select(k => (long)k * 1000).ToArray();
            XnorKernels.Accumulate(isa, packed, activations, 2, acc);
            Assert.Equal(Enumerable.Range(0, 15).Select(k => expected[k + 2] + k * 1000L), acc);
        }
    }

    /// <summary>
    /// Coefficients at the ends of 32-bit formats (the spec's widest) on one side and of 12-bit ones
    /// on the other, so every product stays inside 64 bits: the sign of a 32-bit G must survive the
    /// vector paths' 32 x 32 -> 64-bit multiply, and A's the 64-bit one.
    /// </summary>
    [Theory]
    [InlineData(32, 12)]
    [InlineData(12, 32)]
    public void CoefficientsAtTheEndsOfTheirFormatsGiveTheScalarResult(int weightBits, int activationBits)
    {
        var random = new Random(weightBits);
        const int cols = 4096, rows = 4;
        var matrix = RandomMatrix(random, rows, cols, 3, extremeBits: weightBits);
        var vector = RandomVector(random, cols, 3, extremeBits: activationBits);
        var packed = new PackedMatrix(matrix);
        var activations = new PackedActivations(cols, 3);
        activations.Load(vector);
        var reference = new long[rows];
        XnorKernels.Accumulate(PopcountIsa.Scalar, packed, activations, 0, reference);
        foreach (var isa in PopcountIsas.Supported)
        {
            var acc = new long[rows];
            XnorKernels.Accumulate(isa, packed, activations, 0, acc);
            Assert.Equal(reference, acc);
        }
    }

    /// <summary>Random planes (padding clear) and 12-bit coefficients, or the two ends of a <paramref name="extremeBits"/>-bit format.</summary>
    internal static ImageMatrix RandomMatrix(Random random, int rows, int cols, int codes, int extremeBits = 0)
    {
        int words = CodedVector.WordsFor(cols);
        var planes = new ulong[rows * codes * words];
        for (int p = 0; p < rows * codes; p++) FillPlane(random, planes.AsSpan(p * words, words), cols);
        var coefficients = Enumerable.Range(0, rows * codes).Select(_ => Coefficient(random, extremeBits)).ToArray();
        return new ImageMatrix(rows, cols, codes, planes, coefficients);
    }

    internal static CodedVector RandomVector(Random random, int cols, int codes, int extremeBits = 0)
    {
        int words = CodedVector.WordsFor(cols);
        var planes = new ulong[codes * words];
        for (int j = 0; j < codes; j++) FillPlane(random, planes.AsSpan(j * words, words), cols);
        return new CodedVector(cols, planes, Enumerable.Range(0, codes).Select(_ => Coefficient(random, extremeBits)).ToArray());
    }

    private static long Coefficient(Random random, int extremeBits) =>
        extremeBits == 0 ? random.Next(-2048, 2048) : random.Next(2) == 0 ? -(1L << (extremeBits - 1)) : (1L << (extremeBits - 1)) - 1;

    private static void FillPlane(Random random, Span<ulong> plane, int cols)
    {
        for (int w = 0; w < plane.Length; w++) plane[w] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        if (cols % 64 != 0) plane[^1] &= (1UL << (cols % 64)) - 1;
    }
}
