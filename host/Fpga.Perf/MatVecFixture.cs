using System.Numerics.Tensors;
using Fpga.Gen.Spec;
using Fpga.Host.Cpu;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Perf;

/// <summary>
/// One matrix-vector product, float32 and XNOR-popcount, on the same split of rows across
/// threads: a seeded N(0, 1) matrix quantized row by row (alternating, kw = bits) into the model
/// image's integers, and a vector quantized online (alternating, ka = bits) as a step input is.
/// </summary>
public sealed class MatVecFixture
{
    private const int MinimumRowsPerThread = 64;
    private readonly float[] _matrix;
    private readonly float[] _vector;
    private readonly float[] _floatResult;
    private readonly long[] _result;
    private readonly PackedMatrix _packed;
    private readonly PackedActivations _activations;
    private readonly AcceleratorSpec _spec;
    private readonly ActivationQuantization _method;
    private readonly WorkSplit _split;
    private readonly PopcountIsa _isa;

    public MatVecFixture(int rows, int cols, int bits, int threads, PopcountIsa? isa = null)
    {
        Rows = rows;
        Cols = cols;
        Bits = bits;
        _isa = isa ?? PopcountIsas.Best;
        _matrix = RandomLstmModel.Inputs(1, rows, cols, seed: 2018).Values!;
        _vector = RandomLstmModel.Inputs(1, 1, cols, seed: 7).Values!;
        _floatResult = new float[rows];
        _result = new long[rows];
        _spec = new AcceleratorSpec { InputSize = cols, WeightCodes = bits, ActivationCodes = bits }.Validate();
        var quantized = Quantizer.QuantizeRows(_matrix, rows, cols, new QuantizerOptions(QuantMethod.Alternating, bits));
        var coefficients = quantized.Coefficients.Select(a => FixedPoint.Quantize(a, _spec.WeightCoefficient)).ToArray();
        _packed = new PackedMatrix(new ImageMatrix(rows, cols, bits, quantized.Planes, coefficients));
        _method = new ActivationQuantization(QuantMethod.Alternating, bits);
        _activations = new PackedActivations(cols, bits);
        _split = new WorkSplit(threads, MinimumRowsPerThread);
        QuantizeVector();
    }

    public int Rows { get; }
    public int Cols { get; }
    public int Bits { get; }
    public long FloatBytes => (long)_matrix.Length * sizeof(float);
    public long PackedBytes => _packed.Bytes;

    /// <summary>y = W x in float32, one row dot per row.</summary>
    public void Float() => _split.Run(Rows, (start, end) =>
    {
        for (int r = start; r < end; r++) _floatResult[r] = TensorPrimitives.Dot(_matrix.AsSpan(r * Cols, Cols), _vector);
    });

    /// <summary>The integer product of the packed matrix and the already quantized vector.</summary>
    public void Xnor() => _split.Run(Rows, (start, end) =>
    {
        var acc = _result.AsSpan(start, end - start);
        acc.Clear();
        XnorKernels.Accumulate(_isa, _packed, _activations, start, acc);
    });

    /// <summary>The vector quantized online, then <see cref="Xnor"/>.</summary>
    public void XnorWithQuantization()
    {
        QuantizeVector();
        Xnor();
    }

    private void QuantizeVector() => _activations.Load(StepInput.Quantize(_vector, _method, _spec));
}
