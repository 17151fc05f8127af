using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.XnorPopcount;

/// <summary>
/// A pipelined XNOR-popcount dot product of two SIMD-bit {-1,+1} vectors (bit 1 = +1):
/// <c>dot = 2 * popcount(a XNOR b) - SIMD</c>, a signed result in [-SIMD, SIMD].
///
/// Input  s_axis: tdata = {b, a} (b in the upper SIMD bits), valid/ready.
/// Output m_axis: tdata = dot (signed), valid/ready.
///
/// The adder tree sums pairs level by level with exact widths (level l holds l+1 bits) and is
/// registered every <see cref="XnorPopcountDotOptions.LevelsPerStage"/> levels. Back-pressure
/// stalls the whole pipeline through one clock enable; that enable is a register (the output
/// skid buffer's "empty" flag), so no combinational path runs from m_axis_tready to
/// s_axis_tready. The skid buffer sits at the output, where the data is narrow, instead of at
/// the 2*SIMD-bit input.
/// </summary>
public sealed class XnorPopcountDot
{
    private XnorPopcountDot(XnorPopcountDotOptions options, ModuleIr module, int treeLevels, int treeStages, int outputWidth)
    {
        Options = options;
        Module = module;
        TreeLevels = treeLevels;
        TreeStages = treeStages;
        OutputWidth = outputWidth;
    }

    public XnorPopcountDotOptions Options { get; }
    public ModuleIr Module { get; }
    public int TreeLevels { get; }
    public int TreeStages { get; }
    public int OutputWidth { get; }

    /// <summary>
    /// Rising clock edges from the edge that accepts an input beat to the edge after which its
    /// result is on m_axis, with no back-pressure: one per tree stage plus the output register.
    /// </summary>
    public int Latency => TreeStages + 1;

    public static string ModuleName(XnorPopcountDotOptions options) =>
        $"xnor_popcount_dot_s{options.Simd}_l{options.LevelsPerStage}";

    public static XnorPopcountDot Generate(XnorPopcountDotOptions options, DesignConventions? conventions = null)
    {
        options.Validate();
        int simd = options.Simd;
        int levels = BitWidth.Log2Ceiling(simd);
        int stages = (levels + options.LevelsPerStage - 1) / options.LevelsPerStage;
        int outputWidth = BitWidth.ForSigned(-simd, simd);

        var m = new ModuleBuilder(ModuleName(options), conventions);
        m.Comment($"XNOR-popcount dot product, SIMD = {simd} bits, adder tree registered every {options.LevelsPerStage} levels.");
        m.Comment($"dot = 2 * popcount(a XNOR b) - {simd}; bit 1 means +1. Latency {stages + 1} cycles, one beat per cycle.");
        var clock = m.Clock;
        _ = clock;
        var sValid = m.Input("s_axis_tvalid", 1);
        var sReady = m.Output("s_axis_tready", 1);
        var sData = m.Input("s_axis_tdata", 2 * simd);
        m.Describe(sData, $"{{b, a}}, {simd} bits each");
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", HdlType.SInt(outputWidth));
        m.Describe(mData, $"signed dot product in [-{simd}, {simd}]");

        // The pipeline moves only while the output skid buffer is empty; the skid buffer has
        // room for the one beat that the last stage hands over in the cycle the sink stalls.
        var output = new OutputSkidBuffer(m);
        var advance = output.Advance;
        m.Assign(sReady, advance);

        var xnor = m.Define("match_bits", sData[simd - 1, 0].Xnor(sData[2 * simd - 1, simd]));
        var values = Enumerable.Range(0, simd).Select(i => (Expr)xnor[i]).ToList();
        Expr valid = sValid;
        int level = 0;
        for (int stage = 1; stage <= stages; stage++)
        {
            for (int l = 0; l < options.LevelsPerStage && values.Count > 1; l++)
            {
                level++;
                values = AddPairs(m, values, level);
            }
            valid = m.Registered($"valid_s{stage}_q", valid, enable: advance, resetValue: 0);
            var stageValues = values;
            values = stageValues.Select((v, i) => (Expr)m.Registered($"sum_s{stage}_{i}_q", v, enable: advance)).ToList();
        }

        var popcount = values.Single();
        var dot = m.Define("dot", (popcount.Resize(outputWidth).AsSigned() << 1) - Expr.SConst(simd, outputWidth));
        m.Describe(dot, "2 * popcount - SIMD; the doubling may wrap, the difference never does");

        output.Connect(valid, dot, mValid, mData, mReady);

        return new XnorPopcountDot(options, m.Build(), levels, stages, outputWidth);
    }

    private static List<Expr> AddPairs(ModuleBuilder m, List<Expr> values, int level)
    {
        var next = new List<Expr>((values.Count + 1) / 2);
        for (int i = 0; i < values.Count; i += 2)
        {
            Expr sum;
            if (i + 1 == values.Count) sum = values[i].Resize(level + 1);
            // Level 1 as explicit half adders: mapped as adders, the 1+1-bit sums would each take
            // a carry chain, which costs about 60 more LUT4s at SIMD = 256 on iCE40.
            else if (level == 1) sum = Expr.Concat(values[i] & values[i + 1], values[i] ^ values[i + 1]);
            else sum = values[i].Resize(level + 1) + values[i + 1].Resize(level + 1);
            next.Add(m.Define($"sum_l{level}_{i / 2}", sum));
        }
        return next;
    }
}
