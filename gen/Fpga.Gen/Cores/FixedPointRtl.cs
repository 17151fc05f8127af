using System.Numerics;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores;

/// <summary>The contract's fixed-point operations (docs/NUMERICS.md) as hardware, mirroring <see cref="FixedPoint"/>.</summary>
public static class FixedPointRtl
{
    /// <summary>
    /// rshr(x, s): add half an output step, then shift right arithmetically (s > 0); a left
    /// shift for s &lt; 0. One guard bit keeps the addition of the half from overflowing.
    /// </summary>
    public static Expr RoundShiftRight(Expr x, int s)
    {
        if (!x.Signed) throw new HdlConstructionException("RoundShiftRight works on signed values");
        if (s == 0) return x;
        if (s < 0) return x.Resize(x.Width - s) << -s;
        var wide = x.Resize(x.Width + 1);
        var rounded = wide + Expr.SConst(1L << (s - 1), wide.Width);
        // Dropping the low s bits of the rounded sum is the arithmetic shift, at the narrower width.
        return s >= wide.Width ? Expr.SConst(0, 1) : rounded[wide.Width - 1, s].AsSigned();
    }

    /// <summary>
    /// rshr(x, s) + b with one adder: for s &gt; 0 and an integer b,
    /// floor((x + 2^(s-1)) / 2^s) + b = floor((x + 2^(s-1) + b 2^s) / 2^s), and 2^(s-1) + b 2^s
    /// is b's bits followed by a one and s - 1 zeros, a constant-free concatenation. The sum is
    /// the same integer as AddWide(RoundShiftRight(x, s), b), one bit narrower at most.
    /// </summary>
    public static Expr RoundShiftRightAdd(Expr x, int s, Expr b)
    {
        if (!x.Signed || !b.Signed) throw new HdlConstructionException("RoundShiftRightAdd works on signed values");
        if (s <= 0) return AddWide(RoundShiftRight(x, s), b);
        var offset = Expr.Concat(b.AsUnsigned(), Expr.Const(BigInteger.One << (s - 1), s)).AsSigned();
        var sum = AddWide(x, offset);
        return sum[sum.Width - 1, s].AsSigned();
    }

    /// <summary>
    /// sat_Q(x): clamp a signed value to the format's range and narrow it to the format's width.
    /// x fits iff its bits from the top down to the format's sign bit are all equal; otherwise
    /// the result is the bound on x's side, {sign, ~sign...}. Reduction gates, not comparators:
    /// no carry chain.
    /// </summary>
    public static Expr Saturate(Expr x, FixedFormat format)
    {
        if (!x.Signed) throw new HdlConstructionException("Saturate works on signed values");
        int w = format.Width;
        if (x.Width <= w) return x.Resize(w);
        if (x is ConstExpr constant)
            return Expr.SConst(BigInteger.Max(format.Min, BigInteger.Min(format.Max, constant.Value)), w);
        var top = x[x.Width - 1, w - 1];
        var fits = top.ReduceAnd() | ~top.ReduceOr();
        var sign = x[x.Width - 1];
        var bound = w == 1 ? sign : Expr.Concat(sign, Expr.Replicate(~sign, w - 1));
        return Expr.Mux(fits, x[w - 1, 0], bound).AsSigned();
    }

    /// <summary>A signed sum at a width that holds any sum of the two operands.</summary>
    public static Expr AddWide(Expr a, Expr b)
    {
        int width = Math.Max(a.Width, b.Width) + 1;
        return a.Resize(width) + b.Resize(width);
    }

    /// <summary>The table bin of an input with the given fraction (NUMERICS "Table functions"), as a table address.</summary>
    public static Expr TableAddress(Expr x, int inputFraction, NonlinearityTables tables)
    {
        int shift = tables.IndexShift(inputFraction);
        int bits = tables.TableBits;
        var bin = shift == 0 ? x : x.Resize(x.Width)[x.Width - 1, shift].AsSigned();
        var clamped = Saturate(bin, new FixedFormat(bits, 0));
        // Adding 2^(T-1) to a T-bit two's complement bin flips its sign bit: bin -2^(T-1) is address 0.
        return Expr.Concat(~clamped[bits - 1], clamped[bits - 2, 0]);
    }

    /// <summary>
    /// The piecewise-linear segment k (T bits) and offset d (s + 1 bits, unsigned) of an input
    /// with the given fraction (NUMERICS "Table functions"): u = x + 2^(R+F) clamped to
    /// [0, 2^(T+s)], k = min(u &gt;&gt; s, 2^T - 1), d = u - k 2^s. Below the range k = 0, d = 0;
    /// at or above it k = 2^T - 1, d = 2^s, which interpolates to the last breakpoint exactly.
    /// </summary>
    public static (Expr Index, Expr Offset) TableSegment(Expr x, int inputFraction, NonlinearityTables tables)
    {
        if (!x.Signed) throw new HdlConstructionException("TableSegment works on signed values");
        int s = tables.IndexShift(inputFraction);
        int bits = tables.TableBits;
        int top = tables.RangeLog2 + inputFraction;
        // Two bits above the range's top bit: the bounds +-2^top are representable for the comparisons
        // even when the input format is narrower than the table's range (the cell state may be).
        var wide = x.Resize(Math.Max(x.Width, top + 2));
        var below = wide.Lt(Expr.SConst(-(BigInteger.One << top), wide.Width));
        var above = wide.Ge(Expr.SConst(BigInteger.One << top, wide.Width));
        // In range, u = x + 2^top is x's low top + 1 bits with bit top flipped (as in TableAddress).
        var segment = Expr.Concat(~wide[top], wide[top - 1, s]);
        var index = Expr.Mux(below, Expr.Const(0, bits), Expr.Mux(above, Expr.Const((BigInteger.One << bits) - 1, bits), segment));
        var inRange = s == 0 ? Expr.Const(0, 1) : Expr.Concat(Expr.Const(0, 1), wide[s - 1, 0]);
        var offset = Expr.Mux(below, Expr.Const(0, s + 1), Expr.Mux(above, Expr.Const(BigInteger.One << s, s + 1), inRange));
        return (index, offset);
    }
}
