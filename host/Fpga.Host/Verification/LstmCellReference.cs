using Fpga.Gen.Spec;

namespace Fpga.Host.Verification;

/// <summary>Steps 2 to 5 of docs/NUMERICS.md for one hidden unit, written from the contract with the shared primitives.</summary>
public static class LstmCellReference
{
    /// <summary>Gates in the order i, f, g, o; returns h and updates the cell state.</summary>
    public static long Step(AcceleratorSpec spec, NonlinearityTables tables, ReadOnlySpan<long> accumulators, ReadOnlySpan<long> biases, ref long cell)
    {
        int shift = spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;
        Span<long> z = stackalloc long[4];
        for (int q = 0; q < 4; q++)
            z[q] = FixedPoint.Saturate(FixedPoint.RoundShiftRight(accumulators[q], shift) + biases[q], spec.Gate);
        int fz = spec.Gate.Fraction, fh = spec.Hidden.Fraction, fc = spec.Cell.Fraction;
        long i = tables.EvaluateSigmoid(z[0], fz), f = tables.EvaluateSigmoid(z[1], fz);
        long g = tables.EvaluateTanh(z[2], fz), o = tables.EvaluateSigmoid(z[3], fz);
        cell = FixedPoint.Saturate(FixedPoint.RoundShiftRight(f * cell, fh) + FixedPoint.RoundShiftRight(i * g, 2 * fh - fc), spec.Cell);
        return FixedPoint.Saturate(FixedPoint.RoundShiftRight(o * tables.EvaluateTanh(cell, fc), fh), spec.Hidden);
    }
}
