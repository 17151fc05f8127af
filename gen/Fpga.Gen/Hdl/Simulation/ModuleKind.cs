namespace Fpga.Gen.Hdl;

/// <summary>
/// What a module is for. A synthesizable module holds only the synthesizable subset; a
/// testbench holds simulation-only constructs (initial blocks, delays, $display, $readmemh,
/// integer variables, reg arrays read by index) and has no ports. The check passes keep the
/// two apart.
/// </summary>
public enum ModuleKind
{
    Synthesizable,
    Testbench,
}
