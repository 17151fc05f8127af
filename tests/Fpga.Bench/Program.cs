using Fpga.Bench;

var benchmarks = new Dictionary<string, Action<TextWriter>>(StringComparer.OrdinalIgnoreCase)
{
    ["quantizers"] = QuantizerBenchmark.Run,
    ["golden"] = GoldenBenchmark.Run,
    ["training"] = TrainingBenchmark.Run,
};

// `make bench` runs every benchmark with "all".
if (args.Length == 1 && string.Equals(args[0], "all", StringComparison.OrdinalIgnoreCase))
{
    foreach (var benchmark in benchmarks.Values) benchmark(Console.Out);
    return 0;
}
if (args.Length != 1 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Fpga.Bench <{string.Join('|', benchmarks.Keys)}|all>");
    return 2;
}
run(Console.Out);
return 0;
