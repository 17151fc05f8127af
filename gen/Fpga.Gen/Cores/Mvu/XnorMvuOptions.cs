using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Mvu;

/// <summary>
/// Parameters of the folded XNOR matrix-vector unit (FINN style): <see cref="Pe"/> rows in
/// parallel, <see cref="Simd"/> columns of a row per cycle, every pair of weight and
/// activation code planes. <see cref="ExtraRows"/> more rows (a multiple of PE) may follow the
/// <see cref="Rows"/>: they share the unit's memories and datapath but run as a product of their
/// own (start_extra), e.g. a dense layer over the activations a recurrent product just used.
/// With <see cref="ActivationBanks"/> = 2 the activation planes and coefficients are double
/// buffered (ping-pong): a product reads one bank while the other is written, so the writer (a
/// layer below, one time step ahead) need not wait for the product to finish.
/// <see cref="SharedMultipliers"/> computes the PE lanes' scaling products one lane a cycle
/// through one pair of multipliers instead of a pair per PE (a product term arrives every
/// column-fold count of cycles, so that needs ColFolds &gt;= PE); the styles say which RAM each
/// memory maps to (<see cref="MemoryStyle.Huge"/> weights become single-port). <see cref="PackedLanes"/>
/// keeps the PE lanes' coefficients (and block-RAM weights) side by side in one memory, written
/// lane by lane: every lane reads the same address, and a 12-bit coefficient memory per PE
/// would waste most of a 16-bit-wide block RAM.
/// </summary>
public sealed record XnorMvuOptions(
    int Rows,
    int Cols,
    int Pe,
    int Simd,
    int WeightCodes,
    int ActivationCodes,
    int WeightCoefficientWidth = 12,
    int ActivationCoefficientWidth = 12,
    int ExtraRows = 0,
    int ActivationBanks = 1,
    bool SharedMultipliers = false,
    MemoryStyle WeightStyle = MemoryStyle.Auto,
    MemoryStyle CoefficientStyle = MemoryStyle.Auto,
    MemoryStyle ActivationStyle = MemoryStyle.Auto,
    bool PackedLanes = false)
{
    public int RowFolds => Rows / Pe;
    public int ExtraRowFolds => ExtraRows / Pe;
    /// <summary>Row folds held in the memories: the product's and the extra ones.</summary>
    public int StoredRowFolds => RowFolds + ExtraRowFolds;
    public int ColFolds => (Cols + Simd - 1) / Simd;
    public int PaddedCols => ColFolds * Simd;

    /// <summary>Cycles to issue one product: (rows/PE) * (cols/SIMD) * kw * ka.</summary>
    public long IssueCycles => (long)RowFolds * ColFolds * WeightCodes * ActivationCodes;

    /// <summary>Cycles to issue one row fold, and so between output beats with a ready sink: (cols/SIMD) * kw * ka.</summary>
    public long RowFoldCycles => (long)ColFolds * WeightCodes * ActivationCodes;

    /// <summary>Cycles to issue the extra rows' product: (extra rows/PE) * (cols/SIMD) * kw * ka.</summary>
    public long ExtraIssueCycles => (long)ExtraRowFolds * ColFolds * WeightCodes * ActivationCodes;

    public void Validate()
    {
        Check(nameof(Rows), Rows, 1, 1 << 16);
        Check(nameof(Cols), Cols, 1, 1 << 16);
        Check(nameof(Pe), Pe, 1, 256);
        Check(nameof(Simd), Simd, 1, 1024);
        Check(nameof(WeightCodes), WeightCodes, 1, 4);
        Check(nameof(ActivationCodes), ActivationCodes, 1, 4);
        Check(nameof(WeightCoefficientWidth), WeightCoefficientWidth, 2, 24);
        Check(nameof(ActivationCoefficientWidth), ActivationCoefficientWidth, 2, 24);
        if (Rows % Pe != 0) throw new SpecValidationException(nameof(Pe), $"{Pe} does not divide {Rows} rows");
        Check(nameof(ExtraRows), ExtraRows, 0, 1 << 16);
        if (ExtraRows % Pe != 0) throw new SpecValidationException(nameof(ExtraRows), $"{Pe} does not divide {ExtraRows} extra rows");
        Check(nameof(ActivationBanks), ActivationBanks, 1, 2);
        if (SharedMultipliers && ColFolds < Pe)
            throw new SpecValidationException(nameof(SharedMultipliers), $"one multiplier pair serves {Pe} PE lanes only if a term takes at least {Pe} column folds, not {ColFolds}");
    }

    private static void Check(string field, int value, int min, int max)
    {
        if (value < min || value > max) throw new SpecValidationException(field, $"{value} is outside {min}..{max}");
    }
}
