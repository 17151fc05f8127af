using System.Numerics;

namespace Fpga.Gen.Hdl;

/// <summary>
/// A combinational expression. Width rules are strict so that Verilog's context-dependent
/// sizing can never change a result: operands of arithmetic, bitwise and comparison operators
/// have the same type, arithmetic wraps at that width, and a wider result is asked for
/// explicitly with <see cref="Resize"/> or <see cref="MulWide"/>.
/// Expressions are immutable; a signal is itself an expression.
/// </summary>
public abstract class Expr
{
    protected Expr(HdlType type) => Type = type;

    public HdlType Type { get; }
    public int Width => Type.Width;
    public bool Signed => Type.Signed;

    /// <summary>Every direct sub-expression, in a fixed order.</summary>
    public abstract IEnumerable<Expr> Operands { get; }

    public static ConstExpr Const(BigInteger value, HdlType type) => new(value, type);
    public static ConstExpr Const(BigInteger value, int width) => new(value, HdlType.UInt(width));
    public static ConstExpr SConst(BigInteger value, int width) => new(value, HdlType.SInt(width));
    public static ConstExpr Zero(HdlType type) => new(0, type);
    public static ConstExpr True => new(1, HdlType.Bit);
    public static ConstExpr False => new(0, HdlType.Bit);

    public static Expr operator +(Expr a, Expr b) => new BinaryExpr(BinaryOp.Add, a, b);
    public static Expr operator -(Expr a, Expr b) => new BinaryExpr(BinaryOp.Sub, a, b);
    public static Expr operator *(Expr a, Expr b) => new BinaryExpr(BinaryOp.Mul, a, b);
    public static Expr operator &(Expr a, Expr b) => new BinaryExpr(BinaryOp.And, a, b);
    public static Expr operator |(Expr a, Expr b) => new BinaryExpr(BinaryOp.Or, a, b);
    public static Expr operator ^(Expr a, Expr b) => new BinaryExpr(BinaryOp.Xor, a, b);
    public static Expr operator ~(Expr a) => new UnaryExpr(UnaryOp.Not, a);
    public static Expr operator -(Expr a) => new UnaryExpr(UnaryOp.Negate, a);
    public static Expr operator !(Expr a) => a.Width == 1 ? new UnaryExpr(UnaryOp.Not, a) : throw new HdlConstructionException($"logical not needs a 1-bit operand, got {a.Type}");

    public static Expr operator +(Expr a, long b) => a + Const(b, a.Type);
    public static Expr operator -(Expr a, long b) => a - Const(b, a.Type);
    public static Expr operator <<(Expr a, int amount) => new ShiftExpr(ShiftOp.Left, a, amount);
    public static Expr operator >>(Expr a, int amount) => new ShiftExpr(a.Signed ? ShiftOp.ArithmeticRight : ShiftOp.LogicalRight, a, amount);

    public Expr Xnor(Expr other) => new BinaryExpr(BinaryOp.Xnor, this, other);
    public Expr Eq(Expr other) => new BinaryExpr(BinaryOp.Eq, this, other);
    public Expr Ne(Expr other) => new BinaryExpr(BinaryOp.Ne, this, other);
    public Expr Lt(Expr other) => new BinaryExpr(BinaryOp.Lt, this, other);
    public Expr Le(Expr other) => new BinaryExpr(BinaryOp.Le, this, other);
    public Expr Gt(Expr other) => new BinaryExpr(BinaryOp.Gt, this, other);
    public Expr Ge(Expr other) => new BinaryExpr(BinaryOp.Ge, this, other);
    /// <summary>Four-state <c>===</c>, for testbenches only.</summary>
    public Expr IdenticalTo(Expr other) => new IdentityExpr(true, this, other);

    /// <summary>Four-state <c>!==</c>, for testbenches only: true when any bit differs or is X or Z.</summary>
    public Expr NotIdenticalTo(Expr other) => new IdentityExpr(false, this, other);

    public Expr Eq(long value) => Eq(Const(value, Type));
    public Expr Ne(long value) => Ne(Const(value, Type));
    public Expr Lt(long value) => Lt(Const(value, Type));
    public Expr Ge(long value) => Ge(Const(value, Type));

    public Expr ShiftLeft(Expr amount) => new DynamicShiftExpr(ShiftOp.Left, this, amount);
    public Expr ShiftRight(Expr amount) => new DynamicShiftExpr(Signed ? ShiftOp.ArithmeticRight : ShiftOp.LogicalRight, this, amount);

    public Expr ReduceAnd() => new UnaryExpr(UnaryOp.ReduceAnd, this);
    public Expr ReduceOr() => new UnaryExpr(UnaryOp.ReduceOr, this);
    public Expr ReduceXor() => new UnaryExpr(UnaryOp.ReduceXor, this);

    /// <summary>Bits hi..lo inclusive, unsigned.</summary>
    public Expr this[int hi, int lo] => new SliceExpr(this, hi, lo);

    /// <summary>One bit, unsigned.</summary>
    public Expr this[int bit] => new SliceExpr(this, bit, bit);

    /// <summary>Zero- or sign-extends (by this expression's signedness) or truncates to a width.</summary>
    public Expr Resize(int width) => width == Width ? this : new ResizeExpr(this, width);

    public Expr AsSigned() => Signed ? this : new CastExpr(this, true);
    public Expr AsUnsigned() => Signed ? new CastExpr(this, false) : this;

    /// <summary>The full product: both operands widened to the sum of their widths first.</summary>
    public Expr MulWide(Expr other)
    {
        int width = Width + other.Width;
        return Resize(width) * other.Resize(width);
    }

    public static Expr Mux(Expr condition, Expr whenTrue, Expr whenFalse) => new MuxExpr(condition, whenTrue, whenFalse);

    /// <summary>Concatenation, first part most significant (as in Verilog).</summary>
    public static Expr Concat(params Expr[] parts) => new ConcatExpr(parts);

    public static Expr Replicate(Expr part, int count) => new ReplicateExpr(part, count);
}

/// <summary>A design that cannot be built as written; thrown while constructing it.</summary>
public sealed class HdlConstructionException(string message) : Exception(message);
