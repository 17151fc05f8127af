using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// The port shape the command engine drives, read from the accelerator's own interface so
/// that swapping one accelerator for another is a connection change: a write bus
/// (cfg_wr_en, cfg_wr_addr, cfg_wr_data), state_reset, an input stream s_axis_*, an output
/// stream m_axis_*, busy, design_id and 32-bit counters (every other 32-bit output).
/// Optional one-bit sideband signals (s_axis_tuser, s_axis_tlast in; m_axis_tlast out) travel
/// in the line's beats above tdata, in <see cref="InputSidebandNames"/> order, so the host
/// marks a sequence's first and last step and sees where an output vector ends.
/// Busy must be high from the cycle after an input beat is taken until its last output beat
/// has left; the engine reads that as "the run is over".
/// </summary>
public sealed record AcceleratorPorts(int AddressWidth, int DataWidth, int InputWidth, int OutputWidth, IReadOnlyList<string> Counters)
{
    /// <summary>Input sideband ports a line beat may carry above tdata, lowest bit first.</summary>
    public static readonly IReadOnlyList<string> InputSidebandNames = ["s_axis_tuser", "s_axis_tlast"];

    /// <summary>Output sideband ports a line beat may carry above tdata, lowest bit first.</summary>
    public static readonly IReadOnlyList<string> OutputSidebandNames = ["m_axis_tlast"];

    /// <summary>The accelerator's input sideband ports, bit InputDataWidth + i of a beat each.</summary>
    public IReadOnlyList<string> InputSideband { get; init; } = [];

    /// <summary>The accelerator's output sideband ports, bit OutputDataWidth + i of a beat each.</summary>
    public IReadOnlyList<string> OutputSideband { get; init; } = [];

    /// <summary>Width of s_axis_tdata: the line beat less its sideband bits.</summary>
    public int InputDataWidth => InputWidth - InputSideband.Count;

    /// <summary>Width of m_axis_tdata: the line beat less its sideband bits.</summary>
    public int OutputDataWidth => OutputWidth - OutputSideband.Count;

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "cfg_wr_en", "cfg_wr_addr", "cfg_wr_data", "state_reset", "s_axis_tvalid", "s_axis_tready", "s_axis_tdata",
        "m_axis_tvalid", "m_axis_tready", "m_axis_tdata", "busy", "design_id", "s_axis_tuser", "s_axis_tlast", "m_axis_tlast",
    };

    public static AcceleratorPorts Of(IModuleInterface accelerator)
    {
        PortSpec Port(string name, PortDirection direction, int? width = null)
        {
            var port = accelerator.Ports.FirstOrDefault(p => p.Name == name)
                ?? throw new HdlConstructionException($"accelerator '{accelerator.Name}' has no port '{name}' the command engine needs");
            if (port.Direction != direction || (width is { } w && port.Type.Width != w))
                throw new HdlConstructionException($"port '{name}' of '{accelerator.Name}' is {port.Direction} {port.Type}, the engine needs {direction}{(width is { } v ? $" of {v} bits" : "")}");
            return port;
        }
        foreach (var (name, direction) in new[] { ("cfg_wr_en", PortDirection.Input), ("state_reset", PortDirection.Input), ("s_axis_tvalid", PortDirection.Input),
                     ("s_axis_tready", PortDirection.Output), ("m_axis_tvalid", PortDirection.Output), ("m_axis_tready", PortDirection.Input), ("busy", PortDirection.Output) })
            Port(name, direction, 1);
        Port("design_id", PortDirection.Output, 32);
        var counters = accelerator.Ports.Where(p => p.Direction == PortDirection.Output && p.Type.Width == 32 && !Known.Contains(p.Name)).Select(p => p.Name).ToArray();
        string[] Sideband(IReadOnlyList<string> names, PortDirection direction) =>
            names.Where(n => accelerator.Ports.Any(p => p.Name == n)).Select(n => Port(n, direction, 1).Name).ToArray();
        var inSideband = Sideband(InputSidebandNames, PortDirection.Input);
        var outSideband = Sideband(OutputSidebandNames, PortDirection.Output);
        return new AcceleratorPorts(Port("cfg_wr_addr", PortDirection.Input).Type.Width, Port("cfg_wr_data", PortDirection.Input).Type.Width,
            Port("s_axis_tdata", PortDirection.Input).Type.Width + inSideband.Length, Port("m_axis_tdata", PortDirection.Output).Type.Width + outSideband.Length, counters)
        {
            InputSideband = inSideband,
            OutputSideband = outSideband,
        };
    }

    /// <summary>Bytes per write word on the line: the data width in whole bytes, rounded up to a power of two.</summary>
    public int WordBytes => PowerOfTwoBytes(DataWidth);
    public int InputBeatBytes => PowerOfTwoBytes(InputWidth);
    public int OutputBeatBytes => PowerOfTwoBytes(OutputWidth);

    private static int PowerOfTwoBytes(int bits)
    {
        int bytes = 1;
        while (bytes * 8 < bits) bytes *= 2;
        return bytes;
    }
}
