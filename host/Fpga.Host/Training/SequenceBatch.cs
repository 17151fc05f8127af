namespace Fpga.Host.Training;

/// <summary>
/// One training batch, step-major so that step t of every sequence is one contiguous block:
/// features [steps, batch, inputSize] or token ids [steps, batch], and the class targets, one per
/// sequence for <see cref="OutputMode.LastStep"/> or [steps, batch] for <see cref="OutputMode.EveryStep"/>.
/// </summary>
public sealed record SequenceBatch(int Batch, int Steps, float[]? Features, int[]? Tokens, int[] Targets)
{
    public int TargetCount(OutputMode mode) => mode == OutputMode.LastStep ? Batch : Batch * Steps;
}
