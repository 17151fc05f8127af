using Fpga.Host.Formats;
using Fpga.Host.Models.Import;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

public sealed class KerasImportTests
{
    private const string File = "weights.npz";

    private static List<TensorData> Layer(string name, int input, int hidden) =>
    [
        TensorData.FromFloat32($"{name}/lstm_cell/kernel:0", [input, 4 * hidden], new float[input * 4 * hidden]),
        TensorData.FromFloat32($"{name}/lstm_cell/recurrent_kernel:0", [hidden, 4 * hidden], new float[hidden * 4 * hidden]),
        TensorData.FromFloat32($"{name}/lstm_cell/bias:0", [4 * hidden], new float[4 * hidden]),
    ];

    [Fact]
    public void LayersStackInFileOrderWithEmbeddingAndDense()
    {
        var dense = TestTensors.Floats(3 * 5, 2);
        var model = KerasWeightsImporter.Import(new TensorArchive(File,
        [
            TensorData.FromFloat32("embedding/embeddings:0", [9, 4], new float[36]),
            .. Layer("encoder", 4, 3), .. Layer("second", 3, 3),
            TensorData.FromFloat32("dense/kernel:0", [3, 5], dense),
            TensorData.FromFloat32("dense/bias:0", [5], [1, 2, 3, 4, 5]),
        ]));
        Assert.Equal([4, 3], model.Layers.Select(l => l.InputSize));
        Assert.Equal(9, model.Embedding!.VocabularySize);
        // Keras kernels are [H, O]; the dense layer holds [O, H].
        Assert.Equal(dense[1 * 5 + 2], model.Dense!.Weights[2 * 3 + 1]);
        Assert.Equal([1f, 2, 3, 4, 5], model.Dense.Bias);
    }

    [Fact]
    public void SplitEightHBiasIsInputThenRecurrent()
    {
        var tensors = Layer("cudnn_lstm", 2, 1);
        tensors[2] = TensorData.FromFloat32("cudnn_lstm/bias:0", [8], [1, 2, 3, 4, 5, 6, 7, 8]);
        var layer = KerasWeightsImporter.Import(new TensorArchive(File, tensors)).Layers[0];
        Assert.Equal([1f, 2, 3, 4], layer.BiasIh);
        Assert.Equal([5f, 6, 7, 8], layer.BiasHh);
    }

    [Fact]
    public void WrongKernelShapeNamesTheTensor()
    {
        var tensors = Layer("lstm", 4, 3);
        tensors.AddRange(Layer("lstm_1", 4, 3));
        ErrorAssert.Names(() => KerasWeightsImporter.Import(new TensorArchive(File, tensors)), File, "'lstm_1/lstm_cell/kernel:0'", "[3, 12]", "[4, 12]");
    }

    [Fact]
    public void TwoDenseLayersAreAmbiguous()
    {
        var tensors = Layer("lstm", 4, 3);
        tensors.Add(TensorData.FromFloat32("dense/kernel:0", [3, 2], new float[6]));
        tensors.Add(TensorData.FromFloat32("dense_1/kernel:0", [3, 2], new float[6]));
        ErrorAssert.Names(() => KerasWeightsImporter.Import(new TensorArchive(File, tensors)), File, "ambiguous", "'dense'", "'dense_1'");
    }

    [Fact]
    public void UnknownParameterIsNamed()
    {
        var tensors = Layer("lstm", 4, 3);
        tensors.Add(TensorData.FromFloat32("batch_normalization/gamma:0", [3], new float[3]));
        ErrorAssert.Names(() => KerasWeightsImporter.Import(new TensorArchive(File, tensors)), File, "'batch_normalization/gamma:0'");
    }
}
