using System.Globalization;
using System.Numerics;
using Fpga.Gen.Hdl;

namespace Fpga.Gen.Emit;

internal sealed partial class ModuleEmission
{
    private readonly Dictionary<Expr, string> _temporaries = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Renders an expression. Every compound operand is parenthesized, so Verilog precedence
    /// never decides anything; operand types were made equal by construction, so Verilog's
    /// context-dependent sizing never changes a width.
    /// </summary>
    private string Render(Expr e) => e switch
    {
        Signal s => _signalNames[s],
        ConstExpr c => Literal(c),
        UnaryExpr u => u.Op switch
        {
            UnaryOp.Not => $"~{Atom(u.Operand)}",
            UnaryOp.Negate => $"-{Atom(u.Operand)}",
            UnaryOp.ReduceAnd => $"&{Atom(u.Operand)}",
            UnaryOp.ReduceOr => $"|{Atom(u.Operand)}",
            UnaryOp.ReduceXor => $"^{Atom(u.Operand)}",
            _ => throw new InvalidOperationException(u.Op.ToString()),
        },
        BinaryExpr b => $"{Atom(b.Left)} {Operator(b.Op)} {Atom(b.Right)}",
        ShiftExpr s => $"{Atom(s.Operand)} {Operator(s.Op)} {s.Amount}",
        DynamicShiftExpr s => $"{Atom(s.Operand)} {Operator(s.Op)} {Atom(s.Amount)}",
        MuxExpr m => $"{Atom(m.Condition)} ? {Atom(m.WhenTrue)} : {Atom(m.WhenFalse)}",
        ConcatExpr c => "{" + string.Join(", ", c.Parts.Select(Render)) + "}",
        ReplicateExpr r => $"{{{r.Count}{{{Render(r.Part)}}}}}",
        SliceExpr s => Slice(s.Operand, s.Hi, s.Lo),
        ResizeExpr r => Resize(r),
        CastExpr c => c.Signed ? $"$signed({Render(c.Operand)})" : $"$unsigned({Render(c.Operand)})",
        ArrayElementExpr a => $"{_arrayNames[a.Array]}[{Render(a.Index)}]",
        IdentityExpr i => $"{Atom(i.Left)} {(i.Identical ? "===" : "!==")} {Atom(i.Right)}",
        _ => throw new InvalidOperationException($"no Verilog for {e.GetType().Name}"),
    };

    private string Atom(Expr e) => e is Signal or ConstExpr or ConcatExpr or ReplicateExpr or CastExpr or SliceExpr or ResizeExpr or ArrayElementExpr
        ? Render(e)
        : $"({Render(e)})";

    private string Slice(Expr operand, int hi, int lo)
    {
        var name = Named(operand, partlyRead: hi - lo + 1 < operand.Width);
        if (operand.Width == 1) return name;
        return hi == lo ? $"{name}[{hi}]" : $"{name}[{hi}:{lo}]";
    }

    private string Resize(ResizeExpr r)
    {
        var x = r.Operand;
        if (r.Width < x.Width)
        {
            var truncated = Slice(x, r.Width - 1, 0);
            return r.Signed ? $"$signed({truncated})" : truncated;
        }
        int extra = r.Width - x.Width;
        if (!r.Signed) return $"{{{Literal(new ConstExpr(0, HdlType.UInt(extra)))}, {Render(x)}}}";
        var value = x is ConstExpr ? Render(x) : Named(x, partlyRead: false);
        var sign = x.Width == 1 ? value : $"{value}[{x.Width - 1}]";
        var fill = extra == 1 ? sign : $"{{{extra}{{{sign}}}}}";
        return $"$signed({{{fill}, {value}}})";
    }

    /// <summary>A name for an expression: the signal itself, or a temporary wire driven by it.</summary>
    private string Named(Expr e, bool partlyRead)
    {
        if (e is Signal s) return _signalNames[s];
        if (_temporaries.TryGetValue(e, out var existing)) return existing;
        // A continuous assignment updates in its own event, after the blocking statement that
        // changed its inputs: read inside an initial block it would give a stale value.
        if (_inProcess)
            throw new InvalidOperationException($"module '{_module.Name}': a testbench statement slices or sign-extends a compound expression; copy it into a variable first");
        var rendered = Render(e);
        var name = _names.Claim("tmp");
        _temporaries[e] = name;
        var declaration = $"wire {(e.Signed ? "signed " : "")}{Range(e.Width)}{name};";
        if (partlyRead)
        {
            // The temporary exists only because Verilog-2005 cannot slice an expression; the
            // bits left out of the slice are unused by design.
            _declarations.Add("/* verilator lint_off UNUSEDSIGNAL */");
            _declarations.Add(declaration);
            _declarations.Add("/* verilator lint_on UNUSEDSIGNAL */");
        }
        else
        {
            _declarations.Add(declaration);
        }
        _assigns.Add($"assign {name} = {rendered};");
        return name;
    }

    /// <summary>Sized literals only: decimal while short, hexadecimal beyond; signed values in two's complement.</summary>
    private static string Literal(ConstExpr c)
    {
        var bits = c.Bits;
        var signedMark = c.Signed ? "s" : "";
        return bits < 65536 && c.Value.Sign >= 0
            ? $"{c.Width}'{signedMark}d{bits.ToString(CultureInfo.InvariantCulture)}"
            : $"{c.Width}'{signedMark}h{Hex(bits)}";
    }

    private static string Hex(BigInteger value)
    {
        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }

    private static string Operator(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.And => "&",
        BinaryOp.Or => "|",
        BinaryOp.Xor => "^",
        BinaryOp.Xnor => "~^",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        _ => throw new InvalidOperationException(op.ToString()),
    };

    private static string Operator(ShiftOp op) => op switch
    {
        ShiftOp.Left => "<<",
        ShiftOp.LogicalRight => ">>",
        ShiftOp.ArithmeticRight => ">>>",
        _ => throw new InvalidOperationException(op.ToString()),
    };
}
