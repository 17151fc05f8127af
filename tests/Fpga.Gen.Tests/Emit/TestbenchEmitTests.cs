using Fpga.Gen.Emit;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Tests.Emit;

/// <summary>Golden text of each simulation-only construct, as a testbench emits it.</summary>
public class TestbenchEmitTests
{
    /// <summary>A small bench: an 8-bit register under test, fed from a vector file and checked against another.</summary>
    internal static ModuleIr Bench()
    {
        var dut = new ModuleBuilder("tb_sample_dut");
        var d = dut.Input("d", 8);
        dut.Assign(dut.Output("q", 8), dut.Registered("q_reg", d));
        var dutIr = dut.Build();

        var tb = new TestbenchBuilder("tb_sample");
        var clk = tb.Reg("clk", 1);
        var data = tb.Reg("d", 8);
        var q = tb.Wire("q", HdlType.UInt(8));
        tb.Instantiate("dut", dutIr).Input("clk", clk).Input("d", data).Output("q", q);
        var stimulus = tb.Array("stimulus", 8, 4);
        var i = tb.Integer("i");
        var errors = tb.Integer("errors");
        tb.Initial(p => p.Assign(clk, 0).Forever(f => f.Delay(5).Assign(clk, ~clk)));
        tb.Initial(p =>
        {
            p.ReadMemHex("stimulus.hex", stimulus).Assign(errors, 0);
            p.For(i, Expr.SConst(4, 32), b => b.Assign(data, stimulus[i]).WaitPosedge(clk).WaitNegedge(clk)
                .If(q.NotIdenticalTo(data), bad => bad.Assign(errors, errors + 1).Display("FAIL: entry %0d: got %h expected %h", i, q, data)));
            p.While(errors.Gt(Expr.SConst(0, 32)), w => w.Finish());
            p.Display("PASS: %0d outputs match", i).Finish();
        });
        return tb.Build();
    }

    private static string Text => VerilogEmitter.Emit(Bench());

    [Fact]
    public void ABenchHasNoPortsAndDeclaresVariablesIntegersAndArrays()
    {
        GoldenText.Contains("module tb_sample;", Text);
        GoldenText.Contains("reg clk; reg [7:0] d; wire [7:0] q; integer i; integer errors;", Text);
        GoldenText.Contains("reg [7:0] stimulus [0:3];", Text);
    }

    [Fact]
    public void AClockIsAnInitialBlockWithAForeverDelayLoop() =>
        GoldenText.Contains("initial begin clk = 1'd0; forever begin #5; clk = ~clk; end end", Text);

    [Fact]
    public void ReadMemHexNamesTheFileAndTheArray() => GoldenText.Contains("$readmemh(\"stimulus.hex\", stimulus);", Text);

    [Fact]
    public void AForLoopRunsAnIntegerOverTheVectorIndices() =>
        GoldenText.Contains("for (i = 32'sd0; i < 32'sd4; i = i + 32'sd1) begin d = stimulus[i];", Text);

    [Fact]
    public void EdgeWaitsNameTheEdgeAndTheSignal() => GoldenText.Contains("@(posedge clk); @(negedge clk);", Text);

    [Fact]
    public void AFourStateComparisonGuardsADisplayWithFormatArguments() =>
        GoldenText.Contains("if (q !== d) begin errors = errors + 32'sd1; $display(\"FAIL: entry %0d: got %h expected %h\", i, q, d); end", Text);

    [Fact]
    public void AWhileLoopAndFinish() =>
        GoldenText.Contains("while (errors > 32'sd0) begin $finish; end $display(\"PASS: %0d outputs match\", i); $finish;", Text);

    [Fact]
    public void InitialBlocksComeLastInTheOrderBuilt()
    {
        var text = Text;
        Assert.True(text.IndexOf("tb_sample_dut dut (", StringComparison.Ordinal) < text.IndexOf("initial begin", StringComparison.Ordinal));
        Assert.True(text.IndexOf("forever", StringComparison.Ordinal) < text.IndexOf("$readmemh", StringComparison.Ordinal));
    }
}
