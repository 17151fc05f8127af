using System.Numerics;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// The greedy and static half of the re-quantizer: h is written as residuals SIMD to a memory
/// line (a line register gathers the units of a line as they arrive), then per code a
/// coefficient cycle and a pass of one cycle a line. The sums of |r| build up as h arrives and
/// as each pass writes the next residuals, so no pass of its own is needed for them.
/// The memory keeps each residual as a sign and a magnitude: r - sign(r) L = sign(r) (|r| - L),
/// so a pass step forms |r| - L and L - |r| side by side and keeps the one that is not negative.
/// In two's complement the update and its negation for |r - sign(r) L| were two carry chains in
/// series, the UP5K's longest path.
/// </summary>
internal static class ResidualPasses
{
    /// <summary>Builds the load and the code passes; returns the greedy reciprocal (null for static).</summary>
    public static ConstantDivisor? Build(RequantizerContext c)
    {
        var m = c.M;
        var spec = c.Spec;
        int h = spec.HiddenSize, ka = c.Codes, wr = c.ResidualWidth, simd = c.Simd, words = c.Words;
        int wg = spec.ActivationCoefficient.Width;
        bool isStatic = spec.Requantization == HiddenRequantization.Static;

        var original = m.Define("original", c.SData.Resize(wr) << (c.Fine - spec.Hidden.Fraction));
        var accept = m.Define("accept", c.SValid & c.In(RequantizerContext.Load));
        m.Assign(c.SReady, c.In(RequantizerContext.Load));
        c.AdvanceUnit(accept);
        c.GoTo(accept & c.LastUnit, RequantizerContext.Coefficient);

        // The line register: units of the current line already accepted; the arriving one joins
        // the line as it is written, so a line costs no extra cycle.
        var lineParts = new Expr[simd];
        for (int i = 0; i < simd; i++)
        {
            var here = simd == 1 ? (Expr)Expr.True : c.Lane.Eq(i);
            if (i == simd - 1) { lineParts[i] = original; continue; }
            var held = m.Registered($"lane{i}_q", original, enable: accept & here);
            lineParts[i] = Expr.Mux(here, original, held);
        }
        // The alternating datapath keeps a two's-complement copy of h.
        // Unnamed: it reads only the bits of h, and the emitter's temporary waives the rest.
        if (c.Alternating) c.LoadLine = Expr.Concat(lineParts.Reverse().Select(p => p.AsUnsigned()).ToArray());
        var storedLoadLine = m.Define("stored_load_line", Expr.Concat(lineParts.Reverse().Select(p => SignAndMagnitude(p, wr)).ToArray()));

        var code = m.Register("code_q", BitWidth.ForUnsigned(Math.Max(ka - 1, 1)), resetValue: 0);
        var passLine = m.Register("pass_line_q", c.Line.Width, resetValue: 0);
        var lastLine = words == 1 ? (Expr)Expr.True : m.Define("last_line", passLine.Eq(words - 1));
        var lastCode = ka == 1 ? (Expr)Expr.True : m.Define("last_code", code.Eq(ka - 1));
        // Alternating keeps the greedy words to itself; the others stall on the output register.
        var passStep = m.Define("pass_step", c.In(RequantizerContext.Pass) & (c.Alternating ? Expr.True : c.OutFree));
        var passDone = m.Define("pass_done", passStep & lastLine);
        var inCoefficient = m.Define("in_coefficient", c.In(RequantizerContext.Coefficient));
        c.GoTo(inCoefficient, RequantizerContext.Pass);
        c.GoTo(passDone & ~lastCode, RequantizerContext.Coefficient);
        c.GoTo(passDone & lastCode, c.Alternating ? RequantizerContext.UnitPass : RequantizerContext.Load);
        m.Next(code, Expr.Mux(lastCode, Expr.Zero(code.Type), code + 1), enable: passDone);
        m.Next(passLine, Expr.Mux(lastLine, Expr.Zero(passLine.Type), passLine + 1), enable: passStep);

        // The coefficient cycle reads line 0; each pass step reads the line after its own.
        int ws = wr + 1;
        var residuals = m.Memory("residuals", simd * ws, Math.Max(2, words)).WithStyle(MemoryPlacement.For(spec, simd * ws, Math.Max(2, words)));
        var readAddress = Expr.Mux(inCoefficient | lastLine, Expr.Zero(passLine.Type), passLine + 1);
        var line = residuals.ReadRegistered("residual_line_q", readAddress, inCoefficient | passStep);
        // The pass's coefficient, taken in its coefficient cycle: selecting g[code] during the pass
        // put a mux and its routing ahead of the residual's update on the UP5K's longest path.
        var g = m.Register("pass_coefficient_q", HdlType.SInt(wg));
        // |r| - L and L - |r| in one bit more than a residual: whenever the update fits a residual
        // (the numeric contract), so do they, whatever the sign of L.
        int wd = wr + 1;
        var level = m.Define("pass_level", g.Resize(wd) << c.LevelShift);

        int tail = h - (words - 1) * simd;
        int sumWidth = c.Widths.ResidualSum;
        var bits = new Expr[simd];
        var updated = new Expr[simd];
        var magnitudes = new Expr[simd];
        for (int i = 0; i < simd; i++)
        {
            var negative = line[(i + 1) * ws - 1];
            var size = line[i * ws + wr - 1, i * ws].Resize(wd).AsSigned();
            // Lanes past H in the last line are padding: a clear bit, no part in the sum.
            var valid = i < tail ? null : ~lastLine;
            var positive = ~negative;
            bits[i] = valid is null ? positive : positive & valid;
            var above = m.Define($"above{i}", size - level);
            var below = m.Define($"below{i}", level - size);
            var aboveNegative = above[wd - 1];
            // |u| = ||r| - L|; u = sign(r) (|r| - L) is negative when |r| < L for r >= 0 and when |r| > L for r < 0.
            var updatedSize = Expr.Mux(aboveNegative, below[wr - 1, 0], above[wr - 1, 0]);
            var updatedNegative = Expr.Mux(negative, below[wd - 1], aboveNegative);
            updated[i] = Expr.Concat(updatedNegative, updatedSize);
            var magnitude = updatedSize.Resize(sumWidth).AsSigned();
            magnitudes[i] = valid is null ? magnitude : Expr.Mux(valid, magnitude, Expr.SConst(0, sumWidth));
        }
        var word = m.Define("pass_word", Expr.Concat(bits.Reverse().ToArray()));
        var updatedLine = Expr.Concat(updated.Reverse().ToArray());
        // The last code's residuals are never read again.
        residuals.Write((accept & c.LineEnd) | (passStep & ~lastCode),
            Expr.Mux(c.In(RequantizerContext.Load), c.Line, passLine),
            Expr.Mux(c.In(RequantizerContext.Load), storedLoadLine, updatedLine));

        if (c.Alternating) c.GreedyWords = (passStep, passLine, code, word);
        else c.Output(passStep, Expr.Concat(g.AsUnsigned(), word), lastCode & lastLine);

        if (isStatic)
        {
            var enable = m.Input("sg_wr_en", 1);
            var address = ka > 1 ? m.Input("sg_wr_addr", code.Width) : null;
            var data = m.Input("sg_wr_data", HdlType.SInt(wg));
            m.Describe(data, "a static coefficient G[sg_wr_addr] (docs/NUMERICS.md, the model image), written by the host");
            for (int j = 0; j < ka; j++) c.WriteCoefficient(j, address is null ? enable : enable & address.Eq(j), data);
            m.Next(g, RequantizerContext.Select(code, c.Coefficients.Cast<Expr>().ToArray()), enable: inCoefficient);
            return null;
        }

        // The sum of |r| for the next greedy coefficient; the coefficient cycle consumes and clears it.
        // A step's |r| joins the sum a cycle later, from magnitude_q: in the same cycle it would
        // chain the residual's update, its negation and the sum's adder (about 45 ns on an UP5K).
        // The coefficient cycle adds the last one itself, so no cycle is added.
        var sum = m.Register("sum_q", HdlType.SInt(sumWidth), resetValue: 0);
        var originalWide = original.Resize(sumWidth);
        var loadMagnitude = Expr.Mux(original.Lt(Expr.SConst(0, wr)), -originalWide, originalWide);
        var contribution = Expr.Mux(c.In(RequantizerContext.Load), loadMagnitude, RequantizerContext.Sum(magnitudes));
        var pending = m.Registered("magnitude_q", Expr.Mux(accept | (passStep & ~lastCode), contribution, Expr.SConst(0, sumWidth)), resetValue: 0);
        var total = m.Define("sum_total", sum + pending);
        m.Next(sum, Expr.Mux(inCoefficient, Expr.Zero(sum.Type), total));

        var divisor = GreedyDivisor(c);
        var coefficient = m.Define("greedy_coefficient", DivideRounded(c, total, divisor));
        for (int j = 0; j < c.Coefficients.Count; j++) c.WriteCoefficient(j, inCoefficient & (ka == 1 ? Expr.True : code.Eq(j)), coefficient);
        m.Next(g, coefficient, enable: inCoefficient);
        return divisor;
    }

    /// <summary>A signed residual of width w as the memory keeps it: its sign, then its magnitude in w bits.</summary>
    private static Expr SignAndMagnitude(Expr residual, int w)
    {
        var wide = residual.AsSigned().Resize(w + 1);
        var negative = residual[w - 1];
        return Expr.Concat(negative, Expr.Mux(negative, -wide, wide)[w - 1, 0]);
    }

    /// <summary>floor(N / 2D) for N = 2S + D, D = H 2^(F*-FG), over every N the residual bound allows.</summary>
    private static ConstantDivisor GreedyDivisor(RequantizerContext c)
    {
        var spec = c.Spec;
        var residual = BigInteger.Max(BigInteger.One << (spec.Hidden.Width - 1 + c.Fine - spec.Hidden.Fraction),
            (BigInteger)spec.ActivationCoefficient.Max << c.LevelShift);
        BigInteger d = (BigInteger)spec.HiddenSize << c.LevelShift;
        var divisor = ConstantDivisor.For(2 * d, 2 * residual * spec.HiddenSize + d);
        // The generator re-checks the exactness claim rather than trusting it.
        if (divisor.Verify() is { } bad)
            throw new InvalidOperationException($"the reciprocal of {2 * d} is not exact at {bad}");
        return divisor;
    }

    /// <summary>sat_ActivationCoefficient(rdiv(S, D)) = sat(floor((2S + D) / 2D)) by the reciprocal.</summary>
    private static Expr DivideRounded(RequantizerContext c, Expr sum, ConstantDivisor divisor)
    {
        var spec = c.Spec;
        int nw = c.Widths.RoundedDivideNumerator, wg = spec.ActivationCoefficient.Width;
        BigInteger d = divisor.Divisor / 2;
        // Unnamed, so the emitter's temporary carries the waiver for the bits the shifts drop.
        var numerator = (sum.AsUnsigned().Resize(nw) << 1) + Expr.Const(d, nw);
        var reduced = divisor.PreShift == 0 ? numerator : numerator[nw - 1, divisor.PreShift];
        Expr quotient = reduced;
        if (divisor.MultiplierBits > 0)
        {
            int pw = reduced.Width + divisor.MultiplierBits;
            var product = reduced.Resize(pw) * Expr.Const(divisor.Multiplier, pw);
            quotient = product[pw - 1, divisor.Shift];
        }
        c.M.Comment($"Greedy G = floor(N / {divisor.Divisor}) = (N >> {divisor.PreShift}) * {divisor.Multiplier} >> {divisor.Shift}, exact for N <= {divisor.MaxNumerator} (checked at every step).");
        if (quotient.Width < wg) return quotient.Resize(wg).AsSigned();
        return Expr.Mux(quotient.Gt(Expr.Const(spec.ActivationCoefficient.Max, quotient.Width)),
            Expr.SConst(spec.ActivationCoefficient.Max, wg), quotient.Resize(wg).AsSigned());
    }
}
