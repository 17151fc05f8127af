using Fpga.Host.Formats;
using Fpga.Host.Models.Import;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

public sealed class StateDictImportErrorTests
{
    private const string File = "model.safetensors";

    private static List<TensorData> Lstm(string prefix = "lstm.", int layer = 0, int input = 3, int hidden = 2) =>
    [
        TensorData.FromFloat32($"{prefix}weight_ih_l{layer}", [4 * hidden, input], new float[4 * hidden * input]),
        TensorData.FromFloat32($"{prefix}weight_hh_l{layer}", [4 * hidden, hidden], new float[4 * hidden * hidden]),
        TensorData.FromFloat32($"{prefix}bias_ih_l{layer}", [4 * hidden], new float[4 * hidden]),
        TensorData.FromFloat32($"{prefix}bias_hh_l{layer}", [4 * hidden], new float[4 * hidden]),
    ];

    private static void Fails(IEnumerable<TensorData> tensors, params string[] parts) =>
        ErrorAssert.Names(() => PyTorchStateDictImporter.Import(new TensorArchive(File, tensors)), [File, .. parts]);

    [Fact]
    public void RecognizesPrefixesHeadsAndEmbeddings()
    {
        var model = PyTorchStateDictImporter.Import(new TensorArchive(File,
        [
            .. Lstm("model.rnn.", 0), .. Lstm("model.rnn.", 1, input: 2),
            TensorData.FromFloat32("model.encoder.weight", [10, 3], new float[30]),
            TensorData.FromFloat32("model.decoder.weight", [10, 2], new float[20]),
            TensorData.FromFloat32("model.decoder.bias", [10], new float[10]),
        ]));
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal(10, model.Embedding!.VocabularySize);
        Assert.Equal(10, model.Dense!.OutputSize);
    }

    [Fact]
    public void LstmWithoutBiasesGetsZeroBiases()
    {
        var model = PyTorchStateDictImporter.Import(new TensorArchive(File, Lstm().Take(2)));
        Assert.All(model.Layers[0].BiasIh.Concat(model.Layers[0].BiasHh), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void UnknownTensorIsNamed() =>
        Fails([.. Lstm(), TensorData.FromFloat32("norm.weight", [2], new float[2])], "'norm.weight'", "not part of a recognized");

    [Fact]
    public void SeveralLstmPrefixesAreAmbiguous() =>
        Fails([.. Lstm("enc."), .. Lstm("dec.")], "ambiguous", "'dec.'", "'enc.'");

    [Fact]
    public void SeveralHeadsAreAmbiguous() =>
        Fails([.. Lstm(), TensorData.FromFloat32("fc.weight", [1, 2], new float[2]), TensorData.FromFloat32("head.weight", [1, 2], new float[2])], "ambiguous", "'fc'", "'head'");

    [Fact]
    public void WrongRecurrentShapeNamesTheTensor()
    {
        var tensors = Lstm();
        tensors[1] = TensorData.FromFloat32("lstm.weight_hh_l0", [8, 3], new float[24]);
        Fails(tensors, "'lstm.weight_hh_l0'", "[8, 3]");
    }

    [Fact]
    public void SecondLayerInputMustBeTheFirstLayersHiddenSize() =>
        Fails([.. Lstm(), .. Lstm(layer: 1, input: 3)], "'lstm.weight_ih_l1'", "expected shape [8, 2]", "[8, 3]");

    [Fact]
    public void WrongBiasShapeNamesTheTensor()
    {
        var tensors = Lstm();
        tensors[2] = TensorData.FromFloat32("lstm.bias_ih_l0", [7], new float[7]);
        Fails(tensors, "'lstm.bias_ih_l0'", "[7]");
    }

    [Fact]
    public void MissingLayerIsNamed() =>
        Fails([.. Lstm(), .. Lstm(layer: 2, input: 2)], "'lstm.weight_ih_l1'", "missing");

    [Fact]
    public void BidirectionalIsRejected() =>
        Fails([.. Lstm(), TensorData.FromFloat32("lstm.weight_ih_l0_reverse", [8, 3], new float[24])], "'lstm.weight_ih_l0_reverse'", "bidirectional");

    [Fact]
    public void EmbeddingMustFeedLayerZero() =>
        Fails([.. Lstm(), TensorData.FromFloat32("embedding.weight", [10, 4], new float[40])], "'embedding.weight'", "[vocab, 3]");

    [Fact]
    public void HeadMustReadTheLastHiddenState() =>
        Fails([.. Lstm(), TensorData.FromFloat32("fc.weight", [5, 3], new float[15])], "'fc.weight'", "[outputs, 2]");

    [Fact]
    public void IntegerWeightsAreRejected()
    {
        var tensors = Lstm();
        tensors[0] = TensorData.FromInt64("lstm.weight_ih_l0", [8, 3], new long[24]);
        Fails(tensors, "'lstm.weight_ih_l0'", "floating point");
    }

    [Fact]
    public void NoLstmAtAll() =>
        Fails([TensorData.FromFloat32("fc.weight", [5, 3], new float[15])], "no LSTM weights");
}
