using Fpga.Host.Formats;

namespace Fpga.Host.Models;

/// <summary>
/// Validated input of the forward pass: batch x steps x features floats, or batch x steps token
/// ids for a model with an embedding. Built from a tensor file with <see cref="FromTensor"/>, which
/// names the file in every complaint.
/// </summary>
public sealed class LstmSequenceBatch
{
    private LstmSequenceBatch(int batch, int steps, int features, float[]? values, long[]? tokens, bool hasBatchAxis)
    {
        Batch = batch;
        Steps = steps;
        Features = features;
        Values = values;
        Tokens = tokens;
        HasBatchAxis = hasBatchAxis;
    }

    public int Batch { get; }
    public int Steps { get; }

    /// <summary>Features per step; 0 for token ids.</summary>
    public int Features { get; }

    /// <summary>[batch, steps, features] row-major, or null for token ids.</summary>
    public float[]? Values { get; }

    /// <summary>[batch, steps] token ids, or null for feature vectors.</summary>
    public long[]? Tokens { get; }

    /// <summary>Whether the source array had a batch axis; results keep the caller's rank.</summary>
    public bool HasBatchAxis { get; }

    public static LstmSequenceBatch FromFeatures(float[] values, int batch, int steps, int features, bool hasBatchAxis = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (values.Length != batch * steps * features)
            throw new ArgumentException($"expected {batch * steps * features} values, got {values.Length}", nameof(values));
        return new LstmSequenceBatch(batch, steps, features, values, null, hasBatchAxis);
    }

    public static LstmSequenceBatch FromTokens(long[] tokens, int batch, int steps, bool hasBatchAxis = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (tokens.Length != batch * steps) throw new ArgumentException($"expected {batch * steps} token ids, got {tokens.Length}", nameof(tokens));
        return new LstmSequenceBatch(batch, steps, 0, null, tokens, hasBatchAxis);
    }

    /// <summary>
    /// Interprets an array for <paramref name="model"/>: with an embedding, integer [steps] or
    /// [batch, steps] token ids inside the vocabulary; without, float [steps, features] or
    /// [batch, steps, features] with the model's input size.
    /// </summary>
    public static LstmSequenceBatch FromTensor(TensorData tensor, LstmModel model, string source) =>
        FromTensor(tensor, model.InputSize, model.Embedding, source);

    /// <summary>The same for any model taking <paramref name="inputSize"/> features per step, or token ids of <paramref name="embedding"/>.</summary>
    public static LstmSequenceBatch FromTensor(TensorData tensor, int inputSize, EmbeddingLayer? embedding, string source)
    {
        if (tensor.ElementCount == 0) throw FileErrors.Tensor(source, tensor.Name, $"input {tensor.ShapeText} is empty");
        if (embedding is not null)
        {
            if (!tensor.DType.IsInteger())
                throw FileErrors.Tensor(source, tensor.Name, $"the model starts with an embedding, so the input must hold integer token ids, not {tensor.DType}");
            if (tensor.Rank is not (1 or 2))
                throw FileErrors.Tensor(source, tensor.Name, $"token ids must be [steps] or [batch, steps], got {tensor.ShapeText}");
            var tokens = tensor.ToInt64();
            int steps = tensor.Shape[^1];
            for (int i = 0; i < tokens.Length; i++)
            {
                if (tokens[i] < 0 || tokens[i] >= embedding.VocabularySize)
                    throw FileErrors.Tensor(source, tensor.Name, $"token id {tokens[i]} at step {i % steps}{(tensor.Rank == 2 ? $" of sequence {i / steps}" : "")} is outside the vocabulary 0..{embedding.VocabularySize - 1}");
            }
            return FromTokens(tokens, tensor.Rank == 2 ? tensor.Shape[0] : 1, steps, tensor.Rank == 2);
        }

        if (!tensor.DType.IsFloatingPoint())
            throw FileErrors.Tensor(source, tensor.Name, $"the model takes float feature vectors, not {tensor.DType} (token ids need a model with an embedding)");
        if (tensor.Rank is not (2 or 3))
            throw FileErrors.Tensor(source, tensor.Name, $"input must be [steps, features] or [batch, steps, features], got {tensor.ShapeText}");
        if (tensor.Shape[^1] != inputSize)
            throw FileErrors.Tensor(source, tensor.Name, $"input has {tensor.Shape[^1]} features per step but the model takes {inputSize} (shape {tensor.ShapeText})");
        int batch = tensor.Rank == 3 ? tensor.Shape[0] : 1;
        return FromFeatures(tensor.ToFloat32(), batch, tensor.Shape[^2], tensor.Shape[^1], tensor.Rank == 3);
    }
}
