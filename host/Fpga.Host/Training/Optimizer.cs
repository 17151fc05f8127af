using System.Numerics.Tensors;

namespace Fpga.Host.Training;

/// <summary>
/// Updates parameters from their accumulated gradients, after rescaling all gradients together
/// when their global L2 norm exceeds <see cref="ClipNorm"/> (Pascanu et al. 2013); then clears them.
/// </summary>
public abstract class Optimizer
{
    protected Optimizer(IReadOnlyList<TrainableTensor> parameters, float learningRate, float clipNorm)
    {
        Parameters = parameters;
        LearningRate = learningRate;
        ClipNorm = clipNorm;
    }

    public IReadOnlyList<TrainableTensor> Parameters { get; }
    public float LearningRate { get; set; }

    /// <summary>The largest global gradient norm let through; 0 or less turns clipping off.</summary>
    public float ClipNorm { get; }

    /// <summary>Clips, updates, clears the gradients; returns the norm before clipping.</summary>
    public double Step()
    {
        double squared = 0;
        foreach (var p in Parameters)
        {
            float n = TensorPrimitives.Norm(p.Gradient);
            squared += (double)n * n;
        }
        double norm = Math.Sqrt(squared);
        if (ClipNorm > 0 && norm > ClipNorm)
        {
            float scale = (float)(ClipNorm / norm);
            foreach (var p in Parameters) TensorPrimitives.Multiply(p.Gradient, scale, p.Gradient);
        }
        Update();
        foreach (var p in Parameters) Array.Clear(p.Gradient);
        return norm;
    }

    protected abstract void Update();
}
