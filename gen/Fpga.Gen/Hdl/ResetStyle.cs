namespace Fpga.Gen.Hdl;

/// <summary>The design's single reset convention, a spec option.</summary>
public enum ResetStyle
{
    SyncActiveHigh,
    SyncActiveLow,
    AsyncActiveHigh,
    AsyncActiveLow,
}

/// <summary>Conventions every module of one design shares.</summary>
public sealed record DesignConventions(ResetStyle Reset = ResetStyle.SyncActiveHigh, string ClockName = "clk")
{
    public static readonly DesignConventions Default = new();

    public bool ResetActiveLow => Reset is ResetStyle.SyncActiveLow or ResetStyle.AsyncActiveLow;
    public bool ResetAsync => Reset is ResetStyle.AsyncActiveHigh or ResetStyle.AsyncActiveLow;
    public string ResetName => ResetActiveLow ? "rst_n" : "rst";
}
