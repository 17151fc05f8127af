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
    int ActivationBanks = 1)
{
    public int RowFolds => Rows / Pe;
    public int ExtraRowFolds => ExtraRows / Pe;
    /// <summary>Row folds held in the memories: the product's and the extra ones.</summary>
    public int StoredRowFolds => RowFolds + ExtraRowFolds;
    public int ColFolds => (Cols + Simd - 1) / Simd;
    public int PaddedCols => ColFolds * Simd;

    /// <summary>Cycles to issue one product: (rows/PE) * (cols/SIMD) * kw * ka.</summary>
    public long IssueCycles => (long)RowFolds * ColFolds * WeightCodes * ActivationCodes;

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
    }

    private static void Check(string field, int value, int min, int max)
    {
        if (value < min || value > max) throw new SpecValidationException(field, $"{value} is outside {min}..{max}");
    }
}
