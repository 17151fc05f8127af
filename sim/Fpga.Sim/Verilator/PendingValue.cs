using System.Numerics;

namespace Fpga.Sim.Verilator;

/// <summary>
/// A port value requested with <see cref="VerilatorSimulation.Sample"/> but not yet read back.
/// Sampling many values and reading them afterwards lets commands stream to the harness without
/// a round trip per read; reading <see cref="Value"/> waits only for the answers up to this one.
/// </summary>
public sealed class PendingValue
{
    private readonly VerilatorSimulation simulation;
    private readonly PendingResponse response;
    private BigInteger? value;

    internal PendingValue(VerilatorSimulation simulation, string port, PendingResponse response)
    {
        this.simulation = simulation;
        Port = port;
        this.response = response;
    }

    public string Port { get; }

    public BigInteger Value => value ??= HexValue.Parse(simulation.Resolve(response), Port);
}
