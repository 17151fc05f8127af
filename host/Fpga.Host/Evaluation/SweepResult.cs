namespace Fpga.Host.Evaluation;

/// <summary>A configuration's score on the evaluation data.</summary>
public sealed record SweepResult(SweepConfiguration Configuration, double Score);
