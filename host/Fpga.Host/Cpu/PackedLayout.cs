namespace Fpga.Host.Cpu;

/// <summary>
/// The streaming layout shared by weights and activations: a row of bits is cut into chunks of
/// 512 bits (8 words, one cache line, one Vector512); the last chunk's unused words are zero in
/// both operands, so their XOR adds nothing to a popcount, exactly like the contract's padding bits.
/// </summary>
internal static class PackedLayout
{
    public const int WordsPerChunk = 8;
    public const int ColumnsPerChunk = 64 * WordsPerChunk;

    public static int ChunksFor(int columns) => (columns + ColumnsPerChunk - 1) / ColumnsPerChunk;

    /// <summary>Copies a contract plane (ceil(n/64) words) into a chunk-padded destination, zeroing the rest.</summary>
    public static void CopyPlaneWord(ReadOnlySpan<ulong> plane, int chunk, Span<ulong> destination)
    {
        for (int w = 0; w < WordsPerChunk; w++)
        {
            int source = chunk * WordsPerChunk + w;
            destination[w] = source < plane.Length ? plane[source] : 0;
        }
    }
}
