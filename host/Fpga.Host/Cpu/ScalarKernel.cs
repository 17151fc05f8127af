using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fpga.Host.Cpu;

/// <summary>
/// The reference path: one POPCNT per 64-bit word, every term of the contract's sum formed as
/// written, A * G * (n - 2 * popcount). The vector paths are tested against it.
/// </summary>
internal static class ScalarKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(PackedMatrix matrix, PackedActivations input, int rowStart, Span<long> acc)
    {
        var weights = matrix.Words;
        var activations = input.Words;
        long n = matrix.Cols;
        for (int k = 0; k < acc.Length; k++)
        {
            int row = rowStart + k;
            long sum = 0;
            for (int i = 0; i < matrix.Codes; i++)
            {
                long a = matrix.Coefficients[row * matrix.Codes + i];
                for (int j = 0; j < input.Codes; j++)
                {
                    long differing = 0;
                    for (int c = 0; c < matrix.Chunks; c++)
                    {
                        var w = weights.Slice(matrix.WordIndex(row, c, i), PackedLayout.WordsPerChunk);
                        var x = activations.Slice(input.WordIndex(c, j), PackedLayout.WordsPerChunk);
                        for (int word = 0; word < PackedLayout.WordsPerChunk; word++) differing += BitOperations.PopCount(w[word] ^ x[word]);
                    }
                    sum += a * input.Coefficients[j] * (n - 2 * differing);
                }
            }
            acc[k] += sum;
        }
    }
}
