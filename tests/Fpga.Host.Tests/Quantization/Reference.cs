using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

/// <summary>Slow, obviously correct computations the fast kernels are checked against.</summary>
internal static class Reference
{
    /// <summary>Value of code pattern p (bit i set = +1) summed like QuantizedTensor.Value.</summary>
    public static float Level(ReadOnlySpan<float> coefficients, int pattern, float offset = 0f)
    {
        float sum = offset;
        for (int i = 0; i < coefficients.Length; i++) sum += ((pattern >> i) & 1) != 0 ? coefficients[i] : -coefficients[i];
        return sum;
    }

    public static int Pattern(QuantizedTensor tensor, int row, int col)
    {
        int pattern = 0;
        for (int i = 0; i < tensor.Codes; i++) pattern |= (tensor.Bit(row, i, col) ? 1 : 0) << i;
        return pattern;
    }

    /// <summary>Distance from x to the nearest of all 2^k levels, by trying every pattern.</summary>
    public static double NearestDistance(float x, ReadOnlySpan<float> coefficients)
    {
        double best = double.PositiveInfinity;
        for (int p = 0; p < 1 << coefficients.Length; p++) best = Math.Min(best, Math.Abs(x - (double)Level(coefficients, p)));
        return best;
    }

    public static double SquaredError(ReadOnlySpan<float> values, QuantizedTensor tensor, int row)
    {
        double sum = 0;
        for (int c = 0; c < values.Length; c++)
        {
            double d = values[c] - (double)tensor.Value(row, c);
            sum += d * d;
        }
        return sum;
    }

    public static double SquaredNorm(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float x in values) sum += (double)x * x;
        return sum;
    }

    /// <summary>The ±1 code matrix of one row, [col][plane].</summary>
    public static double[,] Codes(QuantizedTensor tensor, int row)
    {
        var b = new double[tensor.Cols, tensor.Codes];
        for (int c = 0; c < tensor.Cols; c++)
            for (int i = 0; i < tensor.Codes; i++)
                b[c, i] = tensor.Bit(row, i, c) ? 1 : -1;
        return b;
    }

    /// <summary>Least squares by Gaussian elimination with partial pivoting on the normal equations (full-rank B only).</summary>
    public static double[] LeastSquares(double[,] b, ReadOnlySpan<float> w)
    {
        int n = b.GetLength(0), k = b.GetLength(1);
        var m = new double[k, k + 1];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
                for (int c = 0; c < n; c++) m[i, j] += b[c, i] * b[c, j];
            for (int c = 0; c < n; c++) m[i, k] += b[c, i] * w[c];
        }
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < k; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            for (int j = 0; j <= k; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (int r = 0; r < k; r++)
            {
                if (r == col) continue;
                double f = m[r, col] / m[col, col];
                for (int j = col; j <= k; j++) m[r, j] -= f * m[col, j];
            }
        }
        var x = new double[k];
        for (int i = 0; i < k; i++) x[i] = m[i, k] / m[i, i];
        return x;
    }

    /// <summary>B^T (w - B a): zero at a least-squares solution.</summary>
    public static double[] NormalResidual(double[,] b, ReadOnlySpan<float> w, ReadOnlySpan<float> a)
    {
        int n = b.GetLength(0), k = b.GetLength(1);
        var g = new double[k];
        for (int c = 0; c < n; c++)
        {
            double r = w[c];
            for (int i = 0; i < k; i++) r -= b[c, i] * a[i];
            for (int i = 0; i < k; i++) g[i] += b[c, i] * r;
        }
        return g;
    }
}
