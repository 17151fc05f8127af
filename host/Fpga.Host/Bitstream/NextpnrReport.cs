using System.Text.Json;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Bitstream;

/// <summary>One kind of resource: how many the design uses of how many the device has.</summary>
public sealed record ResourceUse(string Resource, int Used, int Available)
{
    public double Fraction => Available == 0 ? 0 : (double)Used / Available;
}

/// <summary>A clock's achieved maximum frequency against its constraint, in MHz.</summary>
public sealed record ClockTiming(string Clock, double AchievedMhz, double ConstraintMhz)
{
    public bool Met => AchievedMhz >= ConstraintMhz;
}

/// <summary>What nextpnr's --report JSON says about utilization and timing.</summary>
public sealed record NextpnrReport(IReadOnlyList<ResourceUse> Utilization, IReadOnlyList<ClockTiming> Clocks)
{
    public static NextpnrReport Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var utilization = root.GetProperty("utilization").EnumerateObject()
                .Select(p => new ResourceUse(p.Name, p.Value.GetProperty("used").GetInt32(), p.Value.GetProperty("available").GetInt32()))
                .OrderBy(r => r.Resource, StringComparer.Ordinal)
                .ToArray();
            var clocks = root.TryGetProperty("fmax", out var fmax)
                ? fmax.EnumerateObject().Select(p => new ClockTiming(p.Name, p.Value.GetProperty("achieved").GetDouble(), p.Value.GetProperty("constraint").GetDouble()))
                    .OrderBy(c => c.Clock, StringComparer.Ordinal).ToArray()
                : [];
            return new NextpnrReport(utilization, clocks);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FpgaException($"{source}: not a nextpnr report: {e.Message}", e);
        }
    }

    /// <summary>Resources the design uses more of than the device has.</summary>
    public IEnumerable<ResourceUse> Overused => Utilization.Where(r => r.Used > r.Available);
}
