using System.CommandLine;
using Fpga.Host.Verification;

namespace Fpga.Cli.Commands;

/// <summary>`fpga lint DIR`: Verilator -Wall and Icarus -g2005 over every module under a directory.</summary>
public static class LintCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("directory") { Description = "Directory of generated RTL (searched recursively).", DefaultValueFactory = _ => "hw" };
        var command = new Command("lint", "Lint generated RTL with verilator --lint-only -Wall and iverilog -g2005.") { directory };
        command.SetAction(parse =>
        {
            int modules = 0, dirty = 0;
            foreach (var report in RtlLint.CheckTree(parse.GetValue(directory)!))
            {
                modules++;
                if (report.Clean)
                {
                    console.Out.WriteLine($"clean  {report.Top}");
                    continue;
                }
                dirty++;
                console.Out.WriteLine($"DIRTY  {report.Top}");
                foreach (var line in report.Verilator.Concat(report.Icarus)) console.Out.WriteLine($"       {line}");
            }
            console.Out.WriteLine($"{modules} module(s) linted, {dirty} with findings");
            return dirty == 0 && modules > 0 ? FpgaCli.ExitOk : FpgaCli.ExitUserError;
        });
        return command;
    }
}
