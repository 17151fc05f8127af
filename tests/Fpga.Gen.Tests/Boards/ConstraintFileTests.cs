using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Constraints;

namespace Fpga.Gen.Tests.Boards;

/// <summary>constraints/ holds exactly what the board catalog says, so pins and board-top ports cannot drift apart.</summary>
public class ConstraintFileTests
{
    public static TheoryData<string> Boards => new(SupportedBoards.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Boards))]
    public void CommittedFileIsWhatTheCatalogSays(string name)
    {
        var board = SupportedBoards.ByName(name);
        var path = Path.Combine(RepositoryRoot.Path, "constraints", board.ConstraintFileName);
        Assert.True(File.Exists(path), $"constraints/{board.ConstraintFileName} is missing; run `fpga constraints -o constraints`");
        Assert.True(ConstraintFile.For(board) == File.ReadAllText(path), $"constraints/{board.ConstraintFileName} differs from the catalog; run `fpga constraints -o constraints`");
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void EveryPinIsConstrainedOnceWithItsSchematicNet(string name)
    {
        var board = SupportedBoards.ByName(name);
        var text = ConstraintFile.For(board);
        foreach (var pin in board.Pins)
        {
            var line = text.Split('\n').Single(l => l.Contains($" {pin.Port} ", StringComparison.Ordinal) && l.Contains(pin.Site, StringComparison.Ordinal)
                || l.Contains($"\"{pin.Port}\" SITE \"{pin.Site}\"", StringComparison.Ordinal));
            Assert.Contains(pin.SchematicNet, line, StringComparison.Ordinal);
        }
        Assert.Equal(board.Pins.Count, board.Pins.Select(p => p.Site).Distinct().Count());
    }

    [Fact]
    public void IceBreakerPinsAreTheBoardMakersOnes()
    {
        var text = ConstraintFile.For(SupportedBoards.IceBreaker);
        Assert.Contains("set_io -nowarn clk_osc 35 ", text, StringComparison.Ordinal);
        Assert.Contains("set_io -nowarn uart_rx 6 ", text, StringComparison.Ordinal);
        Assert.Contains("set_io -nowarn uart_tx 9 ", text, StringComparison.Ordinal);
        Assert.Contains("set_frequency clk_osc 12\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ArtyClockHasItsPeriod()
    {
        var text = ConstraintFile.For(SupportedBoards.ArtyA7);
        Assert.Contains("create_clock -add -name osc -period 10.000 -waveform {0.000 5.000} [get_ports { clk_osc }];", text, StringComparison.Ordinal);
    }
}
