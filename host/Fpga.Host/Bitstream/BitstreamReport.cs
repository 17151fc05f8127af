namespace Fpga.Host.Bitstream;

/// <summary>The outcome of a bitstream build: the file, what it uses, how fast it runs, and how long each stage took.</summary>
public sealed record BitstreamReport(
    string BitstreamPath,
    NextpnrReport Placement,
    double TargetMhz,
    IReadOnlyList<string> ExplainedWarnings,
    IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages)
{
    public TimeSpan Total => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed);

    /// <summary>The design clock's timing: the slowest constrained clock.</summary>
    public ClockTiming? DesignClock => Placement.Clocks.OrderBy(c => c.AchievedMhz).FirstOrDefault();
}
