namespace Fpga.Gen.Emit;

/// <summary>One generated source file: a module named like its file.</summary>
public sealed record EmittedFile(string FileName, string Text)
{
    public void WriteTo(string directory) => File.WriteAllText(Path.Combine(directory, FileName), Text);
}
