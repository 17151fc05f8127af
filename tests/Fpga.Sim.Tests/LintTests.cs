using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

public sealed class LintTests
{
    [Fact]
    public void FixtureIsCleanUnderWall()
    {
        var diagnostics = VerilatorLint.Run(SelfTestDesign.Sources, SelfTestDesign.TopModule);
        Assert.True(diagnostics.Count == 0, string.Join('\n', diagnostics));
    }

    [Fact]
    public void AMissingTopModuleIsReportedAsAnError()
    {
        var diagnostics = VerilatorLint.Run(SelfTestDesign.Sources, "no_such_module");
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("no_such_module"));
    }

    [Fact]
    public void AWarningOnARealRunIsReportedWithCodeAndLocation()
    {
        // The fixture given twice declares its module twice: a genuine warning without a second Verilog file.
        var diagnostics = VerilatorLint.Run([SelfTestDesign.SourcePath, SelfTestDesign.SourcePath], SelfTestDesign.TopModule);
        var duplicate = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "MODDUP", 7), (duplicate.Severity, duplicate.Code, duplicate.Line));
        Assert.EndsWith("selftest_counter.v", duplicate.File);
    }

    [Fact]
    public void ParserReadsCodesLocationsAndSkipsTheSummary()
    {
        const string output = """
            %Warning-UNUSEDSIGNAL: rtl/cell.v:12:17: Signal is not used: 'spare'
                                                   : ... In instance cell
               12 |     wire [3:0] spare;
                  |                ^~~~~
                                   ... For warning description see https://verilator.org/warn/UNUSEDSIGNAL?v=5.006
            %Warning-WIDTH: rtl/cell.v:20:5: Operator ASSIGNW expects 8 bits on the Assign RHS, but Assign RHS's CONST '9'h1ff' generates 9 bits.
            %Error: rtl/top.v:3:1: syntax error, unexpected endmodule
            %Error-PROCASSWIRE: rtl/top.v:7:9: Procedural assignment to wire, perhaps intended var (IEEE 1800-2017 6.5): 'x'
            %Error: Exiting due to 2 error(s)
            """;
        var diagnostics = VerilatorDiagnosticParser.Parse(output);
        Assert.Equal(4, diagnostics.Count);
        Assert.Equal(new VerilatorDiagnostic(DiagnosticSeverity.Warning, "UNUSEDSIGNAL", "rtl/cell.v", 12, 17, "Signal is not used: 'spare'"),
            diagnostics[0] with { Text = "" });
        Assert.Equal("WIDTH", diagnostics[1].Code);
        Assert.Equal((DiagnosticSeverity.Error, (string?)null, "rtl/top.v", (int?)3), (diagnostics[2].Severity, diagnostics[2].Code, diagnostics[2].File, diagnostics[2].Line));
        Assert.Equal("PROCASSWIRE", diagnostics[3].Code);
        Assert.StartsWith("%Warning-UNUSEDSIGNAL", diagnostics[0].ToString());
    }
}
