namespace Fpga.Host.Training;

/// <summary>One epoch's training loss and speed, and the held-out score after it.</summary>
public sealed record EpochReport(int Epoch, float LearningRate, PassResult Train, PassResult Held, double Seconds, long Samples, long Tokens)
{
    public double SamplesPerSecond => Samples / Seconds;
    public double TokensPerSecond => Tokens / Seconds;
}
