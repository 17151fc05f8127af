namespace Fpga.Host.Training;

/// <summary>One LSTM layer's parameters, PyTorch layout and gate order i, f, g, o.</summary>
public sealed record TrainableLstmLayer(int InputSize, int HiddenSize, TrainableTensor WeightIh, TrainableTensor WeightHh, TrainableTensor BiasIh, TrainableTensor BiasHh)
{
    public IEnumerable<TrainableTensor> Parameters => [WeightIh, WeightHh, BiasIh, BiasHh];
}
