using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Gen.Emit;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;
using Fpga.Sim.Icarus;
using Fpga.Sim.Verilator;

namespace Fpga.Gen.Tests.Lint;

/// <summary>Every module the generator emits passes `verilator --lint-only -Wall` with no warning and compiles under `iverilog -g2005`.</summary>
public class EmittedModulesLintTests
{
    public static TheoryData<string> Samples => new(SampleModules.LintableDesigns().Select(m => m.Name));

    public static TheoryData<int, int> DotUnits => new() { { 8, 2 }, { 9, 1 }, { 100, 3 }, { 256, 2 }, { 1000, 4 }, { 1024, 2 } };

    public static TheoryData<int, int, int, int, int, int> MatrixVectorUnits => new()
    {
        { 4, 3, 2, 1, 1, 3 }, { 8, 10, 1, 4, 1, 1 }, { 512, 28, 4, 28, 2, 2 }, { 16, 200, 16, 64, 4, 4 },
    };

    [Theory]
    [MemberData(nameof(MatrixVectorUnits))]
    public void MatrixVectorUnitIsLintClean(int rows, int cols, int pe, int simd, int kw, int ka) =>
        LintAssert.Clean(Fpga.Gen.Cores.Mvu.XnorMvu.Generate(new Fpga.Gen.Cores.Mvu.XnorMvuOptions(rows, cols, pe, simd, kw, ka)).Module);

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleModuleIsLintClean(string name) =>
        LintAssert.Clean(SampleModules.LintableDesigns().Single(m => m.Name == name));

    [Theory]
    [MemberData(nameof(DotUnits))]
    public void DotProductUnitIsLintClean(int simd, int levelsPerStage) =>
        LintAssert.Clean(XnorPopcountDot.Generate(new XnorPopcountDotOptions(simd, levelsPerStage)).Module);

    public static TheoryData<NonlinearityKind, int, int> CellUnits => new()
    {
        { NonlinearityKind.Table, 8, 32 }, { NonlinearityKind.PiecewiseLinear, 8, 32 }, { NonlinearityKind.PiecewiseLinear, 5, 20 }, { NonlinearityKind.PiecewiseLinear, 12, 40 },
    };

    [Theory]
    [MemberData(nameof(CellUnits))]
    public void CellUnitIsLintClean(NonlinearityKind kind, int tableBits, int accumulatorWidth) =>
        LintAssert.Clean(LstmCellUnit.Generate(new AcceleratorSpec { HiddenSize = 16, Nonlinearity = kind, NonlinearityTableBits = tableBits }.Validate(), accumulatorWidth).Module);

    [Fact]
    public void SampleTestbenchIsLintClean() =>
        // --timing: a testbench waits on delays and edges, which Verilator must be told to schedule.
        LintAssert.Clean(Emit.TestbenchEmitTests.Bench(), ["--timing"]);
}
