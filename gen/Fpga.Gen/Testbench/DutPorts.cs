using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Testbench;

/// <summary>
/// A device instantiated in a bench with every port on a bench signal of the same name and
/// type: inputs on variables the bench drives (clock and reset on the bench's own), outputs on
/// wires. Adapters look ports up by name.
/// </summary>
public sealed class DutPorts
{
    private readonly Dictionary<string, Signal> _signals = new(StringComparer.Ordinal);
    private readonly List<Signal> _driven = [];

    public DutPorts(TestbenchBuilder bench, ModuleIr dut, Signal clock, Signal reset, string instanceName = "dut")
    {
        var instance = bench.Instantiate(instanceName, dut);
        foreach (var port in dut.PortSignals)
        {
            if (port.Kind == SignalKind.Input)
            {
                var signal = ReferenceEquals(port, dut.Clock) ? clock
                    : ReferenceEquals(port, dut.Reset) ? reset
                    : bench.Reg(port.Name, port.Type);
                if (!ReferenceEquals(signal, clock) && !ReferenceEquals(signal, reset)) _driven.Add(signal);
                instance.Input(port.Name, signal);
                _signals[port.Name] = signal;
            }
            else
            {
                var wire = bench.Wire(port.Name, port.Type);
                instance.Output(port.Name, wire);
                _signals[port.Name] = wire;
            }
        }
    }

    public Signal this[string port] => _signals.TryGetValue(port, out var s) ? s
        : throw new HdlConstructionException($"the device under test has no port '{port}'");

    public bool Has(string port) => _signals.ContainsKey(port);

    /// <summary>Every driven input to 0, except the ones another initial block drives.</summary>
    public void Idle(ProcessBuilder p, params Signal[] except)
    {
        foreach (var signal in _driven.Where(s => !except.Contains(s))) p.Assign(signal, 0);
    }
}
