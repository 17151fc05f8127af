namespace Fpga.Gen.Boards;

/// <summary>What a pin of the board top does.</summary>
public enum PinRole
{
    Oscillator,
    ResetButton,
    UartRx,
    UartTx,
    Led,
}

/// <summary>
/// One pin of a board: the board top's port (bit) bound to a package site, the schematic's
/// net name it was checked against, and whether the board wires it active low.
/// </summary>
public sealed record BoardPin(string Port, string Site, PinRole Role, string SchematicNet, bool ActiveLow = false, string? Pull = null);
