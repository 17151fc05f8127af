using System.Globalization;
using System.Text;

namespace Fpga.Host.Formats.Numpy;

/// <summary>
/// The dictionary literal at the start of a .npy file, e.g.
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>.
/// Parsed with a small tokenizer for exactly the Python literals NumPy writes.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    public static NpyHeader Parse(string text, string source)
    {
        var parser = new Parser(text, source);
        return parser.ParseHeader();
    }

    public string Format()
    {
        string shape = Shape.Length == 1 ? $"({Shape[0]},)" : "(" + string.Join(", ", Shape) + ")";
        return $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
    }

    private sealed class Parser(string text, string source)
    {
        private int _pos;

        public NpyHeader ParseHeader()
        {
            string? descr = null;
            bool? fortran = null;
            int[]? shape = null;
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (Peek() == '}') { _pos++; break; }
                string key = ParseString();
                Expect(':');
                switch (key)
                {
                    case "descr":
                        SkipSpace();
                        if (Peek() == '[') throw Error("structured (record) dtypes are not supported");
                        descr = ParseString();
                        break;
                    case "fortran_order":
                        fortran = ParseBool();
                        break;
                    case "shape":
                        shape = ParseShape();
                        break;
                    default:
                        throw Error($"unexpected header key '{key}'");
                }
                SkipSpace();
                if (Peek() == ',') _pos++;
            }
            if (text[_pos..].Trim().Length != 0) throw Error("unexpected text after the header dictionary");
            return new NpyHeader(descr ?? throw Error("header has no 'descr'"), fortran ?? throw Error("header has no 'fortran_order'"), shape ?? throw Error("header has no 'shape'"));
        }

        private string ParseString()
        {
            SkipSpace();
            char quote = Peek();
            if (quote is not ('\'' or '"')) throw Error($"expected a quoted string at offset {_pos}");
            int end = text.IndexOf(quote, _pos + 1);
            if (end < 0) throw Error("unterminated string");
            string value = text[(_pos + 1)..end];
            _pos = end + 1;
            return value;
        }

        private bool ParseBool()
        {
            SkipSpace();
            if (text.AsSpan(_pos).StartsWith("True")) { _pos += 4; return true; }
            if (text.AsSpan(_pos).StartsWith("False")) { _pos += 5; return false; }
            throw Error("fortran_order is neither True nor False");
        }

        private int[] ParseShape()
        {
            Expect('(');
            var dims = new List<int>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')') { _pos++; return dims.ToArray(); }
                int start = _pos;
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
                // NumPy 1.x on some platforms wrote "3L" for longs.
                string digits = text[start.._pos];
                if (_pos < text.Length && text[_pos] == 'L') _pos++;
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int dim)) throw Error($"shape entry '{digits}' is not a dimension");
                dims.Add(dim);
                SkipSpace();
                if (Peek() == ',') _pos++;
                else if (Peek() != ')') throw Error("malformed shape tuple");
            }
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c) throw Error($"expected '{c}' at offset {_pos}");
            _pos++;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : throw Error("header ends early");

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private Diagnostics.FpgaException Error(string problem) => FileErrors.File(source, $"malformed .npy header: {problem}");
    }

    public static string Decode(ReadOnlySpan<byte> bytes, bool utf8) => utf8 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
}
