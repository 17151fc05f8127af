namespace Fpga.Sim.Tools;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Standard output followed by standard error: the order a terminal would mostly show.</summary>
    public string CombinedOutput => StandardError.Length == 0 ? StandardOutput
        : StandardOutput.Length == 0 ? StandardError
        : StandardOutput.TrimEnd('\n') + "\n" + StandardError;
}
