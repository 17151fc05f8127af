using Fpga.Gen.Hdl;
using Fpga.Gen.Passes;

namespace Fpga.Gen.Tests.Passes;

/// <summary>Simulation-only constructs stay in testbenches; testbenches follow the driver and width rules too.</summary>
public class TestbenchPassTests
{
    private static HdlCheckException Rejected(Action build, string check)
    {
        var e = Assert.Throws<HdlCheckException>(build);
        Assert.Equal(check, e.Check);
        return e;
    }

    [Fact]
    public void ASynthesizableModuleCannotInstantiateATestbench()
    {
        var bench = new TestbenchBuilder("tb_inner");
        var flag = bench.Reg("flag", 1);
        bench.Initial(p => p.Assign(flag, 1).Finish());
        var m = new ModuleBuilder("holds_bench");
        m.Instantiate("u_bench", bench.Build());
        var e = Rejected(() => m.Build(), "synthesizable subset check");
        Assert.Equal(("holds_bench", "u_bench"), (e.Module, e.Signal));
    }

    [Fact]
    public void ASynthesizableModuleCannotReadATestbenchArray()
    {
        var bench = new TestbenchBuilder("tb_arrays");
        var words = bench.Array("words", 8, 4);
        var m = new ModuleBuilder("reads_array");
        var index = m.Input("index", 2);
        m.Assign(m.Output("y", 8), words[index]);
        Assert.Equal("words", Rejected(() => m.Build(), "synthesizable subset check").Signal);
    }

    [Fact]
    public void ASynthesizableModuleCannotCompareFourState()
    {
        var m = new ModuleBuilder("four_state");
        var a = m.Input("a", 4);
        var b = m.Input("b", 4);
        m.Assign(m.Output("same", 1), a.IdenticalTo(b));
        Rejected(() => m.Build(), "synthesizable subset check");
    }

    [Fact]
    public void TwoInitialBlocksCannotDriveOneVariable()
    {
        var tb = new TestbenchBuilder("tb_two_drivers");
        var x = tb.Reg("x", 1);
        tb.Initial(p => p.Assign(x, 0));
        tb.Initial(p => p.Assign(x, 1));
        var e = Rejected(() => tb.Build(), "driver check");
        Assert.Contains("initial block 1 and initial block 2", e.Message);
    }

    [Fact]
    public void AVariableNoInitialBlockAssignsIsUndriven()
    {
        var tb = new TestbenchBuilder("tb_undriven");
        var x = tb.Reg("x", 1);
        var y = tb.Reg("y", 1);
        tb.Initial(p => p.Assign(y, x));
        Assert.Equal("x", Rejected(() => tb.Build(), "driver check").Signal);
    }

    [Fact]
    public void LoopConditionsAreOneBitAndCountersKeepTheirType()
    {
        var tb = new TestbenchBuilder("tb_widths");
        var i = tb.Integer("i");
        var wide = tb.Reg("wide", 4);
        tb.Initial(p => p.Assign(wide, 0).While(wide, w => w.Assign(wide, wide - 1)));
        Assert.Contains("while-condition", Rejected(() => tb.Build(), "width check").Message);

        var other = new TestbenchBuilder("tb_counter");
        var j = other.Integer("j");
        other.Initial(p => p.For(j, Expr.Const(0, 8), Expr.True, j + 1, _ => { }));
        Assert.Equal("j", Rejected(() => other.Build(), "width check").Signal);
        _ = i;
    }

    [Theory]
    [InlineData("got %0d", 2, "2 arguments")]
    [InlineData("got %s", 1, "other than")]
    [InlineData("a \"quote\"", 0, "quote")]
    public void DisplayFormatsAreCheckedWhenBuilt(string format, int arguments, string named)
    {
        var e = Assert.Throws<HdlConstructionException>(() => new DisplayStatement(format, Enumerable.Repeat<Expr>(Expr.True, arguments).ToArray()));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void ABenchThatSlicesACompoundExpressionIsRefusedRatherThanEmittedWithARace()
    {
        var tb = new TestbenchBuilder("tb_slice");
        var a = tb.Reg("a", 8);
        var b = tb.Reg("b", 4);
        tb.Initial(p => p.Assign(a, 3).Assign(b, (a + a)[3, 0]));
        var e = Assert.Throws<InvalidOperationException>(() => Fpga.Gen.Emit.VerilogEmitter.Emit(tb.Build()));
        Assert.Contains("copy it into a variable first", e.Message);
    }
}
