using Fpga.Host.Diagnostics;

namespace Fpga.Host.Quantization;

/// <summary>Quantizes weight matrices (one coefficient set per row) and activation vectors.</summary>
public static class Quantizer
{
    /// <summary>Quantizes a row-major rows x cols matrix row by row, rows in parallel.</summary>
    public static QuantizedTensor QuantizeRows(ReadOnlySpan<float> matrix, int rows, int cols, QuantizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (rows <= 0 || cols <= 0)
            throw new FpgaException($"cannot quantize a {rows}x{cols} matrix: both dimensions must be positive");
        if ((long)rows * cols != matrix.Length)
            throw new FpgaException($"cannot quantize {matrix.Length} values as a {rows}x{cols} matrix");
        int k = options.Bits;
        int words = BitPlanes.WordsFor(cols);
        if ((long)rows * k * words > Array.MaxLength)
            throw new FpgaException($"a {rows}x{cols} matrix at {k} bits is too large to quantize in one piece");

        var planes = new ulong[rows * k * words];
        var coefficients = new float[rows * k];
        var offsets = new float[rows];
        int firstNonFiniteRow = int.MaxValue;
        RowParallel.For(matrix, rows, cols, (r, values) =>
        {
            if (FiniteValues.IndexOfNonFinite(values) >= 0)
            {
                InterlockedMinimum(ref firstNonFiniteRow, r);
                return;
            }
            var row = new QuantizedRow(planes.AsSpan(r * k * words, k * words), coefficients.AsSpan(r * k, k), ref offsets[r], cols);
            RowQuantizer.Quantize(values, row, options, RowScratch.ForCurrentThread());
        });
        if (firstNonFiniteRow != int.MaxValue)
        {
            var bad = matrix.Slice(firstNonFiniteRow * cols, cols);
            int c = FiniteValues.IndexOfNonFinite(bad);
            throw new FpgaException($"cannot quantize: row {firstNonFiniteRow}, column {c} holds {bad[c]}, not a finite number");
        }
        return new QuantizedTensor(rows, cols, k, options.Method, planes, coefficients, offsets);
    }

    /// <summary>Quantizes an activation vector as a single row, on the calling thread with reused scratch.</summary>
    public static QuantizedTensor QuantizeVector(ReadOnlySpan<float> vector, QuantizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (vector.IsEmpty) throw new FpgaException("cannot quantize an empty vector");
        int c = FiniteValues.IndexOfNonFinite(vector);
        if (c >= 0) throw new FpgaException($"cannot quantize: element {c} holds {vector[c]}, not a finite number");
        int k = options.Bits;
        var planes = new ulong[k * BitPlanes.WordsFor(vector.Length)];
        var coefficients = new float[k];
        var offsets = new float[1];
        var row = new QuantizedRow(planes, coefficients, ref offsets[0], vector.Length);
        RowQuantizer.Quantize(vector, row, options, RowScratch.ForCurrentThread());
        return new QuantizedTensor(1, vector.Length, k, options.Method, planes, coefficients, offsets);
    }

    private static void InterlockedMinimum(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value < current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
