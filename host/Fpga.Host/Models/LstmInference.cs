using Fpga.Host.Formats;

namespace Fpga.Host.Models;

/// <summary>The forward pass from array to array, as `fpga infer` runs it.</summary>
public static class LstmInference
{
    /// <summary>
    /// Runs <paramref name="model"/> over <paramref name="input"/> (see <see cref="LstmSequenceBatch.FromTensor"/>)
    /// and returns float32 [steps, out] or [batch, steps, out], matching the input's rank.
    /// </summary>
    public static TensorData Run(LstmModel model, TensorData input, string source, string outputName = "output")
    {
        var batch = LstmSequenceBatch.FromTensor(input, model, source);
        var values = LstmForwardPass.Run(model, batch);
        int[] shape = batch.HasBatchAxis ? [batch.Batch, batch.Steps, model.OutputSize] : [batch.Steps, model.OutputSize];
        return TensorData.FromFloat32(outputName, shape, values);
    }
}
