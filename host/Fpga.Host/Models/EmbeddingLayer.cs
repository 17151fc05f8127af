namespace Fpga.Host.Models;

/// <summary>A token embedding table: row t of the [vocab, E] row-major matrix is token t's input vector.</summary>
public sealed record EmbeddingLayer
{
    public EmbeddingLayer(int vocabularySize, int dimension, float[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != vocabularySize * dimension)
            throw new ArgumentException($"expected {vocabularySize * dimension} values, got {weights.Length}", nameof(weights));
        VocabularySize = vocabularySize;
        Dimension = dimension;
        Weights = weights;
    }

    public int VocabularySize { get; }
    public int Dimension { get; }

    /// <summary>[vocab, E] row-major.</summary>
    public float[] Weights { get; }

    public ReadOnlySpan<float> Row(long token) => Weights.AsSpan(checked((int)token * Dimension), Dimension);
}
