namespace Fpga.Host.Training;

/// <summary>
/// The size of a network to train: features per step (or the embedding dimension when
/// <see cref="VocabularySize"/> is positive), LSTM layers of equal hidden size, and the dense output size.
/// </summary>
public sealed record NetworkShape(int InputSize, int HiddenSize, int Layers, int OutputSize, int VocabularySize = 0)
{
    public void Validate()
    {
        if (InputSize < 1 || HiddenSize < 1 || Layers < 1 || OutputSize < 1 || VocabularySize < 0)
            throw new Diagnostics.FpgaException($"invalid network size: input {InputSize}, hidden {HiddenSize}, layers {Layers}, output {OutputSize}");
    }
}
