using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Mvu;

/// <summary>
/// Where the matrix-vector unit keeps what the host writes: one definition, read by the
/// generator to size its memories and ports and by anything that loads the unit.
/// Row r lives in PE r mod PE at row fold r / PE; extra rows follow the product's rows (r >= Rows). Write addresses carry {pe, address} when PE > 1.
/// </summary>
public sealed class XnorMvuMemoryMap
{
    public XnorMvuMemoryMap(XnorMvuOptions options)
    {
        Options = options;
        WeightDepth = Math.Max(2, options.StoredRowFolds * options.WeightCodes * options.ColFolds);
        CoefficientDepth = Math.Max(2, options.StoredRowFolds * options.WeightCodes);
        ActivationDepth = Math.Max(2, options.ActivationCodes * options.ColFolds);
        PeBits = options.Pe > 1 ? BitWidth.ForUnsigned(options.Pe - 1) : 0;
        WeightAddressBits = BitWidth.Log2Ceiling(WeightDepth);
        CoefficientAddressBits = BitWidth.Log2Ceiling(CoefficientDepth);
        ActivationAddressBits = BitWidth.Log2Ceiling(ActivationDepth);
    }

    public XnorMvuOptions Options { get; }
    public int WeightDepth { get; }
    public int CoefficientDepth { get; }
    public int ActivationDepth { get; }
    public int PeBits { get; }
    public int WeightAddressBits { get; }
    public int CoefficientAddressBits { get; }
    public int ActivationAddressBits { get; }

    /// <summary>w_wr_addr of the SIMD columns starting at colFold * SIMD of code plane i of row r.</summary>
    public ulong WeightWriteAddress(int row, int code, int colFold)
    {
        var o = Options;
        long address = (long)((row / o.Pe) * o.WeightCodes + code) * o.ColFolds + colFold;
        return (ulong)(address | ((long)(row % o.Pe) << WeightAddressBits));
    }

    /// <summary>a_wr_addr of coefficient i of row r.</summary>
    public ulong CoefficientWriteAddress(int row, int code) =>
        (ulong)((long)((row / Options.Pe) * Options.WeightCodes + code) | ((long)(row % Options.Pe) << CoefficientAddressBits));

    /// <summary>x_wr_addr of the SIMD columns starting at colFold * SIMD of activation plane j.</summary>
    public ulong ActivationWriteAddress(int code, int colFold) => (ulong)(code * Options.ColFolds + colFold);
}
