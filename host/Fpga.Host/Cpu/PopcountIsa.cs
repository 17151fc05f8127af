using System.Runtime.Intrinsics.X86;

namespace Fpga.Host.Cpu;

/// <summary>
/// The instruction sets the XNOR-popcount kernels are written for. .NET exposes no vector
/// popcount, so the vector paths count bits by a byte-shuffle nibble lookup; the scalar path
/// uses one POPCNT per 64-bit word and is the reference the vector paths are tested against.
/// </summary>
public enum PopcountIsa
{
    Scalar,
    Avx2,
    Avx512,
}

public static class PopcountIsas
{
    /// <summary>The widest path this processor runs.</summary>
    public static PopcountIsa Best =>
        IsSupported(PopcountIsa.Avx512) ? PopcountIsa.Avx512 : IsSupported(PopcountIsa.Avx2) ? PopcountIsa.Avx2 : PopcountIsa.Scalar;

    public static bool IsSupported(PopcountIsa isa) => isa switch
    {
        PopcountIsa.Scalar => true,
        PopcountIsa.Avx2 => Avx2.IsSupported,
        // TernaryLogic (F), byte shuffles and sums (BW), 64-bit multiplies (DQ).
        PopcountIsa.Avx512 => Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported,
        _ => false,
    };

    /// <summary>Every path this processor runs, scalar first.</summary>
    public static IReadOnlyList<PopcountIsa> Supported => Enum.GetValues<PopcountIsa>().Where(IsSupported).ToArray();
}
