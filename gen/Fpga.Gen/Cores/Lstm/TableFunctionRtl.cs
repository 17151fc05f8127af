using System.Numerics;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>Where an input of a table function stands after <see cref="TableFunctionRtl.Locate"/>: registers of one stage.</summary>
/// <param name="Name">The input's name, for the registers that follow it.</param>
/// <param name="Address">The table address (bin, or segment k).</param>
/// <param name="Offset">Piecewise linear: d, unsigned s + 1 bits; null for a lookup table.</param>
/// <param name="Shift">s = R + 1 - T + F of the input's fraction.</param>
/// <param name="Stage">The pipeline stage that holds the registers.</param>
internal sealed record TableInput(string Name, Signal Address, Signal? Offset, int Shift, int Stage);

/// <summary>
/// Sigmoid and tanh as the cell unit pipelines them (docs/NUMERICS.md, "Table functions"), in
/// two halves so that the unit registers every input before it reads any ROM:
/// <see cref="Locate"/> registers the table address (piecewise linear: and the offset d),
/// <see cref="Lookup"/> reads the ROM a stage later and, piecewise linear, registers
/// E[k] + rshr(slope * d, s) one more stage later: one multiply-add per evaluation, with the
/// ROM word {slope, E[k]} so that a single read serves it.
/// </summary>
internal sealed class TableFunctionRtl
{
    private readonly ModuleBuilder _m;
    private readonly AcceleratorSpec _spec;
    private readonly NonlinearityTables _tables;
    private readonly DerivedWidths _widths;
    private readonly Expr _advance;

    public TableFunctionRtl(ModuleBuilder m, AcceleratorSpec spec, Expr advance)
    {
        _m = m;
        _spec = spec;
        _tables = NonlinearityTables.For(spec);
        _widths = DerivedWidths.For(spec);
        _advance = advance;
    }

    public NonlinearityTables Tables => _tables;

    /// <summary>Cycles from an input to its function value: the address register and the ROM read, and the multiply-add's register.</summary>
    public static int Stages(NonlinearityKind kind) => kind == NonlinearityKind.Table ? 2 : 3;

    /// <summary>Registers the address of <paramref name="x"/> (combinational in <paramref name="stage"/>) into the next stage.</summary>
    public TableInput Locate(string name, Expr x, int inputFraction, int stage)
    {
        int next = stage + 1;
        int shift = _tables.IndexShift(inputFraction);
        if (_spec.Nonlinearity == NonlinearityKind.Table)
            return new TableInput(name, _m.Registered($"{name}_address_s{next}", FixedPointRtl.TableAddress(x, inputFraction, _tables), enable: _advance), null, shift, next);
        var (index, offset) = FixedPointRtl.TableSegment(x, inputFraction, _tables);
        return new TableInput(name, _m.Registered($"{name}_segment_s{next}", index, enable: _advance),
            _m.Registered($"{name}_offset_s{next}", offset, enable: _advance), shift, next);
    }

    /// <summary>The function's value, a register <see cref="Stages"/> - 1 stages after the input's address, in the Hidden format.</summary>
    public Signal Lookup(string name, IReadOnlyList<long> table, TableInput input)
    {
        int wh = _spec.Hidden.Width;
        int read = input.Stage + 1;
        if (input.Offset is null)
        {
            var rom = _m.Memory($"{name}_table", wh, table.Count, table.Select(v => Bits(v, wh)).ToArray()).WithStyle(MemoryPlacement.For(_spec, wh, table.Count));
            return rom.ReadRegistered($"{name}_s{read}", input.Address, _advance);
        }

        // Word k = {E[k+1] - E[k], E[k]}: 2^T words rather than 2^T + 1 breakpoints, a power of two for block RAM.
        int ws = _widths.BreakpointStep;
        var words = Enumerable.Range(0, table.Count - 1).Select(k => (Bits(table[k + 1] - table[k], ws) << wh) | Bits(table[k], wh)).ToArray();
        var segments = _m.Memory($"{name}_segments", ws + wh, words.Length, words).WithStyle(MemoryPlacement.For(_spec, ws + wh, words.Length));
        var word = segments.ReadRegistered($"{name}_segment_s{read}", input.Address, _advance);
        var offset = _m.Registered($"{input.Name}_offset_s{read}", input.Offset, enable: _advance);
        var breakpoint = word[wh - 1, 0].AsSigned();
        var slope = word[ws + wh - 1, wh].AsSigned();
        // |slope * d| is bounded by DerivedWidths.InterpolationProduct, so narrowing the full product loses nothing.
        var product = slope.MulWide(Expr.Concat(Expr.Const(0, 1), offset).AsSigned()).Resize(_widths.InterpolationProduct);
        // E[k] + rshr(slope * d, s) lies between E[k] and E[k+1] (NUMERICS), so it fits the Hidden format unsaturated.
        var value = FixedPointRtl.AddWide(breakpoint, FixedPointRtl.RoundShiftRight(product, input.Shift)).Resize(wh);
        return _m.Registered($"{name}_s{read + 1}", value, enable: _advance);
    }

    private static BigInteger Bits(long value, int width) => value >= 0 ? value : (BigInteger.One << width) + value;
}
