using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Emit;
using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;
using Fpga.Host.Golden;
using Fpga.Host.Testbench;
using Fpga.Sim.Verilator;

namespace Fpga.Perf;

/// <summary>Verilator's speed on the accelerator: steps and clock cycles simulated per second of the Verilated run.</summary>
public sealed record SimulationSpeedResult(string Spec, long CyclesPerStep, int Steps, double BuildSeconds, double RunSeconds)
{
    public double StepsPerSecond => Steps / RunSeconds;
    public double CyclesPerSecond => Steps * (double)CyclesPerStep / RunSeconds;
}

/// <summary>
/// Runs the accelerator's own self-checking bench (the one `fpga gen` writes) under
/// `verilator --binary`: free running, no host round trip per cycle, the golden model's
/// expected outputs checked as it goes. The run time includes loading the model image, a few
/// thousand cycles against the steps' hundreds of thousands.
/// </summary>
public static class AcceleratorSimulationSpeed
{
    public static SimulationSpeedResult Measure(AcceleratorSpec spec, int steps, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var accelerator = LstmAccelerator.Generate(spec);
        var options = new BenchOptions(Sequences: 2, Steps: Math.Max(1, steps / 2), Seed: seed, Stall: 0).Validate();
        var quantized = BenchModel.ForSpec(spec, seed);
        var bench = AcceleratorTestbench.Create(accelerator, ModelImage.Build(quantized, spec), BenchModel.Inputs(quantized, spec, options), options);
        var directory = Directory.CreateTempSubdirectory("fpga-sim-speed-").FullName;
        try
        {
            RtlWriter.Write(directory, VerilogEmitter.EmitHierarchy(accelerator.Module));
            var benchDirectory = TestbenchWriter.WriteBench(directory, bench);
            var result = VerilatorBinaryBench.Run(bench.Sources.Select(s => Path.Combine(benchDirectory, s)).ToArray(), bench.Top, benchDirectory);
            if (!result.StandardOutput.Contains("PASS:", StringComparison.Ordinal))
                throw new FpgaException($"the accelerator bench did not pass under Verilator: {result.StandardOutput.Trim()}");
            return new SimulationSpeedResult($"{spec.InputSize} in, H {spec.HiddenSize}, {spec.Layers} layer(s), kw {spec.WeightCodes}, ka {spec.ActivationCodes}, PE {spec.Pe}, SIMD {spec.Simd}",
                accelerator.CyclesPerStep, bench.Steps, result.BuildTime.TotalSeconds, result.RunTime.TotalSeconds);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
