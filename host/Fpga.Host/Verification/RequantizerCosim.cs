using System.Numerics;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>What one co-simulation of the re-quantizer observed; the cycles are from the last h accepted to the last word out.</summary>
public sealed record RequantizerCosimResult(int Vectors, int BeatsChecked, IReadOnlyList<string> Mismatches, long CyclesPerVector)
{
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>
/// Streams random hidden vectors (format edges and zeros included) into the Verilated
/// re-quantizer under random source idling and sink stalls, and compares every output word
/// and coefficient with the golden model's <see cref="HiddenRequantizer"/> in the spec's mode.
/// Static coefficients are random, non-negative and written through sg_wr_* first.
/// </summary>
public static class RequantizerCosim
{
    public static RequantizerCosimResult Run(VerilatorSimulation sim, HiddenStateRequantizer unit, int vectors, int seed, double sourceIdle, double sinkStall)
    {
        var spec = unit.Spec;
        var widths = DerivedWidths.For(spec);
        int h = spec.HiddenSize, simd = unit.Simd, wh = spec.Hidden.Width, ka = spec.ActivationCodes;
        var random = new Random(seed);
        bool isStatic = spec.Requantization == HiddenRequantization.Static;
        sim.Set("s_axis_tvalid", false);
        sim.Set("m_axis_tready", false);
        if (isStatic) sim.Set("sg_wr_en", false);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);
        long[]? coefficients = null;
        if (isStatic)
        {
            // Up to a little over 1.0, so the levels reach the hidden range and past it.
            long top = Math.Min(spec.ActivationCoefficient.Max, (5L << spec.ActivationCoefficient.Fraction) / 4);
            coefficients = Enumerable.Range(0, ka).Select(j => j == ka - 1 && random.Next(4) == 0 ? 0 : random.NextInt64(0, top + 1)).ToArray();
            for (int j = 0; j < ka; j++)
            {
                if (ka > 1) sim.Set("sg_wr_addr", (ulong)j);
                sim.Set("sg_wr_data", TwosComplement.Bits(coefficients[j], spec.ActivationCoefficient.Width));
                sim.Set("sg_wr_en", true);
                sim.Step();
            }
            sim.Set("sg_wr_en", false);
        }

        var inputs = new List<long>();
        var expected = new List<(long G, BigInteger Word, bool Last)>();
        for (int v = 0; v < vectors; v++)
        {
            var hidden = new long[h];
            // Now and then all units equal: dependent codes, the refit's singular case.
            bool constant = v % 5 == 4;
            for (int k = 0; k < h; k++)
                hidden[k] = constant && k > 0 ? hidden[0] : random.Next(12) switch
                {
                    0 => spec.Hidden.Min,
                    1 => spec.Hidden.Max,
                    2 => 0,
                    _ => random.NextInt64(-(1L << spec.Hidden.Fraction), (1L << spec.Hidden.Fraction) + 1),
                };
            inputs.AddRange(hidden);
            var coded = HiddenRequantizer.For(hidden, spec, widths, coefficients);
            for (int j = 0; j < ka; j++)
                for (int w = 0; w < unit.Words; w++)
                {
                    BigInteger word = 0;
                    for (int b = 0; b < simd && w * simd + b < h; b++)
                        if (coded.Bit(j, w * simd + b)) word |= BigInteger.One << b;
                    expected.Add((coded.Coefficients[j], word, j == ka - 1 && w == unit.Words - 1));
                }
        }

        var mismatches = new List<string>();
        int sent = 0, received = 0;
        long firstAcceptOfLast = -1, lastBeat = -1;
        long limit = 8L * vectors * (unit.Cycles + 2 * h + 16);
        for (long cycle = 0; received < expected.Count && cycle < limit; cycle++)
        {
            bool offer = sent < inputs.Count && random.NextDouble() >= sourceIdle;
            bool ready = random.NextDouble() >= sinkStall;
            sim.Set("s_axis_tvalid", offer);
            sim.Set("s_axis_tdata", sent < inputs.Count ? TwosComplement.Bits(inputs[sent], wh) : BigInteger.Zero);
            sim.Set("m_axis_tready", ready);
            var sReady = sim.Sample("s_axis_tready");
            var mValid = sim.Sample("m_axis_tvalid");
            var mData = sim.Sample("m_axis_tdata");
            var mLast = sim.Sample("m_axis_tlast");
            if (mValid.Value == 1 && ready)
            {
                var (g, word, last) = expected[received];
                var gotWord = mData.Value & ((BigInteger.One << simd) - 1);
                long gotG = TwosComplement.Signed(mData.Value >> simd, spec.ActivationCoefficient.Width);
                if (gotWord != word || gotG != g || (mLast.Value == 1) != last)
                    mismatches.Add($"beat {received}: expected G {g} word {word:X} last {last}, got G {gotG} word {gotWord:X} last {mLast.Value}");
                received++;
                lastBeat = cycle;
            }
            if (offer && sReady.Value == 1)
            {
                sent++;
                if (sent == inputs.Count) firstAcceptOfLast = cycle;
            }
            sim.Step();
        }
        if (received < expected.Count) mismatches.Add($"only {received} of {expected.Count} words arrived");
        return new RequantizerCosimResult(vectors, received, mismatches.Take(20).ToArray(), lastBeat - firstAcceptOfLast);
    }

}
