using System.Numerics;
using Fpga.Gen.Cores.Mvu;

namespace Fpga.Host.Verification;

/// <summary>One random problem for the matrix-vector unit: planes as column bit vectors (bit c = column c).</summary>
public sealed record XnorMvuProblem(BigInteger[,] WeightPlanes, long[,] WeightCoefficients, BigInteger[] ActivationPlanes, long[] ActivationCoefficients)
{
    public static XnorMvuProblem Random(XnorMvuOptions o, Random random, bool newWeights = true, XnorMvuProblem? previous = null)
    {
        var planes = newWeights || previous is null ? new BigInteger[o.Rows, o.WeightCodes] : previous.WeightPlanes;
        var coefs = newWeights || previous is null ? new long[o.Rows, o.WeightCodes] : previous.WeightCoefficients;
        if (newWeights || previous is null)
        {
            for (int r = 0; r < o.Rows; r++)
                for (int i = 0; i < o.WeightCodes; i++)
                {
                    planes[r, i] = XnorDotReference.RandomVector(random, o.Cols);
                    coefs[r, i] = Coefficient(random, o.WeightCoefficientWidth);
                }
        }
        var act = Enumerable.Range(0, o.ActivationCodes).Select(_ => XnorDotReference.RandomVector(random, o.Cols)).ToArray();
        var g = Enumerable.Range(0, o.ActivationCodes).Select(_ => Coefficient(random, o.ActivationCoefficientWidth)).ToArray();
        return new XnorMvuProblem(planes, coefs, act, g);
    }

    /// <summary>Uniform over the format, with the extremes drawn often: they are where widths break.</summary>
    private static long Coefficient(Random random, int width)
    {
        long min = -(1L << (width - 1)), max = (1L << (width - 1)) - 1;
        return random.Next(8) switch { 0 => min, 1 => max, _ => random.NextInt64(min, max + 1) };
    }
}

/// <summary>The C# reference of <see cref="XnorMvu"/>: the contract's matrix-vector sum, exactly.</summary>
public static class XnorMvuReference
{
    public static long[] Compute(XnorMvuOptions o, XnorMvuProblem p)
    {
        var y = new long[o.Rows];
        for (int r = 0; r < o.Rows; r++)
            for (int i = 0; i < o.WeightCodes; i++)
                for (int j = 0; j < o.ActivationCodes; j++)
                    y[r] += p.WeightCoefficients[r, i] * p.ActivationCoefficients[j] * XnorDotReference.Dot(p.WeightPlanes[r, i], p.ActivationPlanes[j], o.Cols);
        return y;
    }
}
