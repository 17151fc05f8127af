namespace Fpga.Sim.Verilator;

/// <summary>A command that will answer one line; answers arrive in command order.</summary>
internal sealed class PendingResponse(string command)
{
    public string Command { get; } = command;

    public string? Line { get; set; }
}
