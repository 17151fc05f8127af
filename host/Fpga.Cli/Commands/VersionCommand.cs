using System.CommandLine;
using System.Reflection;

namespace Fpga.Cli.Commands;

public static class VersionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("version", "Print the tool's version.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly.GetName().Version ?? new Version(0, 0);
            console.Out.WriteLine($"fpga {version}");
            return 0;
        });
        return command;
    }
}
