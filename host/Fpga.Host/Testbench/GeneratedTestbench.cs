using Fpga.Gen.Emit;

namespace Fpga.Host.Testbench;

/// <summary>
/// A self-checking bench ready to write into <see cref="Directory"/> beside the RTL: the bench
/// module, its vector files and a README, plus the names of the RTL files the bench needs
/// (found one directory up).
/// </summary>
public sealed record GeneratedTestbench(string Top, IReadOnlyList<EmittedFile> Files, IReadOnlyList<string> DutFiles, int Outputs, int Steps)
{
    public const string Directory = "tb";

    /// <summary>The bench's own Verilog file name.</summary>
    public string BenchFile => Top + ".v";

    /// <summary>Every Verilog source of a simulation, relative to the bench directory: the bench first, then the RTL.</summary>
    public IReadOnlyList<string> Sources => [BenchFile, .. DutFiles.Select(f => Path.Combine("..", f))];
}
