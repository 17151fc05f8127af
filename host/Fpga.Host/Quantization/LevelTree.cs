namespace Fpga.Host.Quantization;

/// <summary>
/// The 2^k values sum_i ±a_i of one coefficient set, sorted, with the midpoints between
/// neighbours laid out as a perfect binary search tree in heap order (node n has children
/// 2n and 2n+1, root 1). Descending k levels from the root lands on the nearest value's leaf,
/// which is the search of Xu et al. 2018 with a branch-free, vectorizable layout.
/// </summary>
internal sealed class LevelTree
{
    private const int MaxLevels = 1 << QuantizedTensor.MaxCodes;

    public int Codes { get; private set; }
    public int Levels => 1 << Codes;

    /// <summary>Midpoint thresholds by heap index 1..Levels-1; index 0 is unused.</summary>
    public float[] Nodes { get; } = new float[MaxLevels];

    /// <summary>Code pattern (bit i set = code i is +1) of each level, ascending by value.</summary>
    public int[] Patterns { get; } = new int[MaxLevels];

    /// <summary>
    /// <see cref="Patterns"/> by leaf node: the search ends on node Levels + level, so
    /// LeafPatterns[node] is its pattern without subtracting Levels.
    /// </summary>
    public int[] LeafPatterns { get; } = new int[2 * MaxLevels];

    /// <summary>Level values ascending, each summed in plane order exactly as <see cref="QuantizedTensor.Value"/> does.</summary>
    public float[] Values { get; } = new float[MaxLevels];

    public void Build(ReadOnlySpan<float> coefficients)
    {
        int k = coefficients.Length;
        if (k is < 1 or > QuantizedTensor.MaxCodes)
            throw new ArgumentException($"a level tree needs 1..{QuantizedTensor.MaxCodes} coefficients, got {k}", nameof(coefficients));
        Codes = k;
        int levels = 1 << k;
        var values = Values.AsSpan(0, levels);
        var patterns = Patterns.AsSpan(0, levels);
        for (int p = 0; p < levels; p++)
        {
            float sum = 0f;
            for (int i = 0; i < k; i++)
            {
                sum += ((p >> i) & 1) != 0 ? coefficients[i] : -coefficients[i];
            }
            values[p] = sum;
            patterns[p] = p;
        }
        values.Sort(patterns);
        patterns.CopyTo(LeafPatterns.AsSpan(levels));

        for (int depth = 0; depth < k; depth++)
        {
            int first = 1 << depth;
            int span = 1 << (k - depth);
            for (int q = 0; q < first; q++)
            {
                int below = q * span + span / 2 - 1;
                Nodes[first + q] = (float)(((double)values[below] + values[below + 1]) * 0.5);
            }
        }
    }

    /// <summary>Index into <see cref="Values"/> and <see cref="Patterns"/> of the value nearest to x (the lower one on a tie).</summary>
    public int LevelOf(float x)
    {
        int node = 1;
        for (int depth = 0; depth < Codes; depth++)
        {
            node = 2 * node + (x > Nodes[node] ? 1 : 0);
        }
        return node - Levels;
    }
}
