using System.Text;

namespace Fpga.Gen.Emit;

/// <summary>Writes lines at the current indentation; a line never contains a newline.</summary>
public sealed class IndentedWriter(string indentUnit = "  ")
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        if (line.Contains('\n') || line.Contains('\r'))
            throw new ArgumentException($"a line holds a newline: '{line.ReplaceLineEndings("\\n")}'", nameof(line));
        if (line.Length > 0)
        {
            for (int i = 0; i < _depth; i++) _text.Append(indentUnit);
            _text.Append(line);
        }
        _text.Append('\n');
    }

    /// <summary>Indents every line written until the returned scope is disposed.</summary>
    public IDisposable Indent()
    {
        _depth++;
        return new Scope(this);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope(IndentedWriter writer) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            writer._depth--;
        }
    }
}
