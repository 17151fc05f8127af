namespace Fpga.Gen.Spec;

/// <summary>
/// One evaluation of sigmoid or tanh with the intermediate values of docs/NUMERICS.md
/// ("Table functions"), so that the golden model can hold each to its derived width.
/// A lookup table has no segment: its offset, slope and product are 0 and the value is the base.
/// </summary>
/// <param name="Index">The table address: the bin (lookup table) or the segment k (piecewise linear).</param>
/// <param name="Offset">d, the input's distance into segment k, in [0, 2^s].</param>
/// <param name="Base">The table word at <paramref name="Index"/>: the bin value or the breakpoint E[k].</param>
/// <param name="Slope">E[k+1] - E[k].</param>
/// <param name="Product">Slope * d.</param>
/// <param name="Value">The function's value in the Hidden format.</param>
public readonly record struct TableEvaluation(int Index, long Offset, long Base, long Slope, long Product, long Value);
