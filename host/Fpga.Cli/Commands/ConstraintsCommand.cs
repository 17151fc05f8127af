using System.CommandLine;
using System.Text;
using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Constraints;
using Fpga.Host.Formats;

namespace Fpga.Cli.Commands;

/// <summary>`fpga constraints`: writes each supported board's pin and clock constraints from the board catalog.</summary>
public static class ConstraintsCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory to write into.", DefaultValueFactory = _ => "constraints" };
        var boardName = new Option<string?>("--board") { Description = $"One board ({string.Join(", ", SupportedBoards.All.Select(b => b.Name))}); all when omitted." };
        var command = new Command("constraints", "Write the boards' constraint files (.pcf, .lpf, .xdc) from the board catalog.") { output, boardName };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(boardName);
            IReadOnlyList<Board> boards;
            try
            {
                boards = name is null ? SupportedBoards.All : [SupportedBoards.ByName(name)];
            }
            catch (ArgumentException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return FpgaCli.ExitUserError;
            }
            var directory = parse.GetValue(output)!;
            Directory.CreateDirectory(directory);
            foreach (var board in boards)
            {
                var path = Path.Combine(directory, board.ConstraintFileName);
                AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ConstraintFile.For(board)));
                console.Out.WriteLine($"{board.Title}: {path}");
            }
            return FpgaCli.ExitOk;
        });
        return command;
    }
}
