using System.Numerics;

namespace Fpga.Gen.Hdl;

public sealed class ConstExpr : Expr
{
    public ConstExpr(BigInteger value, HdlType type) : base(type)
    {
        var min = type.Signed ? -(BigInteger.One << (type.Width - 1)) : BigInteger.Zero;
        var max = type.Signed ? (BigInteger.One << (type.Width - 1)) - 1 : (BigInteger.One << type.Width) - 1;
        if (value < min || value > max)
            throw new HdlConstructionException($"constant {value} does not fit {type}");
        Value = value;
    }

    public BigInteger Value { get; }

    /// <summary>The value as the bit pattern a two's complement signal of this width holds.</summary>
    public BigInteger Bits => Value.Sign >= 0 ? Value : (BigInteger.One << Width) + Value;

    public override IEnumerable<Expr> Operands => [];
}

public enum UnaryOp { Not, Negate, ReduceAnd, ReduceOr, ReduceXor }

public sealed class UnaryExpr(UnaryOp op, Expr operand)
    : Expr(op is UnaryOp.Not or UnaryOp.Negate ? operand.Type : HdlType.Bit)
{
    public UnaryOp Op { get; } = op;
    public Expr Operand { get; } = operand;
    public override IEnumerable<Expr> Operands => [Operand];
}

public enum BinaryOp { Add, Sub, Mul, And, Or, Xor, Xnor, Eq, Ne, Lt, Le, Gt, Ge }

public sealed class BinaryExpr : Expr
{
    public BinaryExpr(BinaryOp op, Expr left, Expr right) : base(ResultType(op, left, right))
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public BinaryOp Op { get; }
    public Expr Left { get; }
    public Expr Right { get; }
    public override IEnumerable<Expr> Operands => [Left, Right];

    public bool IsComparison => Op is BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge;

    private static HdlType ResultType(BinaryOp op, Expr left, Expr right)
    {
        if (left.Type != right.Type)
            throw new HdlConstructionException($"operands of {op} differ: {left.Type} and {right.Type}; resize one explicitly");
        return op is BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge ? HdlType.Bit : left.Type;
    }
}

public enum ShiftOp { Left, LogicalRight, ArithmeticRight }

/// <summary>A shift by a constant amount; the width is kept, bits shifted out are lost.</summary>
public sealed class ShiftExpr : Expr
{
    public ShiftExpr(ShiftOp op, Expr operand, int amount) : base(operand.Type)
    {
        if (amount < 0 || amount >= operand.Width)
            throw new HdlConstructionException($"shift amount {amount} is outside 0..{operand.Width - 1}");
        Op = op;
        Operand = operand;
        Amount = amount;
    }

    public ShiftOp Op { get; }
    public Expr Operand { get; }
    public int Amount { get; }
    public override IEnumerable<Expr> Operands => [Operand];
}

/// <summary>A shift by an unsigned run-time amount (a barrel shifter).</summary>
public sealed class DynamicShiftExpr : Expr
{
    public DynamicShiftExpr(ShiftOp op, Expr operand, Expr amount) : base(operand.Type)
    {
        if (amount.Signed) throw new HdlConstructionException("a shift amount is unsigned");
        Op = op;
        Operand = operand;
        Amount = amount;
    }

    public ShiftOp Op { get; }
    public Expr Operand { get; }
    public Expr Amount { get; }
    public override IEnumerable<Expr> Operands => [Operand, Amount];
}

public sealed class MuxExpr : Expr
{
    public MuxExpr(Expr condition, Expr whenTrue, Expr whenFalse) : base(whenTrue.Type)
    {
        if (condition.Width != 1) throw new HdlConstructionException($"a mux condition is 1 bit, got {condition.Type}");
        if (whenTrue.Type != whenFalse.Type)
            throw new HdlConstructionException($"mux arms differ: {whenTrue.Type} and {whenFalse.Type}");
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public Expr Condition { get; }
    public Expr WhenTrue { get; }
    public Expr WhenFalse { get; }
    public override IEnumerable<Expr> Operands => [Condition, WhenTrue, WhenFalse];
}

public sealed class ConcatExpr : Expr
{
    public ConcatExpr(IReadOnlyList<Expr> parts) : base(HdlType.UInt(SumWidths(parts))) => Parts = parts.ToArray();

    public IReadOnlyList<Expr> Parts { get; }
    public override IEnumerable<Expr> Operands => Parts;

    private static int SumWidths(IReadOnlyList<Expr> parts) =>
        parts.Count == 0 ? throw new HdlConstructionException("an empty concatenation") : parts.Sum(p => p.Width);
}

public sealed class ReplicateExpr : Expr
{
    public ReplicateExpr(Expr part, int count) : base(HdlType.UInt(part.Width * (count >= 1 ? count : throw new HdlConstructionException("replication count must be at least 1"))))
    {
        Part = part;
        Count = count;
    }

    public Expr Part { get; }
    public int Count { get; }
    public override IEnumerable<Expr> Operands => [Part];
}

public sealed class SliceExpr : Expr
{
    public SliceExpr(Expr operand, int hi, int lo) : base(HdlType.UInt(hi - lo + 1 >= 1 ? hi - lo + 1 : throw new HdlConstructionException($"slice [{hi}:{lo}] is empty")))
    {
        if (lo < 0 || hi >= operand.Width)
            throw new HdlConstructionException($"slice [{hi}:{lo}] is outside a {operand.Width}-bit value");
        Operand = operand;
        Hi = hi;
        Lo = lo;
    }

    public Expr Operand { get; }
    public int Hi { get; }
    public int Lo { get; }
    public override IEnumerable<Expr> Operands => [Operand];
}

/// <summary>Zero or sign extension (by the operand's signedness) or truncation; keeps signedness.</summary>
public sealed class ResizeExpr(Expr operand, int width) : Expr(new HdlType(width, operand.Signed))
{
    public Expr Operand { get; } = operand;
    public override IEnumerable<Expr> Operands => [Operand];
}

/// <summary>Reinterprets the same bits as signed or unsigned.</summary>
public sealed class CastExpr(Expr operand, bool signed) : Expr(new HdlType(operand.Width, signed))
{
    public Expr Operand { get; } = operand;
    public override IEnumerable<Expr> Operands => [Operand];
}
