using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fpga.Host.Quantization;

/// <summary>Finds NaN and infinities, which no quantizer can place on a level.</summary>
internal static class FiniteValues
{
    /// <summary>Index of the first non-finite value, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float v = ref MemoryMarshal.GetReference(values);
            // x - x is 0 for every finite x and NaN otherwise, and NaN fails x == x.
            for (; c + Vector256<float>.Count <= values.Length; c += Vector256<float>.Count)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)c);
                var difference = x - x;
                if (!Vector256.EqualsAll(difference, difference)) break;
            }
        }
        for (; c < values.Length; c++)
        {
            if (!float.IsFinite(values[c])) return c;
        }
        return -1;
    }
}
