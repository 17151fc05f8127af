using Fpga.Host.Formats;
using Fpga.Host.Models;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

public sealed class LstmForwardPassTests
{
    /// <summary>
    /// One step of a 1-input, 1-unit LSTM worked by hand (gate blocks i, f, g, o):
    /// i = σ(0.5·2 + 0.1 + 0.0) = σ(1.1) = 0.750260; f = σ(-0.5 + 0.3) (unused: c0 = 0);
    /// g = tanh(1.0·2 - 0.3 + 0.1) = tanh(1.8) = 0.946806; o = σ(2.0·2 + 0.0 - 0.5) = σ(3.5) = 0.970688;
    /// c = i·g = 0.710351; h = o·tanh(c) = 0.592990; logits = [0.5h - 1, -2h + 0.25].
    /// </summary>
    private static LstmModel HandModel(bool withDense) => new(
        [new LstmLayer(1, 1, weightIh: [0.5f, -0.25f, 1.0f, 2.0f], weightHh: [3f, -3f, 3f, -3f], biasIh: [0.1f, 0.2f, -0.3f, 0.0f], biasHh: [0.0f, 0.1f, 0.1f, -0.5f])],
        dense: withDense ? new DenseLayer(2, 1, [0.5f, -2f], [-1f, 0.25f]) : null);

    [Fact]
    public void OneStepMatchesTheHandComputation()
    {
        var h = LstmForwardPass.Run(HandModel(false), LstmSequenceBatch.FromFeatures([2f], 1, 1, 1));
        Assert.Equal(0.5929900036f, h[0], 6);
    }

    [Fact]
    public void OneStepLogitsMatchTheHandComputation()
    {
        var logits = LstmForwardPass.Run(HandModel(true), LstmSequenceBatch.FromFeatures([2f], 1, 1, 1));
        Assert.Equal(-0.7035049982f, logits[0], 6);
        Assert.Equal(-0.9359800073f, logits[1], 6);
    }

    [Fact]
    public void SecondStepUsesTheForgetGateAndTheRecurrentWeights()
    {
        // Step 2 with x = 0: gates = W_hh·h1 + b, worked in double precision from the same formulas.
        double h1 = 0.5929900036266186, c1 = 0.7103507791761337;
        double i = Sigmoid(3 * h1 + 0.1), f = Sigmoid(-3 * h1 + 0.3), g = Math.Tanh(3 * h1 - 0.2), o = Sigmoid(-3 * h1 - 0.5);
        double c2 = f * c1 + i * g, h2 = o * Math.Tanh(c2);
        var h = LstmForwardPass.Run(HandModel(false), LstmSequenceBatch.FromFeatures([2f, 0f], 1, 2, 1));
        Assert.Equal(h1, h[0], 6);
        Assert.Equal(h2, h[1], 6);
    }

    [Fact]
    public void BatchesRunEachSequenceIndependently()
    {
        var model = RandomModel(seed: 7);
        var a = TestTensors.Floats(4 * 3, 11);
        var b = TestTensors.Floats(4 * 3, 12);
        var together = LstmForwardPass.Run(model, LstmSequenceBatch.FromFeatures([.. a, .. b], 2, 4, 3));
        var first = LstmForwardPass.Run(model, LstmSequenceBatch.FromFeatures(a, 1, 4, 3));
        var second = LstmForwardPass.Run(model, LstmSequenceBatch.FromFeatures(b, 1, 4, 3));
        Assert.Equal([.. first, .. second], together);
    }

    [Fact]
    public void TokenIdsLookUpEmbeddingRows()
    {
        var model = RandomModel(seed: 3);
        var table = TestTensors.Floats(5 * 3, 21);
        var embedded = new LstmModel(model.Layers, new EmbeddingLayer(5, 3, table), model.Dense);
        long[] tokens = [4, 0, 2];
        var features = tokens.SelectMany(t => table.Skip((int)t * 3).Take(3)).ToArray();
        Assert.Equal(
            LstmForwardPass.Run(model, LstmSequenceBatch.FromFeatures(features, 1, 3, 3)),
            LstmForwardPass.Run(embedded, LstmSequenceBatch.FromTokens(tokens, 1, 3)));
    }

    [Fact]
    public void InferenceKeepsTheInputRank()
    {
        var model = RandomModel(seed: 5);
        var single = LstmInference.Run(model, TensorData.FromFloat32("x", [4, 3], TestTensors.Floats(12, 1)), "x.npy");
        var batched = LstmInference.Run(model, TensorData.FromFloat32("x", [2, 4, 3], TestTensors.Floats(24, 1)), "x.npy");
        Assert.Equal([4, 2], single.Shape);
        Assert.Equal([2, 4, 2], batched.Shape);
        Assert.Equal(single.ToFloat32(), batched.ToFloat32().Take(8));
    }

    [Fact]
    public void InputsThatDoNotFitTheModelNameTheFileAndTensor()
    {
        var model = RandomModel(seed: 5);
        ErrorAssert.Names(() => LstmSequenceBatch.FromTensor(TensorData.FromFloat32("x", [4, 2], new float[8]), model, "in.npy"), "in.npy", "'x'", "2 features", "takes 3");
        ErrorAssert.Names(() => LstmSequenceBatch.FromTensor(TensorData.FromInt64("x", [4, 3], new long[12]), model, "in.npy"), "in.npy", "'x'", "I64");
        ErrorAssert.Names(() => LstmSequenceBatch.FromTensor(TensorData.FromFloat32("x", [1, 1, 4, 3], new float[12]), model, "in.npy"), "in.npy", "[1, 1, 4, 3]");
        var embedded = new LstmModel(model.Layers, new EmbeddingLayer(5, 3, new float[15]), model.Dense);
        ErrorAssert.Names(() => LstmSequenceBatch.FromTensor(TensorData.FromInt64("ids", [2, 2], [0, 1, 5, 2]), embedded, "ids.npy"), "ids.npy", "'ids'", "token id 5", "0..4");
        ErrorAssert.Names(() => LstmSequenceBatch.FromTensor(TensorData.FromFloat32("ids", [2], [0, 1]), embedded, "ids.npy"), "ids.npy", "integer token ids");
    }

    internal static LstmModel RandomModel(int seed) => new(
        [
            new LstmLayer(3, 4, TestTensors.Floats(48, seed), TestTensors.Floats(64, seed + 1), TestTensors.Floats(16, seed + 2), TestTensors.Floats(16, seed + 3)),
            new LstmLayer(4, 4, TestTensors.Floats(64, seed + 4), TestTensors.Floats(64, seed + 5), TestTensors.Floats(16, seed + 6), TestTensors.Floats(16, seed + 7)),
        ],
        dense: new DenseLayer(2, 4, TestTensors.Floats(8, seed + 8), TestTensors.Floats(2, seed + 9)));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
