namespace Fpga.Gen.Testbench;

/// <summary>
/// The vector files of a self-checking bench, read with $readmemh from the directory the
/// simulator runs in: one hex word per line, exactly as many lines as the bench's arrays hold.
/// </summary>
public static class BenchFiles
{
    /// <summary>Everything the host writes before the first step: weights, coefficients, biases.</summary>
    public const string Image = "image.hex";

    /// <summary>The input stream, step by step.</summary>
    public const string Input = "input.hex";

    /// <summary>Every output the golden model expects, in order.</summary>
    public const string Expected = "expected.hex";

    /// <summary>The sink's ready pattern (1 = ready), replayed cyclically: back-pressure from the host's seed, not $random.</summary>
    public const string Ready = "ready.hex";
}

/// <summary>How many entries each vector file of one bench holds, and how many steps they make.</summary>
public sealed record BenchSize(int ImageEntries, int InputEntries, int Outputs, int Steps, int ReadyEntries)
{
    public void Validate()
    {
        if (ImageEntries < 1 || InputEntries < 1 || Outputs < 1 || Steps < 1 || ReadyEntries < 1)
            throw new ArgumentException($"every vector file holds at least one entry: {this}");
    }
}
