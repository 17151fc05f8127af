namespace Fpga.Host.Training;

/// <summary>Adam (Kingma and Ba 2015) with bias-corrected first and second moments.</summary>
public sealed class AdamOptimizer : Optimizer
{
    private readonly float[][] _m, _v;
    private readonly float _beta1, _beta2, _epsilon;
    private int _t;

    public AdamOptimizer(IReadOnlyList<TrainableTensor> parameters, float learningRate, float clipNorm,
        float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : base(parameters, learningRate, clipNorm)
    {
        _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _v = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    protected override void Update()
    {
        _t++;
        float step = LearningRate * MathF.Sqrt(1 - MathF.Pow(_beta2, _t)) / (1 - MathF.Pow(_beta1, _t));
        for (int k = 0; k < Parameters.Count; k++)
        {
            var (w, g, m, v) = (Parameters[k].Value, Parameters[k].Gradient, _m[k], _v[k]);
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = _beta1 * m[i] + (1 - _beta1) * g[i];
                v[i] = _beta2 * v[i] + (1 - _beta2) * g[i] * g[i];
                w[i] -= step * m[i] / (MathF.Sqrt(v[i]) + _epsilon);
            }
        }
    }
}
