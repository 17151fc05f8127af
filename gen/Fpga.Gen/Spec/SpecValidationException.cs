namespace Fpga.Gen.Spec;

/// <summary>A generator option or spec field out of range, or a combination that cannot be built.</summary>
public sealed class SpecValidationException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
