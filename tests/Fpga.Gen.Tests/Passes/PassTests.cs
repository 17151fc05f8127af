using Fpga.Gen.Hdl;
using Fpga.Gen.Passes;

namespace Fpga.Gen.Tests.Passes;

public class PassTests
{
    private static HdlCheckException Rejected(Action build, string check)
    {
        var e = Assert.Throws<HdlCheckException>(build);
        Assert.Equal(check, e.Check);
        return e;
    }

    [Fact]
    public void WidthCheckRejectsAnAssignmentOfTheWrongWidth()
    {
        var m = new ModuleBuilder("bad_width");
        var a = m.Input("a", 8);
        var y = m.Output("y", 9);
        m.Assign(y, a + a);
        var e = Rejected(() => m.Build(), "width check");
        Assert.Equal(("bad_width", "y"), (e.Module, e.Signal));
        Assert.Contains("(uint9) is assigned a uint8 value", e.Message);
    }

    [Fact]
    public void WidthCheckRejectsARegisterLoadedWithTheWrongWidth()
    {
        var m = new ModuleBuilder("bad_reg_width");
        var a = m.Input("a", 4);
        var q = m.Register("q", 5);
        m.Next(q, a);
        m.Assign(m.Output("y", 5), q);
        Assert.Equal("q", Rejected(() => m.Build(), "width check").Signal);
    }

    [Fact]
    public void WidthCheckRejectsAMisfitInstanceConnection()
    {
        var m = new ModuleBuilder("bad_connection_width");
        var a = m.Input("a", 3);
        var y = m.Output("y", 4);
        m.Instantiate("u_leaf", SampleModules.Leaf()).Input("a", a).Output("y", y);
        Assert.Equal("u_leaf.a", Rejected(() => m.Build(), "width check").Signal);
    }

    [Fact]
    public void WidthCheckRejectsAWideIfCondition()
    {
        var m = new ModuleBuilder("bad_condition");
        var a = m.Input("a", 4);
        var y = m.Output("y", 1);
        m.Comb(b => b.Assign(y, 0).If(a, t => t.Assign(y, 1)));
        Assert.Equal("a", Rejected(() => m.Build(), "width check").Signal);
    }

    [Fact]
    public void DriverCheckRejectsAnUndrivenNet()
    {
        var m = new ModuleBuilder("bad_undriven");
        var w = m.Wire("floating", 4);
        m.Assign(m.Output("y", 4), w);
        var e = Rejected(() => m.Build(), "driver check");
        Assert.Equal(("bad_undriven", "floating"), (e.Module, e.Signal));
        Assert.Contains("never driven", e.Message);
    }

    [Fact]
    public void DriverCheckRejectsAnUndrivenOutput()
    {
        var m = new ModuleBuilder("bad_output");
        m.Output("y", 1);
        Assert.Equal("y", Rejected(() => m.Build(), "driver check").Signal);
    }

    [Fact]
    public void DriverCheckRejectsAMultiplyDrivenNet()
    {
        var m = new ModuleBuilder("bad_multiple");
        var a = m.Input("a", 2);
        var y = m.Output("y", 2);
        m.Assign(y, a);
        m.Comb(b => b.Assign(y, ~a));
        var e = Rejected(() => m.Build(), "driver check");
        Assert.Equal("y", e.Signal);
        Assert.Contains("a continuous assignment and combinational block 1", e.Message);
    }

    [Fact]
    public void DriverCheckRejectsADrivenInput()
    {
        var m = new ModuleBuilder("bad_input");
        var a = m.Input("a", 2);
        m.Assign(a, Expr.Const(1, 2));
        m.Assign(m.Output("y", 2), a);
        Assert.Equal("a", Rejected(() => m.Build(), "driver check").Signal);
    }

    [Fact]
    public void DriverCheckRejectsASignalOfAnotherModule()
    {
        var other = new ModuleBuilder("other");
        var foreign = other.Input("x", 2);
        var m = new ModuleBuilder("bad_foreign");
        m.Assign(m.Output("y", 2), foreign);
        var e = Rejected(() => m.Build(), "driver check");
        Assert.Contains("belongs to module 'other'", e.Message);
    }

    [Fact]
    public void LatchCheckRejectsAnIfWithoutElseOrDefault()
    {
        var m = new ModuleBuilder("bad_latch");
        var en = m.Input("en", 1);
        var d = m.Input("d", 4);
        var y = m.Output("y", 4);
        m.Comb(b => b.If(en, t => t.Assign(y, d)));
        var e = Rejected(() => m.Build(), "latch check");
        Assert.Equal(("bad_latch", "y"), (e.Module, e.Signal));
    }

    [Fact]
    public void LatchCheckRejectsACaseWhoseDefaultDoesNotAssign()
    {
        var m = new ModuleBuilder("bad_case_latch");
        var s = m.Input("s", 2);
        var y = m.Output("y", 1);
        m.Comb(b => b.Case(s, [(0, a => a.Assign(y, 1)), (1, a => a.Assign(y, 0))]));
        Assert.Equal("y", Rejected(() => m.Build(), "latch check").Signal);
    }

    [Fact]
    public void LatchCheckAcceptsDefaultsFirst()
    {
        var m = new ModuleBuilder("good_latch");
        var en = m.Input("en", 1);
        var d = m.Input("d", 4);
        var y = m.Output("y", 4);
        m.Comb(b => b.Assign(y, 0).If(en, t => t.Assign(y, d)));
        m.Build();
    }

    [Fact]
    public void LoopCheckRejectsACombinationalLoopAndNamesItsSignals()
    {
        var m = new ModuleBuilder("bad_loop");
        var a = m.Input("a", 4);
        var p = m.Wire("p", 4);
        var q = m.Wire("q", 4);
        m.Assign(p, q + a);
        m.Assign(q, p ^ a);
        m.Assign(m.Output("y", 4), q);
        var e = Rejected(() => m.Build(), "combinational loop check");
        Assert.Equal("bad_loop", e.Module);
        Assert.Contains("q <- p <- q", e.Message);
    }

    [Fact]
    public void LoopCheckSeesLoopsThroughInstancesButNotThroughRegisters()
    {
        var leaf = SampleModules.Leaf();
        var m = new ModuleBuilder("bad_instance_loop");
        var w = m.Wire("w", 4);
        m.Instantiate("u_leaf", leaf).Input("a", w).Output("y", w);
        m.Assign(m.Output("y", 4), w);
        Assert.Equal("w", Rejected(() => m.Build(), "combinational loop check").Signal);

        var ok = new ModuleBuilder("good_registered_loop");
        var q = ok.Register("q", 4);
        var next = ok.Wire("next", 4);
        ok.Instantiate("u_leaf", leaf).Input("a", q).Output("y", next);
        ok.Next(q, next);
        ok.Assign(ok.Output("y", 4), q);
        ok.Build();
    }

    [Fact]
    public void ConnectionCheckRejectsMissingUnknownAndWrongDirectionPorts()
    {
        var leaf = SampleModules.Leaf();
        var missing = new ModuleBuilder("bad_missing_port");
        var y = missing.Output("y", 4);
        missing.Instantiate("u_leaf", leaf).Output("y", y);
        Assert.Equal("u_leaf.a", Rejected(() => missing.Build(), "connection check").Signal);

        var unknown = new ModuleBuilder("bad_unknown_port");
        var a = unknown.Input("a", 4);
        var y2 = unknown.Output("y", 4);
        unknown.Instantiate("u_leaf", leaf).Input("a", a).Input("b", a).Output("y", y2);
        Assert.Contains("has no port 'b'", Rejected(() => unknown.Build(), "connection check").Message);

        var direction = new ModuleBuilder("bad_direction");
        var w = direction.Wire("w", 4);
        var y3 = direction.Output("y", 4);
        direction.Instantiate("u_leaf", leaf).Output("a", w).Output("y", y3);
        Assert.Contains("is an input", Rejected(() => direction.Build(), "connection check").Message);
    }
}
