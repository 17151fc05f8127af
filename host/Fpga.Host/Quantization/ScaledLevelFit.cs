namespace Fpga.Host.Quantization;

/// <summary>
/// Fits the one free scale s of a code set whose coefficients are fixed ratios r_i * s:
/// alternately every element takes its nearest level for the current s, then s is refitted by
/// least squares for those codes, s = &lt;w, l&gt; / &lt;l, l&gt; with l = B r. Both steps are optimal
/// for what the other fixed, so the error never grows; it stops when the codes stop changing.
/// </summary>
internal static class ScaledLevelFit
{
    /// <summary>The codes of a row take finitely many values and each round lowers the error, so this bound is only a guard.</summary>
    public const int MaxRounds = 100;

    public static void Fit(ReadOnlySpan<float> values, ReadOnlySpan<float> ratios, float initialScale, QuantizedRow row, RowScratch scratch)
    {
        int k = row.Codes;
        if (ratios.Length != k) throw new ArgumentException($"expected {k} ratios, got {ratios.Length}", nameof(ratios));
        var previous = scratch.PreviousPlanes(row.Planes.Length);
        var gram = scratch.GramFor(k);
        var correlation = scratch.CorrelationFor(k);
        float scale = initialScale;
        for (int round = 0; round < MaxRounds; round++)
        {
            for (int i = 0; i < k; i++) row.Coefficients[i] = ratios[i] * scale;
            scratch.Tree.Build(row.Coefficients);
            BinarySearchTreeCodes.Assign(values, scratch.Tree, row.Planes, correlation);
            if (round > 0 && BitPlanes.Equal(row.Planes, previous)) return;
            row.Planes.CopyTo(previous);

            CodeGram.Compute(row.Planes, k, row.Cols, gram);
            double numerator = 0, denominator = 0;
            for (int i = 0; i < k; i++)
            {
                numerator += ratios[i] * correlation[i];
                for (int j = 0; j < k; j++) denominator += ratios[i] * ratios[j] * gram[i * k + j];
            }
            float refitted = denominator > 0 ? (float)(numerator / denominator) : 0f;
            if (refitted == scale) return;
            scale = refitted;
        }
    }
}
