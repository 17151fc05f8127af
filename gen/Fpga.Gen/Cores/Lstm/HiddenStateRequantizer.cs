using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// Step 6 of docs/NUMERICS.md in the spec's mode (greedy, static or alternating): the H hidden
/// values of a step become ka code planes and coefficients.
///
/// h arrives one value a beat; the residuals are kept SIMD to a memory line, so a code pass
/// handles SIMD units a cycle: the residual signs are the code word, r -+ G is written back and
/// the sum of the new |r| (the next greedy coefficient's numerator) is added up in the same
/// cycle. The greedy division by the constant H 2^(F*-FG) is a multiply by a reciprocal
/// (<see cref="ConstantDivisor"/>), one cycle. Static takes its coefficients from registers the
/// host writes (sg_wr_*). Alternating runs greedy without output, then <see cref="AlternatingDatapath"/>
/// refits and re-derives the codes a line a cycle.
///
/// Input  s_axis: tdata = h[k] in the Hidden format, k = 0..H-1 in order.
/// Output m_axis: tdata = {G[j], code word} per SIMD columns, code j major, column minor
///        (the matrix-vector unit's activation layout); tlast on the last word of the last code.
/// idle is high when no vector is in flight.
/// </summary>
public sealed class HiddenStateRequantizer
{
    private HiddenStateRequantizer(AcceleratorSpec spec, int simd, ModuleIr module, ConstantDivisor? divisor, int solveSteps)
    {
        Spec = spec;
        Simd = simd;
        Module = module;
        Divisor = divisor;
        SolveSteps = solveSteps;
    }

    public AcceleratorSpec Spec { get; }
    public int Simd { get; }
    public ModuleIr Module { get; }
    public HiddenRequantization Mode => Spec.Requantization;

    /// <summary>The greedy reciprocal (greedy and alternating); null for static.</summary>
    public ConstantDivisor? Divisor { get; }

    /// <summary>Multiply-accumulate steps of one alternating refit (0 otherwise).</summary>
    public int SolveSteps { get; }

    public int Words => (Spec.HiddenSize + Simd - 1) / Simd;

    /// <summary>
    /// Cycles from the last h accepted to the last word out, with a ready sink: per code one
    /// coefficient cycle and one cycle a line; alternating adds a gather pass over the greedy
    /// codes (Words + 1), per refit the solve, the ka divisions side by side (WG), the sort (1)
    /// and a re-derivation pass (Words + 1), and the output of the stored words (1 + ka Words).
    /// </summary>
    public long Cycles
    {
        get
        {
            int ka = Spec.ActivationCodes;
            long passes = ka * (Words + 1L);
            if (Mode != HiddenRequantization.Alternating) return passes + 1;
            long refit = SolveSteps + Spec.ActivationCoefficient.Width + 1 + (Words + 1L);
            return passes + (Words + 1L) + Spec.AlternatingCycles * refit + 1 + (long)ka * Words + 1;
        }
    }

    public static HiddenStateRequantizer Generate(AcceleratorSpec spec, int simd, DesignConventions? conventions = null)
    {
        spec.Validate();
        if (simd is < 1 or > 1024) throw new SpecValidationException("simd", $"{simd} is outside 1..1024");
        var widths = DerivedWidths.For(spec);
        string mode = spec.Requantization.ToString().ToLowerInvariant();
        var m = new ModuleBuilder($"requant_{mode}_h{spec.HiddenSize}_k{spec.ActivationCodes}_s{simd}_{spec.Hash[..8]}", conventions ?? new DesignConventions(spec.Reset));
        var c = new RequantizerContext(m, spec, widths, simd);
        m.Comment($"{spec.Requantization} re-quantization of {spec.HiddenSize} hidden values ({spec.Hidden}) to {spec.ActivationCodes} codes with {spec.ActivationCoefficient} coefficients, {simd}-bit code words.");
        m.Comment($"Residuals in {c.ResidualWidth} bits at fraction F* = {c.Fine}, {simd} to a line: a code pass takes one cycle a line (docs/NUMERICS.md step 6).");
        var divisor = ResidualPasses.Build(c);
        int solveSteps = spec.Requantization == HiddenRequantization.Alternating ? AlternatingDatapath.Build(c) : 0;
        c.Finish();
        return new HiddenStateRequantizer(spec, simd, m.Build(), divisor, solveSteps);
    }
}
