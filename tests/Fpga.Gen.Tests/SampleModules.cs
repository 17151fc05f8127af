using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Tests;

/// <summary>One small module per emitter construct; the golden-text and the lint tests share them.</summary>
public static class SampleModules
{
    public static ModuleIr Arithmetic()
    {
        var m = new ModuleBuilder("sample_arith");
        var a = m.Input("a", 8);
        var b = m.Input("b", 8);
        m.Assign(m.Output("sum", 8), a + b);
        m.Assign(m.Output("diff", 8), a - b);
        m.Assign(m.Output("wide", 16), a.MulWide(b));
        m.Assign(m.Output("bits", 8), (a & b) | ~(a ^ b));
        m.Assign(m.Output("less", 1), a.Lt(b));
        return m.Build();
    }

    public static ModuleIr Constants()
    {
        var m = new ModuleBuilder("sample_const");
        var x = m.Input("x", HdlType.SInt(20));
        m.Assign(m.Output("narrow", 8), Expr.Const(200, 8));
        m.Assign(m.Output("wide", 20), Expr.Const(0xABCDE, 20));
        m.Assign(m.Output("negative", HdlType.SInt(20)), x + Expr.SConst(-3, 20));
        return m.Build();
    }

    public static ModuleIr SlicesAndResizes()
    {
        var m = new ModuleBuilder("sample_slice");
        var a = m.Input("a", 8);
        var s = m.Input("s", HdlType.SInt(8));
        m.Assign(m.Output("nibble", 4), a[7, 4]);
        m.Assign(m.Output("sum_high", 4), (a + a)[7, 4]);
        m.Assign(m.Output("zext", 12), a.Resize(12));
        m.Assign(m.Output("sext", HdlType.SInt(12)), s.Resize(12));
        m.Assign(m.Output("trunc", HdlType.SInt(4)), s.Resize(4));
        m.Assign(m.Output("msb", 1), a[7]);
        return m.Build();
    }

    public static ModuleIr Operators()
    {
        var m = new ModuleBuilder("sample_ops");
        var a = m.Input("a", 8);
        var s = m.Input("s", HdlType.SInt(8));
        var amount = m.Input("amount", 3);
        var c = m.Input("c", 1);
        m.Assign(m.Output("sel", 8), Expr.Mux(c, a, ~a));
        m.Assign(m.Output("cat", 12), Expr.Concat(a[3, 0], Expr.Replicate(c, 4), a[7, 4]));
        m.Assign(m.Output("any", 1), a.ReduceOr());
        m.Assign(m.Output("all", 1), a.ReduceAnd());
        m.Assign(m.Output("parity", 1), a.ReduceXor());
        m.Assign(m.Output("shl", 8), a << 2);
        m.Assign(m.Output("shr", HdlType.SInt(8)), s >> 2);
        m.Assign(m.Output("barrel", 8), a.ShiftLeft(amount));
        return m.Build();
    }

    public static ModuleIr CombinationalBlock()
    {
        var m = new ModuleBuilder("sample_comb");
        var op = m.Input("op", 2);
        var a = m.Input("a", 8);
        var y = m.Output("y", 8);
        var flag = m.Wire("flag", 1);
        m.Comb(b => b
            .Assign(y, 0)
            .Assign(flag, 0)
            .Case(op, [
                (0, arm => arm.Assign(y, a)),
                (1, arm => arm.Assign(y, ~a)),
                (2, arm => arm.If(a.Eq(0), t => t.Assign(flag, 1), e => e.Assign(y, a + 1))),
            ]));
        m.Assign(m.Output("zero", 1), flag);
        return m.Build();
    }

    public static ModuleIr Registers(ResetStyle style)
    {
        var m = new ModuleBuilder($"sample_regs_{style.ToString().ToLowerInvariant()}", new DesignConventions(style));
        var en = m.Input("en", 1);
        var d = m.Input("d", 8);
        var count = m.Register("count_q", 8, resetValue: 0);
        m.Next(count, count + 1, enable: en);
        var data = m.Registered("data_q", d, enable: en);
        m.Assign(m.Output("count", 8), count);
        m.Assign(m.Output("data", 8), data);
        return m.Build();
    }

    public static ModuleIr Memories()
    {
        var m = new ModuleBuilder("sample_mem");
        var we = m.Input("we", 1);
        var waddr = m.Input("waddr", 4);
        var wdata = m.Input("wdata", 16);
        var raddr = m.Input("raddr", 4);
        var ram = m.Memory("ram", 16, 16);
        ram.Write(we, waddr, wdata);
        m.Assign(m.Output("rdata", 16), ram.ReadRegistered("rdata_q", raddr));
        var rom = m.Memory("table", 4, 4, [1, 2, 3, 15]);
        m.Assign(m.Output("lookup", 4), rom.ReadCombinational("lookup_value", raddr[1, 0]));
        return m.Build();
    }

    public static BlackBox Primitive => new("sample_primitive", [
        new PortSpec("clk", PortDirection.Input, HdlType.Bit),
        new PortSpec("din", PortDirection.Input, HdlType.UInt(4)),
        new PortSpec("dout", PortDirection.Output, HdlType.UInt(4)),
    ]);

    public static ModuleIr Leaf()
    {
        var m = new ModuleBuilder("sample_leaf");
        var a = m.Input("a", 4);
        m.Assign(m.Output("y", 4), a + 1);
        return m.Build();
    }

    public static ModuleIr Hierarchy()
    {
        var leaf = Leaf();
        var m = new ModuleBuilder("sample_top");
        var a = m.Input("a", 4);
        var mid = m.Wire("mid", 4);
        var y = m.Output("y", 4);
        m.Instantiate("u_first", leaf).Input("a", a).Output("y", mid);
        m.Instantiate("u_second", leaf).Input("a", mid ^ a).Output("y", y);
        return m.Build();
    }

    public static ModuleIr BlackBoxUser()
    {
        var m = new ModuleBuilder("sample_blackbox_user");
        var d = m.Input("d", 4);
        var q = m.Wire("q", 4);
        m.Instantiate("u_prim", Primitive)
            .Parameter("MODE", ParameterValue.Of(3))
            .Parameter("INIT", ParameterValue.Of(Expr.Const(0xA5, 8)))
            .Parameter("NAME", ParameterValue.Of("fast"))
            .Input("clk", m.Clock).Input("din", d).Output("dout", q);
        m.Assign(m.Output("y", 4), q);
        return m.Build();
    }

    public static ModuleIr Names()
    {
        var m = new ModuleBuilder("sample_names");
        var a = m.Input("a", 2);
        var reg = m.Define("reg", a);
        var odd = m.Define("odd__name$", reg ^ a);
        var dup = m.Define("odd_name", odd | a);
        m.Assign(m.Output("y", 2), dup);
        return m.Build();
    }

    /// <summary>Every sample that is a complete, lint-clean design on its own (black boxes excluded).</summary>
    public static IEnumerable<ModuleIr> LintableDesigns() =>
    [
        Arithmetic(), Constants(), SlicesAndResizes(), Operators(), CombinationalBlock(),
        .. Enum.GetValues<ResetStyle>().Select(Registers),
        Memories(), Hierarchy(), Names(),
    ];
}
