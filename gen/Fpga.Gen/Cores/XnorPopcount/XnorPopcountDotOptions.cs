using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.XnorPopcount;

/// <summary>
/// Parameters of the XNOR-popcount dot-product unit.
/// </summary>
/// <param name="Simd">Bits of each operand consumed per cycle, 8..1024.</param>
/// <param name="LevelsPerStage">Adder-tree levels between pipeline registers: fewer is faster, more is smaller.</param>
public sealed record XnorPopcountDotOptions(int Simd, int LevelsPerStage = 2)
{
    public const int MinSimd = 8;
    public const int MaxSimd = 1024;

    public void Validate()
    {
        if (Simd is < MinSimd or > MaxSimd)
            throw new SpecValidationException("simd", $"{Simd} is outside {MinSimd}..{MaxSimd} bits");
        if (LevelsPerStage is < 1 or > 16)
            throw new SpecValidationException("levels-per-stage", $"{LevelsPerStage} is outside 1..16");
    }
}
