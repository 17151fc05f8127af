namespace Fpga.Gen.Boards.Clocking;

/// <summary>The oscillator clocks the design directly: no PLL, nothing to lock.</summary>
public sealed record DirectClockPlan(long InputHz) : ClockPlan(InputHz, InputHz)
{
    public override double AchievedHz => InputHz;
    public override string Primitive => "oscillator";
    public override IReadOnlyList<string> Settings => ["no PLL"];
}
