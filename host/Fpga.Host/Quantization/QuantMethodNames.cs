using Fpga.Host.Diagnostics;

namespace Fpga.Host.Quantization;

/// <summary>The names methods go by on the command line and in files, and their natural bit widths.</summary>
public static class QuantMethodNames
{
    private static readonly (string Name, QuantMethod Method)[] Names =
    [
        ("binary", QuantMethod.Binary),
        ("binary-connect", QuantMethod.BinaryConnect),
        ("ternary", QuantMethod.Ternary),
        ("quaternary", QuantMethod.Quaternary),
        ("greedy", QuantMethod.Greedy),
        ("refined", QuantMethod.Refined),
        ("alternating", QuantMethod.Alternating),
        ("uniform", QuantMethod.Uniform),
        ("int8", QuantMethod.Int8),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string Name(QuantMethod method) => Names.First(n => n.Method == method).Name;

    public static QuantMethod Parse(string name) =>
        Names.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found
            ? found.Method
            : throw new FpgaException($"unknown quantization method '{name}'; known: {string.Join(", ", All)}");

    /// <summary>The bit width a method has when none is asked for: its only one, or 2 for the k-bit methods.</summary>
    public static int NaturalBits(QuantMethod method) => method switch
    {
        QuantMethod.Binary or QuantMethod.BinaryConnect => 1,
        QuantMethod.Int8 => 8,
        _ => 2,
    };
}
