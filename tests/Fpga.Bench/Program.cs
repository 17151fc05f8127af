using Fpga.Bench;

var benchmarks = new Dictionary<string, Action<TextWriter>>(StringComparer.OrdinalIgnoreCase)
{
    ["quantizers"] = QuantizerBenchmark.Run,
    ["golden"] = GoldenBenchmark.Run,
    ["training"] = TrainingBenchmark.Run,
};
// Slow (yosys and nextpnr per candidate): run on its own, not by "all".
var single = new Dictionary<string, Action<TextWriter>>(benchmarks, StringComparer.OrdinalIgnoreCase) { ["fit"] = FitBenchmark.Run };

// `make bench` runs every benchmark with "all".
if (args.Length == 1 && string.Equals(args[0], "all", StringComparison.OrdinalIgnoreCase))
{
    foreach (var benchmark in benchmarks.Values) benchmark(Console.Out);
    return 0;
}
if (args.Length == 2 && string.Equals(args[0], "fit", StringComparison.OrdinalIgnoreCase))
{
    // fit K: one bit width only.
    FitBenchmark.Run(Console.Out, [int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)]);
    return 0;
}
if (args.Length != 1 || !single.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Fpga.Bench <{string.Join('|', single.Keys)}|all> (fit K: one bit width)");
    return 2;
}
run(Console.Out);
return 0;
