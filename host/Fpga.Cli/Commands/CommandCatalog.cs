using System.CommandLine;

namespace Fpga.Cli.Commands;

/// <summary>Every sub-command of `fpga`, one file each under Commands/.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All(CliConsole console)
    {
        yield return DemoCommand.Create(console);
        yield return RunCommand.Create(console);
        yield return SimCommand.Create(console);
        yield return CheckCommand.Create(console);
        yield return InspectCommand.Create(console);
        yield return QuantizeCommand.Create(console);
        yield return TrainCommand.Create(console);
        yield return EvalCommand.Create(console);
        yield return InferCommand.Create(console);
        yield return GenCommand.Create(console);
        yield return LintCommand.Create(console);
        yield return ConstraintsCommand.Create(console);
        yield return BitstreamCommand.Create(console);
        yield return BenchCommand.Create(console);
        yield return VersionCommand.Create(console);
    }
}
