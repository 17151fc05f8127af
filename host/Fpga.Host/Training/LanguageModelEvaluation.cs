namespace Fpga.Host.Training;

/// <summary>Perplexity of a language model over a token stream, read in order with the state carried across windows.</summary>
public static class LanguageModelEvaluation
{
    public const int BatchSize = 10;
    public const int Steps = 35;

    public static PassResult Run(LstmNetwork network, int[] tokens, QuantizationAware quantization, int batchSize = BatchSize, int steps = Steps)
    {
        var batches = new TokenStreamBatches(tokens, batchSize, steps);
        var result = new PassResult();
        NetworkPass? carried = null;
        foreach (var window in batches.Windows())
        {
            var pass = carried is { } p && p.Steps == window.Steps ? p : NewPass(network, window, carried);
            result += pass.Forward(window, quantization);
            pass.CarryState();
            carried = pass;
        }
        return result;
    }

    /// <summary>A pass for a shorter last window, starting from the state the previous one ended in.</summary>
    private static NetworkPass NewPass(LstmNetwork network, SequenceBatch window, NetworkPass? previous)
    {
        var pass = new NetworkPass(network, window.Batch, window.Steps, OutputMode.EveryStep);
        if (previous is not null) pass.TakeStateFrom(previous);
        return pass;
    }
}
