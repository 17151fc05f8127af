namespace Fpga.Sim.Verilator;

/// <summary>The harness command line for a model and a set of simulation options.</summary>
internal static class HarnessArguments
{
    public static List<string> For(VerilatorModel model, SimulationOptions options)
    {
        List<string> arguments = ["--clock", VerilatorSimulation.CheckedName(options.ClockPort)];
        if (options.WaveformPath is not null)
        {
            if (model.Waveform == WaveformFormat.None)
            {
                throw new SimulationException($"a waveform was requested for '{model.TopModule}', but its model was built without one; "
                    + "build it with VerilatorModelOptions.Waveform = Vcd or Fst");
            }
            arguments.Add("--trace");
            arguments.Add(Path.GetFullPath(options.WaveformPath));
        }
        foreach (var plusArg in options.PlusArgs)
        {
            if (!plusArg.StartsWith('+'))
            {
                throw new ArgumentException($"plusarg '{plusArg}' does not start with '+'", nameof(options));
            }
            arguments.Add(plusArg);
        }
        return arguments;
    }
}
