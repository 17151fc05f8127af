namespace Fpga.Host.Cpu;

/// <summary>One instruction-set path of step 1's product, instantiated per (kw, ka).</summary>
internal interface IXnorKernel
{
    /// <summary>
    /// For the rows rowStart .. rowStart + acc.Length - 1 of <paramref name="matrix"/>:
    /// acc[k] += sum_i sum_j A[r][i] * G[j] * (n - 2 * popcount(B[r][i] xor C[j])).
    /// </summary>
    static abstract void Rows<TW, TA>(PackedMatrix matrix, PackedActivations input, int rowStart, Span<long> acc)
        where TW : struct, ICodeCount
        where TA : struct, ICodeCount;
}

/// <summary>Step 1 of docs/NUMERICS.md on packed operands, by the chosen instruction-set path.</summary>
public static class XnorKernels
{
    /// <summary>The most codes a kernel is instantiated for (the spec's limit).</summary>
    public const int MaxCodes = 4;

    /// <summary>Adds the products of rows rowStart .. rowStart + acc.Length - 1 to <paramref name="acc"/>.</summary>
    public static void Accumulate(PopcountIsa isa, PackedMatrix matrix, PackedActivations input, int rowStart, Span<long> acc)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(input);
        if (matrix.Cols != input.Columns)
            throw new ArgumentException($"a {matrix.Rows}x{matrix.Cols} matrix cannot multiply {input.Columns} columns", nameof(input));
        if (rowStart < 0 || rowStart + acc.Length > matrix.Rows)
            throw new ArgumentOutOfRangeException(nameof(rowStart), $"rows {rowStart}..{rowStart + acc.Length - 1} are outside 0..{matrix.Rows - 1}");
        if (matrix.Codes > MaxCodes || input.Codes > MaxCodes)
            throw new ArgumentException($"the kernels take 1 to {MaxCodes} codes, not kw = {matrix.Codes}, ka = {input.Codes}");
        if (!PopcountIsas.IsSupported(isa))
            throw new PlatformNotSupportedException($"this processor does not run the {isa} path");
        switch (isa)
        {
            case PopcountIsa.Avx512: ByWeights<Avx512Kernel>(matrix, input, rowStart, acc); break;
            case PopcountIsa.Avx2: ByWeights<Avx2Kernel>(matrix, input, rowStart, acc); break;
            default: ScalarKernel.Rows(matrix, input, rowStart, acc); break;
        }
    }

    private static void ByWeights<TKernel>(PackedMatrix matrix, PackedActivations input, int rowStart, Span<long> acc)
        where TKernel : IXnorKernel
    {
        switch (matrix.Codes)
        {
            case 1: ByActivations<TKernel, OneCode>(matrix, input, rowStart, acc); break;
            case 2: ByActivations<TKernel, TwoCodes>(matrix, input, rowStart, acc); break;
            case 3: ByActivations<TKernel, ThreeCodes>(matrix, input, rowStart, acc); break;
            default: ByActivations<TKernel, FourCodes>(matrix, input, rowStart, acc); break;
        }
    }

    private static void ByActivations<TKernel, TW>(PackedMatrix matrix, PackedActivations input, int rowStart, Span<long> acc)
        where TKernel : IXnorKernel
        where TW : struct, ICodeCount
    {
        switch (input.Codes)
        {
            case 1: TKernel.Rows<TW, OneCode>(matrix, input, rowStart, acc); break;
            case 2: TKernel.Rows<TW, TwoCodes>(matrix, input, rowStart, acc); break;
            case 3: TKernel.Rows<TW, ThreeCodes>(matrix, input, rowStart, acc); break;
            default: TKernel.Rows<TW, FourCodes>(matrix, input, rowStart, acc); break;
        }
    }
}
