using Fpga.Gen.Spec;

namespace Fpga.Host.Cpu;

/// <summary>
/// A table function of the contract evaluated once for every integer of its input format, so a
/// step indexes one array instead of recomputing bins or interpolating. Built by calling
/// <see cref="NonlinearityTables"/> itself, so it cannot differ from the golden model; formats
/// too wide to enumerate keep calling it.
/// </summary>
internal sealed class NonlinearityLookup
{
    /// <summary>Inputs of up to 2^20 values (4 MiB of int) are enumerated.</summary>
    private const int MaxEnumeratedWidth = 20;

    private readonly int[]? _values;
    private readonly long _min;
    private readonly Func<long, long> _evaluate;

    public NonlinearityLookup(Func<long, long> evaluate, FixedFormat input)
    {
        _evaluate = evaluate;
        _min = input.Min;
        if (input.Width > MaxEnumeratedWidth) return;
        _values = new int[input.Max - input.Min + 1];
        for (long x = input.Min; x <= input.Max; x++) _values[x - input.Min] = checked((int)evaluate(x));
    }

    /// <summary>f(x) for x inside the input format (the engine saturates before it looks up).</summary>
    public long this[long x] => _values is null ? _evaluate(x) : _values[x - _min];

    public static NonlinearityLookup Sigmoid(NonlinearityTables tables, FixedFormat input) =>
        new(x => tables.EvaluateSigmoid(x, input.Fraction), input);

    public static NonlinearityLookup Tanh(NonlinearityTables tables, FixedFormat input) =>
        new(x => tables.EvaluateTanh(x, input.Fraction), input);
}
