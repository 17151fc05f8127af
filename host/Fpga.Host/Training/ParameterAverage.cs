using System.Numerics.Tensors;

namespace Fpga.Host.Training;

/// <summary>
/// The running mean of every parameter over the optimizer steps it has seen (Polyak averaging;
/// stochastic weight averaging, Izmailov et al. 2018, and its low-precision form SWALP, Yang et al.
/// 2019, where the float masters of a quantized network are averaged). <see cref="Apply"/> writes the
/// mean into the network, which is what the trainer ends with when averaging is on.
/// </summary>
public sealed class ParameterAverage
{
    private readonly TrainableTensor[] _parameters;
    private readonly float[][] _mean;
    private readonly float[] _difference;

    public ParameterAverage(LstmNetwork network)
    {
        _parameters = network.Parameters.ToArray();
        _mean = _parameters.Select(p => new float[p.Value.Length]).ToArray();
        _difference = new float[_parameters.Max(p => p.Value.Length)];
    }

    /// <summary>How many parameter snapshots the mean holds.</summary>
    public long Count { get; private set; }

    /// <summary>Adds the network's current parameters to the mean: mean += (w - mean) / n.</summary>
    public void Add()
    {
        Count++;
        float share = 1f / Count;
        for (int i = 0; i < _parameters.Length; i++)
        {
            var mean = _mean[i];
            var difference = _difference.AsSpan(0, mean.Length);
            TensorPrimitives.Subtract(_parameters[i].Value, mean, difference);
            TensorPrimitives.MultiplyAdd(difference, share, mean, mean);
        }
    }

    /// <summary>Replaces the network's parameters by their mean (nothing happens before the first <see cref="Add"/>).</summary>
    public void Apply()
    {
        if (Count == 0) return;
        for (int i = 0; i < _parameters.Length; i++) _mean[i].CopyTo(_parameters[i].Value, 0);
    }
}
