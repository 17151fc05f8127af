using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Fpga.Benchmarks -- --filter '*' --inProcess [--job short]
// --inProcess runs the benchmarks in this process: BenchmarkDotNet otherwise rebuilds the whole
// solution per job, which a loaded 2-core machine does not finish within its 2-minute build limit.
BenchmarkSwitcher.FromAssembly(typeof(Fpga.Benchmarks.MatVecBenchmarks).Assembly).Run(args);
