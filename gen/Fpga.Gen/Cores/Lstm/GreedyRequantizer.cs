using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// Step 6 of docs/NUMERICS.md, greedy: the H hidden values of a step become ka code planes
/// and coefficients. Per code: a serial
/// restoring divider forms G = rdiv(S, H * 2^(F* - FG)) exactly, and a code pass takes the
/// residual's signs as the code bits and writes back r - (+-G) (two cycles per unit). The
/// sums of |r| need no passes of their own: they build up as h arrives and as each code pass
/// writes the next residuals.
/// Sequential on purpose: it runs once per step while the matrix-vector unit takes
/// (rows/PE)(cols/SIMD) kw ka cycles.
///
/// Input  s_axis: tdata = h[k] in the Hidden format, k = 0..H-1 in order.
/// Output m_axis: tdata = {G[j], code word} per SIMD columns, code j major, column minor
///        (the matrix-vector unit's activation layout); tlast on the last word of the last code.
/// </summary>
public sealed class GreedyRequantizer
{
    private GreedyRequantizer(AcceleratorSpec spec, int simd, ModuleIr module, int dividerBits)
    {
        Spec = spec;
        Simd = simd;
        Module = module;
        DividerBits = dividerBits;
    }

    public AcceleratorSpec Spec { get; }
    public int Simd { get; }
    public ModuleIr Module { get; }
    public int DividerBits { get; }
    public int Words => (Spec.HiddenSize + Simd - 1) / Simd;

    /// <summary>Cycles from the last h accepted to the last word out, with a ready sink.</summary>
    public long Cycles => Spec.ActivationCodes * (DividerBits + 1 + 2L * Spec.HiddenSize) + 1;

    public static GreedyRequantizer Generate(AcceleratorSpec spec, int simd, DesignConventions? conventions = null)
    {
        spec.Validate();
        if (simd is < 1 or > 1024) throw new SpecValidationException("simd", $"{simd} is outside 1..1024");
        var widths = DerivedWidths.For(spec);
        int h = spec.HiddenSize, ka = spec.ActivationCodes, wr = widths.Residual, wg = spec.ActivationCoefficient.Width;
        int fine = Math.Max(spec.Hidden.Fraction, spec.ActivationCoefficient.Fraction);
        int levelShift = fine - spec.ActivationCoefficient.Fraction;
        long divisor = (long)h << levelShift;
        int nw = widths.RoundedDivideNumerator;
        // The remainder stays below M = 2D; shifted left with the next numerator bit it is below 2M.
        int rw = BitWidth.ForUnsigned(2 * divisor - 1);

        var m = new ModuleBuilder($"greedy_requant_h{h}_k{ka}_s{simd}_{spec.Hash[..8]}", conventions ?? new DesignConventions(spec.Reset));
        m.Comment($"Greedy re-quantization of {h} hidden values ({spec.Hidden}) to {ka} codes with {spec.ActivationCoefficient} coefficients, {simd}-bit code words.");
        m.Comment($"G[j] = rdiv(sum |r|, {divisor}) by a {nw}-cycle restoring divider; residuals in {wr} bits (docs/NUMERICS.md step 6).");
        var sValid = m.Input("s_axis_tvalid", 1);
        var sReady = m.Output("s_axis_tready", 1);
        var sData = m.Input("s_axis_tdata", HdlType.SInt(spec.Hidden.Width));
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", wg + simd);
        m.Describe(mData, "{G[j], code word}");
        var mLast = m.Output("m_axis_tlast", 1);
        var idle = m.Output("idle", 1);

        const int Load = 0, Divide = 1, Code = 2;
        var state = m.Register("state_q", 2, resetValue: Load);
        var unit = m.Register("unit_q", BitWidth.Log2Ceiling(Math.Max(2, h)), resetValue: 0);
        var code = m.Register("code_q", BitWidth.ForUnsigned(Math.Max(ka - 1, 1)), resetValue: 0);
        var phase = m.Register("phase_q", 1, resetValue: 0);
        var lastUnit = m.Define("last_unit", unit.Eq(h - 1));
        var lastCode = m.Define("last_code", code.Eq(ka - 1));
        var inLoad = m.Define("in_load", state.Eq(Load));
        var inDivide = m.Define("in_divide", state.Eq(Divide));
        var inCode = m.Define("in_code", state.Eq(Code));

        var outValid = m.Register("out_valid_q", 1, resetValue: 0);
        var outFree = m.Define("out_free", ~outValid | mReady);

        // Residuals r[k] at fraction F*, read one cycle after their address.
        var residuals = m.Memory("residuals", wr, Math.Max(2, h));
        var r = residuals.ReadRegistered("residual_q", unit).AsSigned();
        var loaded = sData.Resize(wr) << (fine - spec.Hidden.Fraction);
        var accept = m.Define("accept", sValid & inLoad);
        m.Assign(sReady, inLoad);

        // The sum of |r| for the next coefficient builds up while the residuals are written: as
        // h arrives for the first code, in the code pass of the previous code for the others.
        // Reset to 0: the first vector after reset adds onto it before any clear, so without a
        // reset its first coefficient is undefined (X in a 4-state simulator; Verilator's
        // zero-initialized flops hid it).
        var sum = m.Register("sum_q", HdlType.SInt(widths.ResidualSum), resetValue: 0);

        // Divider: N = 2S + D shifted out MSB first into the remainder.
        var numerator = m.Register("numerator_q", nw);
        var remainder = m.Register("remainder_q", rw);
        var quotient = m.Register("quotient_q", nw);
        var bitsLeft = m.Register("bits_left_q", BitWidth.ForUnsigned(nw));
        var shifted = m.Define("remainder_shifted", Expr.Concat(remainder, numerator[nw - 1]));
        var fits = m.Define("divisor_fits", shifted.Ge(Expr.Const(2 * divisor, rw + 1)));
        var divideDone = m.Define("divide_done", inDivide & bitsLeft.Eq(0));
        var g = m.Register("g_q", HdlType.SInt(wg));
        var level = (g.Resize(wr) << levelShift);

        // Code pass: the residual's sign is the code bit; the word fills from its low bit.
        var positive = m.Define("residual_positive", ~r[wr - 1]);
        var word = m.Register("word_q", simd);
        var position = m.Register("position_q", simd);
        var wordEnd = m.Define("word_end", position[simd - 1] | lastUnit);
        var codeStep = m.Define("code_step", inCode & phase & (~wordEnd | outFree));
        var filled = m.Define("word_filled", Expr.Mux(positive, word | position, word));

        var codeDone = m.Define("code_done", codeStep & lastUnit);
        var updated = m.Define("residual_updated", Expr.Mux(positive, r - level, r + level));
        var written = m.Define("residual_written", Expr.Mux(inLoad, loaded, updated));
        residuals.Write(accept | codeStep, unit, written.AsUnsigned());
        var magnitude = Expr.Mux(written.Lt(Expr.SConst(0, wr)), -written.Resize(wr + 1), written.Resize(wr + 1));
        var total = m.Define("sum_total", sum + magnitude.Resize(widths.ResidualSum));
        var sumDone = m.Define("sum_done", (accept & lastUnit) | (codeDone & ~lastCode));

        m.Next(state, Expr.Mux(sumDone, Expr.Const(Divide, 2),
            Expr.Mux(divideDone, Expr.Const(Code, 2),
            Expr.Mux(codeDone, Expr.Const(Load, 2), state))));
        var advanceUnit = m.Define("advance_unit", accept | codeStep);
        m.Next(unit, Expr.Mux(lastUnit, Expr.Zero(unit.Type), unit + 1), enable: advanceUnit);
        // Code: read, then hold the data cycle until the word can leave.
        m.Next(phase, Expr.Mux(inCode, Expr.Mux(phase, ~codeStep, Expr.True), Expr.False));
        m.Next(code, Expr.Mux(lastCode, Expr.Zero(code.Type), code + 1), enable: codeDone);
        m.Next(sum, Expr.Mux(sumDone | codeDone, Expr.Zero(sum.Type), total), enable: accept | codeStep);
        m.Next(numerator, Expr.Mux(sumDone, (total.AsUnsigned().Resize(nw) << 1) + Expr.Const(divisor, nw), numerator << 1), enable: sumDone | inDivide);
        m.Next(remainder, Expr.Mux(sumDone, Expr.Zero(remainder.Type), Expr.Mux(fits, shifted - Expr.Const(2 * divisor, rw + 1), shifted)[rw - 1, 0]), enable: sumDone | (inDivide & bitsLeft.Ne(0)));
        m.Next(quotient, Expr.Mux(sumDone, Expr.Zero(quotient.Type), Expr.Concat(quotient[nw - 2, 0], fits)), enable: sumDone | (inDivide & bitsLeft.Ne(0)));
        m.Next(bitsLeft, Expr.Mux(sumDone, Expr.Const(nw, bitsLeft.Width), bitsLeft - 1), enable: sumDone | (inDivide & bitsLeft.Ne(0)));
        var saturated = nw >= wg
            ? Expr.Mux(quotient.Gt(Expr.Const(spec.ActivationCoefficient.Max, nw)), Expr.SConst(spec.ActivationCoefficient.Max, wg), quotient[wg - 1, 0].AsSigned())
            : quotient.Resize(wg).AsSigned();
        m.Next(g, saturated, enable: divideDone);
        var wordStart = m.Define("word_start", divideDone | (codeStep & wordEnd));
        m.Next(word, Expr.Mux(wordStart, Expr.Zero(word.Type), filled), enable: wordStart | codeStep);
        m.Next(position, Expr.Mux(wordStart, Expr.Const(1, simd), simd == 1 ? position : Expr.Concat(position[simd - 2, 0], Expr.Const(0, 1))), enable: wordStart | codeStep);

        var outData = m.Registered("out_data_q", Expr.Concat(g.AsUnsigned(), filled), enable: codeStep & wordEnd);
        var outLast = m.Registered("out_last_q", lastUnit & lastCode, enable: codeStep & wordEnd);
        m.Next(outValid, Expr.Mux(codeStep & wordEnd, Expr.True, Expr.Mux(mReady, Expr.False, outValid)));
        m.Assign(mValid, outValid);
        m.Assign(mData, outData);
        m.Assign(mLast, outLast);
        m.Assign(idle, inLoad & ~outValid);
        return new GreedyRequantizer(spec, simd, m.Build(), nw);
    }
}
