using System.CommandLine;
using Fpga.Cli.Commands;
using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;

namespace Fpga.Cli;

/// <summary>
/// The whole command-line program as a function of its arguments and two writers, so tests run
/// it in-process with a captured console.
/// </summary>
public static class FpgaCli
{
    public const int ExitOk = 0;
    public const int ExitUserError = 1;
    public const int ExitUsage = 2;

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("fpga: quantized LSTM accelerators for FPGAs, from model to board.");
        foreach (var command in CommandCatalog.All(console))
        {
            root.Add(command);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default, TextReader? input = null)
    {
        var console = new CliConsole(output, error, input);
        var root = Build(console);
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellation);
        }
        catch (FpgaException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitUserError;
        }
        catch (Fpga.Sim.SimulationException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitUserError;
        }
        catch (SpecValidationException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitUserError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("error: cancelled");
            return ExitUserError;
        }
    }
}
