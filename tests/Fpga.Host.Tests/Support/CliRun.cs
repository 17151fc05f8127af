using Fpga.Cli;

namespace Fpga.Host.Tests.Support;

/// <summary>One in-process run of `fpga` with captured output.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = FpgaCli.RunAsync(args, output, error).GetAwaiter().GetResult();
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
