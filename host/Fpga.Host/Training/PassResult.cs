namespace Fpga.Host.Training;

/// <summary>What a forward pass scored: the summed cross-entropy (nats), how many targets, how many predicted right.</summary>
public readonly record struct PassResult(double LossSum, long Count, long Correct)
{
    public double MeanLoss => Count == 0 ? 0 : LossSum / Count;
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;
    public double Perplexity => Math.Exp(MeanLoss);

    public static PassResult operator +(PassResult a, PassResult b) => new(a.LossSum + b.LossSum, a.Count + b.Count, a.Correct + b.Correct);
}
