namespace Fpga.Gen.Passes;

/// <summary>A design rejected by a check pass; names the pass, the module and the offending signal.</summary>
public sealed class HdlCheckException(string check, string module, string signal, string problem)
    : Exception($"{check}: module '{module}', signal '{signal}': {problem}")
{
    public string Check { get; } = check;
    public string Module { get; } = module;
    public string Signal { get; } = signal;
}
