using System.Numerics;

namespace Fpga.Gen.Hdl;

/// <summary>A parameter override on an instance: an integer, a sized bit pattern or a string.</summary>
public sealed record ParameterValue
{
    private ParameterValue(BigInteger? integer, ConstExpr? bits, string? text, decimal? real = null)
    {
        Integer = integer;
        Bits = bits;
        Text = text;
        Real = real;
    }

    public BigInteger? Integer { get; }
    public ConstExpr? Bits { get; }
    public string? Text { get; }
    /// <summary>A real parameter (vendor clocking primitives take periods and multipliers as reals).</summary>
    public decimal? Real { get; }

    public static ParameterValue Of(BigInteger value) => new(value, null, null);
    public static ParameterValue Of(ConstExpr bits) => new(null, bits, null);
    public static ParameterValue OfReal(decimal value) => new(null, null, null, value);
    public static ParameterValue Of(string text) =>
        text.Any(c => c is '"' or '\\' or '\n' or '\r') ? throw new HdlConstructionException($"parameter string '{text}' holds a quote, backslash or newline") : new(null, null, text);
}

/// <summary>
/// An instance of another module. Inputs connect to any expression; outputs connect to
/// internal signals of the parent, which the instance then drives.
/// </summary>
public sealed class Instance(string name, IModuleInterface target)
{
    private readonly List<KeyValuePair<string, ParameterValue>> _parameters = [];
    private readonly List<KeyValuePair<string, Expr>> _inputs = [];
    private readonly List<KeyValuePair<string, Signal>> _outputs = [];

    public string Name { get; } = name;
    public IModuleInterface Target { get; } = target;
    public IReadOnlyList<KeyValuePair<string, ParameterValue>> Parameters => _parameters;
    public IReadOnlyList<KeyValuePair<string, Expr>> Inputs => _inputs;
    public IReadOnlyList<KeyValuePair<string, Signal>> Outputs => _outputs;

    public Instance Parameter(string name, ParameterValue value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public Instance Input(string port, Expr value)
    {
        _inputs.Add(new(port, value));
        return this;
    }

    public Instance Output(string port, Signal target)
    {
        _outputs.Add(new(port, target));
        return this;
    }
}
