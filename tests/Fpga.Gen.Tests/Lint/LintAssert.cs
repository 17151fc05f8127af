using Fpga.Gen.Emit;
using Fpga.Gen.Ir;
using Fpga.Sim.Icarus;
using Fpga.Sim.Verilator;

namespace Fpga.Gen.Tests.Lint;

/// <summary>
/// A generated hierarchy passes `verilator --lint-only -Wall` with no warning and compiles under
/// `iverilog -g2005`. A library (vendor primitive declarations) may be written beside it: it is
/// read by both tools, but findings in it are not ours.
/// </summary>
internal static class LintAssert
{
    public static void Clean(ModuleIr top, IReadOnlyList<string>? verilatorFlags = null, Func<string, string>? writeLibrary = null, bool icarus = true)
    {
        var directory = Directory.CreateTempSubdirectory("fpga-lint-").FullName;
        try
        {
            var files = VerilogEmitter.EmitHierarchy(top).Select(f =>
            {
                f.WriteTo(directory);
                return System.IO.Path.Combine(directory, f.FileName);
            }).ToList();
            var library = writeLibrary?.Invoke(directory);
            if (library is not null) files.Insert(0, library);
            var warnings = VerilatorLint.Run(files, top.Name, verilatorFlags)
                .Where(d => library is null || d.File is null || System.IO.Path.GetFileName(d.File) != System.IO.Path.GetFileName(library)).ToArray();
            Assert.True(warnings.Length == 0, string.Join("\n", warnings.Select(w => w.ToString())));
            if (!icarus) return;
            var compiled = IcarusCompile.Run(files, top.Name, System.IO.Path.Combine(directory, "out.vvp"));
            Assert.True(compiled.IsClean, string.Join("\n", compiled.Diagnostics));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
