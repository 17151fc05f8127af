using Fpga.Gen.Boards;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Cores.Link;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Host.Bitstream;

/// <summary>
/// The accelerator of a spec behind the UART link, inside a board's shell: what `fpga bitstream`
/// builds for a model. The board clock is the spec's ClockHz, so the UART divisor the link was
/// generated with is the one the board runs at.
/// </summary>
public static class AcceleratorBoard
{
    public static BoardDesign For(Board board, AcceleratorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var accelerator = LstmAccelerator.Generate(spec);
        var link = LinkBoard.Generate(spec, LinkOptions.For(spec), accelerator.Module);
        return BoardDesigns.Around(board, spec.ClockHz, link.Module, new DesignConventions(spec.Reset));
    }
}
