using System.Numerics.Tensors;

namespace Fpga.Host.Training;

/// <summary>Plain stochastic gradient descent: w -= lr * g.</summary>
public sealed class SgdOptimizer(IReadOnlyList<TrainableTensor> parameters, float learningRate, float clipNorm)
    : Optimizer(parameters, learningRate, clipNorm)
{
    protected override void Update()
    {
        foreach (var p in Parameters) TensorPrimitives.MultiplyAdd(p.Gradient, -LearningRate, p.Value, p.Value);
    }
}
