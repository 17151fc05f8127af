using Fpga.Host.Golden;

namespace Fpga.Host.Cpu;

/// <summary>One layer of the model image repacked for the kernels: W_ih and W_hh (4H rows, gates i, f, g, o), biases, static G.</summary>
internal sealed record CpuLayer(PackedMatrix Input, PackedMatrix Hidden, long[] Bias, long[]? StaticCoefficients)
{
    public static CpuLayer From(LayerImage layer) =>
        new(new PackedMatrix(layer.InputWeights), new PackedMatrix(layer.HiddenWeights), layer.Bias, layer.StaticCoefficients);
}
