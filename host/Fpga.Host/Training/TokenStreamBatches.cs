namespace Fpga.Host.Training;

/// <summary>
/// Language-model batches over one token stream: the stream is cut into <c>batch</c> equal
/// parallel streams, read <c>steps</c> tokens at a time (truncated BPTT windows); the target of
/// each token is the next one. Consecutive windows continue each other, so the hidden state is
/// carried from one to the next.
/// </summary>
public sealed class TokenStreamBatches
{
    private readonly int[] _tokens;
    private readonly int _length;

    public TokenStreamBatches(int[] tokens, int batch, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _tokens = tokens;
        Batch = batch;
        Steps = steps;
        _length = tokens.Length / batch;
        if (_length < 2) throw new ArgumentException($"{tokens.Length} tokens are too few for {batch} parallel streams", nameof(tokens));
    }

    public int Batch { get; }
    public int Steps { get; }

    /// <summary>Tokens predicted per pass over the stream (the last token of each parallel stream has no target).</summary>
    public long PredictedTokens => (long)(_length - 1) * Batch;

    /// <summary>Windows of the full <see cref="Steps"/> in one pass (the trainer skips the shorter tail).</summary>
    public int FullWindows => (_length - 1) / Steps;

    /// <summary>The windows in order; the last may be shorter than <see cref="Steps"/>.</summary>
    public IEnumerable<SequenceBatch> Windows()
    {
        for (int start = 0; start < _length - 1; start += Steps)
        {
            int steps = Math.Min(Steps, _length - 1 - start);
            var tokens = new int[steps * Batch];
            var targets = new int[steps * Batch];
            for (int t = 0; t < steps; t++)
            {
                for (int b = 0; b < Batch; b++)
                {
                    int at = b * _length + start + t;
                    tokens[t * Batch + b] = _tokens[at];
                    targets[t * Batch + b] = _tokens[at + 1];
                }
            }
            yield return new SequenceBatch(Batch, steps, null, tokens, targets);
        }
    }
}
