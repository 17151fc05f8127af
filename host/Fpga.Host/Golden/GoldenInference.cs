using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Formats;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Golden;

/// <summary>The golden model from array to array, as `fpga infer` runs it on a quantized model.</summary>
public static class GoldenInference
{
    /// <summary>
    /// Quantizes every step of every sequence on the host with layer 0's activation method and
    /// runs the golden model. Hidden states come back float32 [batch, steps, H] (h * 2^-FH),
    /// logits float32 [batch, O] (logit * 2^-FZ); without a batch axis in the input, none in the result.
    /// </summary>
    public static TensorData Run(ModelImage image, ActivationQuantization inputMethod, LstmSequenceBatch batch, string outputName = "output")
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(batch);
        var spec = image.Spec;
        if (batch.Values is null) throw new FpgaException("the accelerator takes float feature vectors, not token ids");
        var golden = new GoldenLstm(image);
        var values = new List<float>();
        for (int b = 0; b < batch.Batch; b++)
        {
            var output = golden.RunSequence(StepInput.QuantizeSequence(batch, b, inputMethod, spec));
            values.AddRange(output.Dequantize(spec));
        }
        int[] perSequence = spec.Output == OutputMode.HiddenEveryStep ? [batch.Steps, spec.HiddenSize] : [spec.DenseOutputs];
        int[] shape = batch.HasBatchAxis ? [batch.Batch, .. perSequence] : perSequence;
        return TensorData.FromFloat32(outputName, shape, values.ToArray());
    }

    /// <summary>A quantized model with the default spec (<see cref="AcceleratorSpecs.ForModel(QuantizedModel, AcceleratorSpec?)"/>) and greedy re-quantization.</summary>
    public static TensorData Run(QuantizedModel model, TensorData input, string source, string outputName = "output")
    {
        ArgumentNullException.ThrowIfNull(model);
        var spec = AcceleratorSpecs.ForModel(model);
        var batch = LstmSequenceBatch.FromTensor(input, model.InputSize, model.Embedding, source);
        return Run(ModelImage.Build(model, spec), model.Layers[0].Activations, batch, outputName);
    }
}
