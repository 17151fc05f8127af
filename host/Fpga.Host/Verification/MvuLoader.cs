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
        var o = mvu.Options;
        var map = mvu.MemoryMap;
        for (int r = 0; r < o.Rows; r++)
        {
            for (int i = 0; i < o.WeightCodes; i++)
            {
                var bits = plane(r, i);
                for (int cf = 0; cf < o.ColFolds; cf++)
                {
                    sim.Set($"{planesPort}_wr_addr", map.WeightWriteAddress(r, i, cf));
                    sim.Set($"{planesPort}_wr_data", Word(bits, cf, o.Simd));
                    sim.Set($"{planesPort}_wr_en", true);
                    sim.Step();
                }
                sim.Set($"{planesPort}_wr_en", false);
                sim.Set($"{coefficientsPort}_wr_addr", map.CoefficientWriteAddress(r, i));
                sim.Set($"{coefficientsPort}_wr_data", TwosComplement.Bits(coefficient(r, i), o.WeightCoefficientWidth));
                sim.Set($"{coefficientsPort}_wr_en", true);
                sim.Step();
                sim.Set($"{coefficientsPort}_wr_en", false);
            }
        }
    }

    public static void LoadActivations(VerilatorSimulation sim, XnorMvu mvu, IReadOnlyList<BigInteger> planes, IReadOnlyList<long> coefficients)
    {
        var o = mvu.Options;
        var map = mvu.MemoryMap;
        for (int j = 0; j < o.ActivationCodes; j++)
        {
            for (int cf = 0; cf < o.ColFolds; cf++)
            {
                sim.Set("x_wr_addr", map.ActivationWriteAddress(j, cf));
                sim.Set("x_wr_data", Word(planes[j], cf, o.Simd));
                sim.Set("x_wr_en", true);
                sim.Step();
            }
            sim.Set("x_wr_en", false);
            if (o.ActivationCodes > 1) sim.Set("g_wr_idx", (ulong)j);
            sim.Set("g_wr_data", TwosComplement.Bits(coefficients[j], o.ActivationCoefficientWidth));
            sim.Set("g_wr_en", true);
            sim.Step();
            sim.Set("g_wr_en", false);
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
