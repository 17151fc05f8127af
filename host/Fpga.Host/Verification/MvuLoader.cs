using System.Numerics;
using Fpga.Gen.Cores.Mvu;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>
/// Writes weights and activations into a Verilated matrix-vector unit through its write
/// ports, at the addresses of its <see cref="XnorMvuMemoryMap"/>. Planes are column bit
/// vectors (bit c = column c); padding columns are written as 0.
/// </summary>
public static class MvuLoader
{
    /// <param name="planesPort">Prefix of the weight-plane write port ("w" on the unit itself).</param>
    /// <param name="coefficientsPort">Prefix of the coefficient write port ("a" on the unit itself).</param>
    /// <param name="plane">Code plane i of row r.</param>
    /// <param name="coefficient">Coefficient i of row r.</param>
    public static void LoadWeights(VerilatorSimulation sim, XnorMvu mvu, string planesPort, string coefficientsPort,
        Func<int, int, BigInteger> plane, Func<int, int, long> coefficient)
    {
        foreach (var write in WeightWrites(mvu, plane, coefficient))
        {
            var port = write.Coefficient ? coefficientsPort : planesPort;
            sim.Set($"{port}_wr_addr", write.Address);
            sim.Set($"{port}_wr_data", write.Data);
            sim.Set($"{port}_wr_en", true);
            sim.Step();
            sim.Set($"{port}_wr_en", false);
        }
    }

    /// <summary>
    /// Every write that loads a unit's weights, in order: per row and weight code the plane's
    /// SIMD-bit words, then the coefficient (two's complement bits of its width).
    /// </summary>
    public static IEnumerable<MvuWrite> WeightWrites(XnorMvu mvu, Func<int, int, BigInteger> plane, Func<int, int, long> coefficient)
    {
        var o = mvu.Options;
        var map = mvu.MemoryMap;
        for (int r = 0; r < o.Rows; r++)
        {
            for (int i = 0; i < o.WeightCodes; i++)
            {
                var bits = plane(r, i);
                for (int cf = 0; cf < o.ColFolds; cf++)
                    yield return new MvuWrite(false, map.WeightWriteAddress(r, i, cf), Word(bits, cf, o.Simd));
                yield return new MvuWrite(true, map.CoefficientWriteAddress(r, i), TwosComplement.Bits(coefficient(r, i), o.WeightCoefficientWidth));
            }
        }
    }

    public static void LoadActivations(VerilatorSimulation sim, XnorMvu mvu, IReadOnlyList<BigInteger> planes, IReadOnlyList<long> coefficients)
    {
        foreach (var write in ActivationWrites(mvu, planes, coefficients))
        {
            if (write.Coefficient)
            {
                if (mvu.Options.ActivationCodes > 1) sim.Set("g_wr_idx", write.Address);
                sim.Set("g_wr_data", write.Data);
                sim.Set("g_wr_en", true);
            }
            else
            {
                sim.Set("x_wr_addr", write.Address);
                sim.Set("x_wr_data", write.Data);
                sim.Set("x_wr_en", true);
            }
            sim.Step();
            sim.Set(write.Coefficient ? "g_wr_en" : "x_wr_en", false);
        }
    }

    /// <summary>
    /// Every write that loads one activation vector, in order: per code its SIMD-bit words
    /// (x port), then its coefficient (g port; the address is the code index).
    /// </summary>
    public static IEnumerable<MvuWrite> ActivationWrites(XnorMvu mvu, IReadOnlyList<BigInteger> planes, IReadOnlyList<long> coefficients)
    {
        var o = mvu.Options;
        var map = mvu.MemoryMap;
        for (int j = 0; j < o.ActivationCodes; j++)
        {
            for (int cf = 0; cf < o.ColFolds; cf++)
                yield return new MvuWrite(false, map.ActivationWriteAddress(j, cf), Word(planes[j], cf, o.Simd));
            yield return new MvuWrite(true, (ulong)j, TwosComplement.Bits(coefficients[j], o.ActivationCoefficientWidth));
        }
    }

    /// <summary>A plane held as 64-bit words, least significant first, as one column bit vector.</summary>
    public static BigInteger Columns(ReadOnlySpan<ulong> words)
    {
        BigInteger value = 0;
        for (int w = words.Length - 1; w >= 0; w--) value = (value << 64) | words[w];
        return value;
    }

    private static BigInteger Word(BigInteger plane, int colFold, int simd) => (plane >> (colFold * simd)) & ((BigInteger.One << simd) - 1);
}

/// <summary>One write into a matrix-vector unit: to its plane memory, or (Coefficient) to its coefficient memory or register.</summary>
public sealed record MvuWrite(bool Coefficient, ulong Address, BigInteger Data);
