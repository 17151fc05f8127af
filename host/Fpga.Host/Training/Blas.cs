using System.Runtime.InteropServices;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Training;

/// <summary>
/// Single-precision matrix products through the system BLAS (OpenBLAS from Debian's
/// libopenblas0-pthread, or whatever libblas.so.3 points at). Row-major throughout:
/// C[m, n] = op(A)[m, k] * op(B)[k, n] + beta * C.
/// </summary>
public static unsafe class Blas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private static readonly string[] LibraryNames = ["libopenblas.so.0", "libblas.so.3", "libopenblas.dylib", "libopenblas.dll"];
    private static delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private static readonly Lock LoadLock = new();

    public static void Gemm(ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, float beta = 0f, float alpha = 1f)
    {
        if (m <= 0 || n <= 0 || k <= 0) throw new ArgumentException($"matrix product dimensions must be positive, got m={m} n={n} k={k}");
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
            throw new ArgumentException($"operands too short for a {m}x{k} by {k}x{n} product ({a.Length}, {b.Length}, {c.Length} values)");
        var sgemm = Load();
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha,
                pa, transposeA ? m : k, pb, transposeB ? k : n, beta, pc, n);
        }
    }

    private static delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Load()
    {
        if (_sgemm != null) return _sgemm;
        lock (LoadLock)
        {
            if (_sgemm != null) return _sgemm;
            foreach (var name in LibraryNames)
            {
                if (NativeLibrary.TryLoad(name, out var handle) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var export))
                {
                    _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)export;
                    return _sgemm;
                }
            }
        }
        throw new FpgaException($"no BLAS library with cblas_sgemm found ({string.Join(", ", LibraryNames)}); run `make tools` (Debian package libopenblas0-pthread)");
    }
}
