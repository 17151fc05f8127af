using Fpga.Host.Quantization;

namespace Fpga.Host.Evaluation;

/// <summary>One row of an accuracy table: float, or weights (and optionally activations) quantized with a method and bit width.</summary>
public sealed record SweepConfiguration(QuantizerOptions? Weights, QuantizerOptions? Activations)
{
    public string Label => Weights is null && Activations is null
        ? "float"
        : $"{Part(Weights)} W / {Part(Activations)} A";

    /// <summary>The post-training, weights-only sweep of the accuracy tables: every fixed-width method, and greedy, refined and alternating at 2, 3 and 4 bits.</summary>
    public static IReadOnlyList<SweepConfiguration> WeightsOnly(int cycles = 2)
    {
        var rows = new List<SweepConfiguration> { new(null, null) };
        rows.Add(new(new QuantizerOptions(QuantMethod.Binary, 1), null));
        rows.Add(new(new QuantizerOptions(QuantMethod.Ternary, 2), null));
        rows.Add(new(new QuantizerOptions(QuantMethod.Quaternary, 2), null));
        foreach (var method in new[] { QuantMethod.Greedy, QuantMethod.Refined, QuantMethod.Alternating })
        {
            foreach (int bits in new[] { 2, 3, 4 }) rows.Add(new(new QuantizerOptions(method, bits, cycles), null));
        }
        return rows;
    }

    private static string Part(QuantizerOptions? options) => options is null ? "float" : $"{QuantMethodNames.Name(options.Method)} {options.Bits}";
}
