namespace Fpga.Host.Quantization;

/// <summary>Word arithmetic of the packed code planes (LSB first, 64 columns per word).</summary>
internal static class BitPlanes
{
    public const int ColumnsPerWord = 64;

    public static int WordsFor(int cols) => (cols + ColumnsPerWord - 1) / ColumnsPerWord;

    /// <summary>Sign of code <paramref name="plane"/> in a level pattern: bit set means +1.</summary>
    public static float Sign(int pattern, int plane) => ((pattern >> plane) & 1) != 0 ? 1f : -1f;

    public static bool Equal(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => a.SequenceEqual(b);
}
