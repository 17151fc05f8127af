using Fpga.Host.Evaluation;
using Fpga.Host.Formats;

namespace Fpga.Cli.Reports;

/// <summary>The sweep of `fpga eval` as a bar chart PNG: one bar per configuration, the float score as a dashed line.</summary>
public static class AccuracyPlot
{
    public static void Write(string path, string title, string metric, IReadOnlyList<SweepResult> results, bool percent)
    {
        var plot = new ScottPlot.Plot();
        var values = results.Select(r => percent ? r.Score * 100 : r.Score).ToArray();
        var bars = plot.Add.Bars(values);
        for (int i = 0; i < bars.Bars.Count; i++) bars.Bars[i].Label = values[i].ToString(percent ? "F1" : "F0", System.Globalization.CultureInfo.InvariantCulture);
        bars.ValueLabelStyle.FontSize = 11;
        var ticks = results.Select((r, i) => new ScottPlot.Tick(i, r.Configuration.Label.Replace(" W / float A", "", StringComparison.Ordinal))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        if (results.FirstOrDefault(r => r.Configuration.Weights is null && r.Configuration.Activations is null) is { } baseline)
        {
            var line = plot.Add.HorizontalLine(percent ? baseline.Score * 100 : baseline.Score);
            line.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        double max = values.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, max * 1.15);
        plot.Title(title);
        plot.YLabel(percent ? $"{metric} (%)" : metric);
        var bytes = plot.GetImageBytes(900, 520, ScottPlot.ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
