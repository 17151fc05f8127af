namespace Fpga.Sim.Verilator;

public enum PortDirection
{
    Input,
    Output,
    Inout,
}

/// <summary>A port of the simulated top module as the harness reports it.</summary>
public sealed record SimulationPort(string Name, PortDirection Direction, int Width);
