using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// What the frame decoder hands the command engine for each frame it finished or refused,
/// packed into one stream beat, low bits first: reason (0 for a good frame, else the
/// <see cref="NakReason"/>), type, sequence number, length, and the frame buffer bank holding
/// the payload.
/// </summary>
public sealed class FrameDescriptor(int lengthWidth)
{
    public int LengthWidth { get; } = lengthWidth;
    public int Width => 8 + 8 + 8 + LengthWidth + 1;

    public Expr Pack(Expr reason, Expr type, Expr seq, Expr length, Expr bank) => Expr.Concat(bank, length, seq, type, reason);

    public Expr Reason(Expr beat) => beat[7, 0];
    public Expr Type(Expr beat) => beat[15, 8];
    public Expr Seq(Expr beat) => beat[23, 16];
    public Expr Length(Expr beat) => beat[24 + LengthWidth - 1, 24];
    public Expr Bank(Expr beat) => beat[24 + LengthWidth];
}
