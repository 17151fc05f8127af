using System.Globalization;

namespace Fpga.Sim.Verilator;

/// <summary>Parses the harness's answer to "ports": space-separated name:direction:width.</summary>
internal static class PortList
{
    public static IReadOnlyList<SimulationPort> Parse(string line)
    {
        var ports = new List<SimulationPort>();
        foreach (var entry in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var width))
            {
                throw new SimulationException($"the harness described a port as '{entry}'; expected name:direction:width");
            }
            var direction = parts[1] switch
            {
                "in" => PortDirection.Input,
                "out" => PortDirection.Output,
                "inout" => PortDirection.Inout,
                _ => throw new SimulationException($"the harness gave port '{parts[0]}' the unknown direction '{parts[1]}'"),
            };
            ports.Add(new SimulationPort(parts[0], direction, width));
        }
        return ports;
    }
}
