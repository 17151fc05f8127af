namespace Fpga.Host.Training;

/// <summary>Inverted dropout: each element kept with probability 1 - p and scaled by 1/(1 - p), so evaluation needs no rescaling.</summary>
public static class DropoutMask
{
    public static void Fill(Span<float> mask, float rate, Random random)
    {
        if (rate is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout rate must be in [0, 1)");
        float keep = 1 / (1 - rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextSingle() < rate ? 0f : keep;
    }
}
