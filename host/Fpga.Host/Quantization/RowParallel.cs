namespace Fpga.Host.Quantization;

/// <summary>Runs a per-row action over a row-major matrix, across cores when the matrix is large enough to pay for it.</summary>
internal static unsafe class RowParallel
{
    /// <summary>Below this many elements the thread-pool hand-off costs more than the work.</summary>
    public const int ParallelThreshold = 1 << 15;

    public delegate void RowAction(int row, ReadOnlySpan<float> values);

    public static void For(ReadOnlySpan<float> matrix, int rows, int cols, RowAction action)
    {
        if ((long)rows * cols < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (int r = 0; r < rows; r++) action(r, matrix.Slice(r * cols, cols));
            return;
        }
        // A span cannot enter a lambda; the matrix stays pinned for the whole blocking loop instead.
        fixed (float* pinned = matrix)
        {
            nint start = (nint)pinned;
            Parallel.For(0, rows, r => action(r, new ReadOnlySpan<float>((float*)start + (long)r * cols, cols)));
        }
    }
}
