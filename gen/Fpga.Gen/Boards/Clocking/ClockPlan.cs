namespace Fpga.Gen.Boards.Clocking;

/// <summary>
/// How a board's oscillator becomes the design clock: the primitive's divider settings, and
/// the frequency they actually give, which is what timing is checked against and what the
/// spec's clock-to-baud divisor must be computed from.
/// </summary>
public abstract record ClockPlan(long InputHz, long RequestedHz)
{
    /// <summary>The output frequency the chosen dividers give, in hertz (rounded).</summary>
    public abstract double AchievedHz { get; }

    /// <summary>The vendor primitive the plan configures.</summary>
    public abstract string Primitive { get; }

    /// <summary>One line per setting, for reports and the generated module's comment.</summary>
    public abstract IReadOnlyList<string> Settings { get; }

    public double ErrorPpm => (AchievedHz - RequestedHz) / RequestedHz * 1e6;

    public string Describe() =>
        $"{Primitive}: {InputHz / 1e6:0.###} MHz in, {RequestedHz / 1e6:0.###} MHz requested, {AchievedHz / 1e6:0.####} MHz achieved ({string.Join(", ", Settings)})";
}
