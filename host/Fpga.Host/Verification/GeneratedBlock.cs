using Fpga.Gen.Emit;
using Fpga.Gen.Ir;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;
using Fpga.Sim;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>A generated module written out, linted and built with Verilator (cached by content): what every block check starts from.</summary>
public sealed record GeneratedBlock(IReadOnlyList<string> Files, LintReport Lint, VerilatorModel Model)
{
    public static GeneratedBlock Prepare(ModuleIr top, string workDirectory)
    {
        var files = RtlWriter.Write(Path.Combine(workDirectory, top.Name), VerilogEmitter.EmitHierarchy(top));
        var lint = RtlLint.Check(files, top.Name);
        return new GeneratedBlock(files, lint, Simulate(() => VerilatorModelBuild.Build(new VerilatorModelOptions { Sources = files, TopModule = top.Name })));
    }

    /// <summary>Runs simulator work, reporting a simulator failure as a user-facing error.</summary>
    public static T Simulate<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
    }
}
