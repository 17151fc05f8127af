using System.Numerics;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.Mvu;

/// <summary>
/// The folded XNOR matrix-vector unit:
/// <c>y[r] = sum_i sum_j A[r][i] * G[j] * (n - 2 * popcount(B[r][i] XOR C[j]))</c>
/// over the n real columns, for every row r, with kw weight planes B and coefficients A per
/// row and ka activation planes C with coefficients G. PE rows run in parallel, SIMD columns
/// per cycle; one product takes (rows/PE) * (cols/SIMD) * kw * ka cycles plus a fixed tail.
///
/// Memories, written by the host through the *_wr ports while the unit is idle:
/// weights per PE at ((rowFold * kw + i) * colFolds + colFold), row r = rowFold * PE + pe;
/// weight coefficients per PE at (rowFold * kw + i); activation planes at (j * colFolds + colFold);
/// activation coefficients G[j] in registers. Padding columns are written as 0 in both planes.
/// With two activation banks, x_wr_bank picks the bank a write goes to (planes and G alike) and
/// x_rd_bank, taken with start, the bank the product reads; the writes may go on during it.
/// The w_wr_addr and a_wr_addr ports carry {pe, address} when PE > 1.
///
/// A pulse on start computes the product; the results leave on m_axis, one beat of PE
/// signed accumulators (PE 0 in the low bits) per row fold, tlast on the last. With extra
/// rows, a pulse on start_extra computes the extra rows' product instead. Back-pressure
/// stalls the whole pipeline through one enable. issuing is high in every cycle that issues
/// an address (the host's utilization counters add it up).
/// </summary>
public sealed class XnorMvu
{
    /// <summary>Pipeline registers between issuing the last address of a row fold and its output beat (multipliers per PE).</summary>
    public const int Tail = 6;

    /// <summary>
    /// The tail of a unit: <see cref="Tail"/> with a multiplier pair per PE; with shared
    /// multipliers one more stage holds the lanes' operands and the lanes pass one a cycle.
    /// </summary>
    public static int TailOf(XnorMvuOptions options) => options.SharedMultipliers ? Tail + options.Pe : Tail;

    private XnorMvu(XnorMvuOptions options, ModuleIr module, int accumulatorWidth)
    {
        Options = options;
        Module = module;
        AccumulatorWidth = accumulatorWidth;
    }

    public XnorMvuOptions Options { get; }
    public ModuleIr Module { get; }
    public XnorMvuMemoryMap MemoryMap => new(Options);
    public int AccumulatorWidth { get; }

    /// <summary>
    /// Cycles from the edge that takes start to the last output beat with a sink that is always
    /// ready, counting that edge: one to launch, one per issued address, five pipeline stages.
    /// </summary>
    public long CyclesPerProduct => Options.IssueCycles + TailOf(Options);

    /// <summary>This unit's tail (<see cref="TailOf"/>).</summary>
    public int TailCycles => TailOf(Options);

    public static string ModuleName(XnorMvuOptions o) =>
        $"xnor_mvu_r{o.Rows}_c{o.Cols}_p{o.Pe}_s{o.Simd}_w{o.WeightCodes}_a{o.ActivationCodes}_q{o.WeightCoefficientWidth}x{o.ActivationCoefficientWidth}"
        + (o.ExtraRows > 0 ? $"_e{o.ExtraRows}" : "")
        + (o.ActivationBanks > 1 ? $"_b{o.ActivationBanks}" : "")
        + (o.SharedMultipliers ? "_m1" : "")
        + (o.PackedLanes ? "_pk" : "")
        + (o.WeightStyle == MemoryStyle.Auto && o.CoefficientStyle == MemoryStyle.Auto && o.ActivationStyle == MemoryStyle.Auto ? ""
            : $"_{StyleLetter(o.WeightStyle)}{StyleLetter(o.CoefficientStyle)}{StyleLetter(o.ActivationStyle)}");

    private static char StyleLetter(MemoryStyle style) => style switch
    {
        MemoryStyle.Block => 'b',
        MemoryStyle.Huge => 'h',
        MemoryStyle.Logic => 'l',
        _ => 'a',
    };

    public static XnorMvu Generate(XnorMvuOptions options, DesignConventions? conventions = null)
    {
        options.Validate();
        return new Builder(options, conventions).Build();
    }

    private sealed class Builder(XnorMvuOptions o, DesignConventions? conventions)
    {
        private readonly ModuleBuilder m = new(ModuleName(o), conventions);
        private Signal run = null!;

        private static int Bits(long maxValue) => BitWidth.ForUnsigned(Math.Max(maxValue, 1));

        public XnorMvu Build()
        {
            int simd = o.Simd, pe = o.Pe, kw = o.WeightCodes, ka = o.ActivationCodes;
            int cf = o.ColFolds, rf = o.RowFolds, wa = o.WeightCoefficientWidth, wg = o.ActivationCoefficientWidth;
            int pad = o.PaddedCols - o.Cols;
            int popWidth = Bits(o.PaddedCols);
            int pWidth = BitWidth.ForSigned(-o.Cols, o.Cols);
            var maxTerm = (BigInteger.One << (wa + wg - 2)) * o.Cols;
            int tWidth = BitWidth.ForSigned(-maxTerm, maxTerm);
            var maxSum = (BigInteger)kw * ka * (BigInteger.One << (wa + wg - 2)) * o.Cols;
            int accWidth = BitWidth.ForSigned(-maxSum, maxSum);

            m.Comment($"Folded XNOR matrix-vector unit: {o.Rows} x {o.Cols}, PE {pe}, SIMD {simd}, kw {kw}, ka {ka}.");
            m.Comment($"y[r] = sum_i sum_j A[r][i] * G[j] * (n - 2 * popcount(B[r][i] ^ C[j])); bit 1 means +1.");
            m.Comment($"One product: {rf} row folds x {cf} column folds x {kw} x {ka} codes = {o.IssueCycles} cycles + {TailOf(o)}.");
            if (o.SharedMultipliers)
                m.Comment($"One multiplier pair scales the {pe} PE lanes' terms one lane a cycle (a term every {cf} column folds).");

            // Host write ports.
            var map = new XnorMvuMemoryMap(o);
            int wMemDepth = map.WeightDepth, cMemDepth = map.CoefficientDepth, xMemDepth = map.ActivationDepth, peBits = map.PeBits;
            int wAddrBits = map.WeightAddressBits, cAddrBits = map.CoefficientAddressBits, xAddrBits = map.ActivationAddressBits;
            var wWrEn = m.Input("w_wr_en", 1);
            var wWrAddr = m.Input("w_wr_addr", peBits + wAddrBits);
            var wWrData = m.Input("w_wr_data", simd);
            var aWrEn = m.Input("a_wr_en", 1);
            var aWrAddr = m.Input("a_wr_addr", peBits + cAddrBits);
            var aWrData = m.Input("a_wr_data", HdlType.SInt(wa));
            var xWrEn = m.Input("x_wr_en", 1);
            var xWrAddr = m.Input("x_wr_addr", xAddrBits);
            var xWrData = m.Input("x_wr_data", simd);
            var gWrEn = m.Input("g_wr_en", 1);
            var gWrIdx = ka > 1 ? m.Input("g_wr_idx", Bits(ka - 1)) : null;
            var gWrData = m.Input("g_wr_data", HdlType.SInt(wg));
            bool banked = o.ActivationBanks > 1;
            var xWrBank = banked ? m.Input("x_wr_bank", 1) : null;
            var xRdBank = banked ? m.Input("x_rd_bank", 1) : null;
            var start = m.Input("start", 1);
            var startExtra = o.ExtraRows > 0 ? m.Input("start_extra", 1) : null;
            var busy = m.Output("busy", 1);
            var issuingOut = m.Output("issuing", 1);
            var mValid = m.Output("m_axis_tvalid", 1);
            var mReady = m.Input("m_axis_tready", 1);
            var mData = m.Output("m_axis_tdata", pe * accWidth);
            var mLast = m.Output("m_axis_tlast", 1);
            m.Describe(mData, $"{pe} signed {accWidth}-bit sums, PE 0 in the low bits");

            var outValid = m.Register("out_valid_q", 1, resetValue: 0);
            run = m.Define("run", ~(outValid & ~mReady));

            // Activation coefficients, per bank.
            Expr GWrite(int j) => gWrIdx is null ? gWrEn : gWrEn & gWrIdx.Eq(j);
            var g = Enumerable.Range(0, ka).Select(j => xWrBank is null
                ? m.Registered($"g{j}_q", gWrData, enable: GWrite(j))
                : m.Registered($"g{j}_bank0_q", gWrData, enable: GWrite(j) & ~xWrBank)).ToArray();
            var gBank1 = xWrBank is null ? null : Enumerable.Range(0, ka).Select(j =>
                m.Registered($"g{j}_bank1_q", gWrData, enable: GWrite(j) & xWrBank)).ToArray();

            // Issue: the four loop counters, innermost first.
            var issuing = m.Register("issuing_q", 1, resetValue: 0);
            var cfQ = m.Register("col_fold_q", Bits(cf - 1));
            var jQ = m.Register("act_code_q", Bits(ka - 1));
            var iQ = m.Register("weight_code_q", Bits(kw - 1));
            var rfQ = m.Register("row_fold_q", Bits(o.StoredRowFolds - 1));
            var wBase = m.Register("w_base_q", wAddrBits);
            var xBase = m.Register("x_base_q", xAddrBits);
            var cAddr = m.Register("c_addr_q", cAddrBits);
            var cfLast = m.Define("col_fold_last", cfQ.Eq(cf - 1));
            var jLast = m.Define("act_code_last", jQ.Eq(ka - 1));
            var iLast = m.Define("weight_code_last", iQ.Eq(kw - 1));
            var extra = startExtra is null ? null : m.Register("extra_q", 1);
            var rfLast = m.Define("row_fold_last", extra is null ? rfQ.Eq(rf - 1) : Expr.Mux(extra, rfQ.Eq(o.StoredRowFolds - 1), rfQ.Eq(rf - 1)));
            var step = m.Define("issue_step", issuing & run);
            var launch = m.Define("launch", (startExtra is null ? start : start | startExtra) & ~issuing);
            // The extra rows' product starts at their first row fold; start wins if both are pulsed.
            var launchExtra = startExtra is null ? null : m.Define("launch_extra", launch & ~start);
            if (extra is not null) m.Next(extra, launchExtra!, enable: launch);
            // The bank a product reads is taken at its launch and held until the next.
            var rdBank = xRdBank is null ? null : m.Registered("rd_bank_q", xRdBank, enable: launch);
            Expr LaunchValue(Signal target, long extraValue) =>
                launchExtra is null ? Expr.Zero(target.Type) : Expr.Mux(launchExtra, Expr.Const(extraValue, target.Type), Expr.Zero(target.Type));
            var nextWeightCode = m.Define("next_weight_code", cfLast & jLast);
            m.Next(issuing, Expr.Mux(launch, Expr.True, Expr.Mux(step & nextWeightCode & iLast & rfLast, Expr.False, issuing)));
            Counter(cfQ, launch, step, cfLast);
            Counter(jQ, launch, step & cfLast, jLast);
            Counter(iQ, launch, step & nextWeightCode, iLast);
            m.Next(rfQ, Expr.Mux(launch, LaunchValue(rfQ, rf), Expr.Mux(rfLast, Expr.Zero(rfQ.Type), rfQ + 1)), enable: launch | (step & nextWeightCode & iLast));
            // The bases step by colFolds; their last step wraps past the memory and is never used,
            // so the constant is taken modulo the address width.
            m.Next(wBase, Expr.Mux(launch, LaunchValue(wBase, (long)rf * kw * cf), wBase + (cf & ((1L << wAddrBits) - 1))), enable: launch | (step & nextWeightCode));
            m.Next(xBase, Expr.Mux(launch | (cfLast & jLast), Expr.Zero(xBase.Type), xBase + (cf & ((1L << xAddrBits) - 1))), enable: launch | (step & cfLast));
            m.Next(cAddr, Expr.Mux(launch, LaunchValue(cAddr, (long)rf * kw), cAddr + 1), enable: launch | (step & nextWeightCode));

            // Memories with registered reads: data arrive in stage 1.
            Signal xWord;
            if (rdBank is null)
            {
                var xMem = m.Memory("act_planes", simd, xMemDepth).WithStyle(o.ActivationStyle);
                xMem.Write(xWrEn, xWrAddr, xWrData);
                xWord = xMem.ReadRegistered("act_word_s1", xBase + cfQ.Resize(xAddrBits), run);
            }
            else
            {
                // Two banks: the bank is the top address bit.
                var xMem = m.Memory("act_planes", simd, 2 << xAddrBits).WithStyle(o.ActivationStyle);
                xMem.Write(xWrEn, Expr.Concat(xWrBank!, xWrAddr), xWrData);
                xWord = xMem.ReadRegistered("act_word_s1", Expr.Concat(rdBank, xBase + cfQ.Resize(xAddrBits)), run);
            }
            var wWords = new Expr[pe];
            var coefs = new Expr[pe];
            // With shared multipliers the coefficients are read two cycles later, straight into
            // stage 3, rather than carried down the pipeline (PE x 12 bits a stage).
            var coefAddress = (Expr)cAddr;
            if (o.SharedMultipliers)
                coefAddress = m.Registered("c_addr_s2", m.Registered("c_addr_s1", cAddr, enable: run), enable: run);
            string coefStage = o.SharedMultipliers ? "s3" : "s1";
            bool packWeights = o.PackedLanes && o.WeightStyle != MemoryStyle.Huge && pe > 1;
            if (packWeights)
            {
                var wMem = m.Memory("weight_planes", pe * simd, wMemDepth).WithStyle(o.WeightStyle);
                wMem.WriteLanes(Enumerable.Range(0, pe).Select(p => wWrEn & wWrAddr[peBits + wAddrBits - 1, wAddrBits].Eq(p)).ToArray(),
                    wWrAddr[wAddrBits - 1, 0], Expr.Replicate(wWrData, pe));
                var word = wMem.ReadRegistered("weight_words_s1", wBase + cfQ.Resize(wAddrBits), run);
                for (int p = 0; p < pe; p++) wWords[p] = word[(p + 1) * simd - 1, p * simd];
            }
            if (o.PackedLanes && pe > 1)
            {
                var cMem = m.Memory("weight_coefs", pe * wa, cMemDepth).WithStyle(o.CoefficientStyle);
                cMem.WriteLanes(Enumerable.Range(0, pe).Select(p => aWrEn & aWrAddr[peBits + cAddrBits - 1, cAddrBits].Eq(p)).ToArray(),
                    aWrAddr[cAddrBits - 1, 0], Expr.Replicate(aWrData.AsUnsigned(), pe));
                var word = cMem.ReadRegistered($"weight_coefs_{coefStage}", coefAddress, run);
                for (int p = 0; p < pe; p++) coefs[p] = word[(p + 1) * wa - 1, p * wa];
            }
            for (int p = 0; p < pe; p++)
            {
                if (!packWeights)
                {
                    var wMem = m.Memory($"weight_planes_pe{p}", simd, wMemDepth).WithStyle(o.WeightStyle);
                    var wEnable = pe > 1 ? wWrEn & wWrAddr[peBits + wAddrBits - 1, wAddrBits].Eq(p) : wWrEn;
                    if (o.WeightStyle == MemoryStyle.Huge)
                    {
                        // Single-port RAM: the host's write (only while the unit is idle) takes the one
                        // address; a read holds its data during a write, as the SPRAM does.
                        var weWire = m.Define($"weight_we_pe{p}", wEnable);
                        var address = m.Define($"weight_addr_pe{p}", Expr.Mux(weWire, wWrAddr[wAddrBits - 1, 0], wBase + cfQ.Resize(wAddrBits)));
                        wMem.Write(weWire, address, wWrData);
                        wWords[p] = wMem.ReadRegistered($"weight_word_pe{p}_s1", address, run & ~weWire);
                    }
                    else
                    {
                        wMem.Write(wEnable, wWrAddr[wAddrBits - 1, 0], wWrData);
                        wWords[p] = wMem.ReadRegistered($"weight_word_pe{p}_s1", wBase + cfQ.Resize(wAddrBits), run);
                    }
                }
                if (!(o.PackedLanes && pe > 1))
                {
                    var cMem = m.Memory($"weight_coefs_pe{p}", wa, cMemDepth).WithStyle(o.CoefficientStyle);
                    cMem.Write(pe > 1 ? aWrEn & aWrAddr[peBits + cAddrBits - 1, cAddrBits].Eq(p) : aWrEn, aWrAddr[cAddrBits - 1, 0], aWrData.AsUnsigned());
                    coefs[p] = cMem.ReadRegistered($"weight_coef_pe{p}_{coefStage}", coefAddress, run);
                }
            }

            // Flags travel down the pipeline beside the data.
            var firstCol = cfQ.Eq(0);
            var firstTerm = m.Define("first_term", iQ.Eq(0) & jQ.Eq(0));
            var lastTerm = m.Define("last_term", iLast & jLast);
            var s1 = Stage(1, issuing, [("first_col", firstCol), ("last_col", cfLast), ("first_term", firstTerm), ("last_term", lastTerm), ("last_row", rfLast), .. (ka > 1 ? new[] { ("code", (Expr)jQ) } : [])]);
            var s2 = Stage(2, s1.Valid, s1.Flags);
            // Each stage carries only the flags a later stage reads, so no register is dead.
            var s3 = Stage(3, s2.Valid, s2.Flags.Where(f => f.Name != "first_col" && (f.Name != "code" || ka > 1)).ToArray());
            var gBank = gBank1 is null ? g : g.Select((zero, j) => m.Define($"g{j}_read", Expr.Mux(rdBank!, gBank1[j], zero))).ToArray();
            var gSelected = m.Define("g_selected", ka > 1 ? SelectByIndex(gBank, s3.Flag("code")) : gBank[0]);

            // Per PE: the plane popcount over the column folds and the row's coefficient, at stage 3.
            var planeDots = new Expr[pe];
            var coefsS3 = new Signal[pe];
            for (int p = 0; p < pe; p++)
            {
                var count = PopcountTree.Build(m, wWords[p].Xnor(xWord), $"match_pe{p}");
                var countS2 = m.Registered($"match_count_pe{p}_s2", count, enable: run);
                if (o.SharedMultipliers) coefsS3[p] = m.Define($"coef_pe{p}_s3", coefs[p].AsSigned());
                var popS3 = m.Register($"pop_pe{p}_s3", popWidth);
                m.Next(popS3, Expr.Mux(s2.Flag("first_col"), countS2.Resize(popWidth), popS3 + countS2.Resize(popWidth)), enable: run & s2.Valid);
                if (!o.SharedMultipliers)
                    coefsS3[p] = m.Registered($"weight_coef_pe{p}_s3", m.Registered($"weight_coef_pe{p}_s2", coefs[p].AsSigned(), enable: run), enable: run);
                int kBound = 2 * pad + o.Cols;
                int qWidth = BitWidth.ForSigned(-kBound, 2 * o.PaddedCols);
                planeDots[p] = ((popS3.Resize(qWidth).AsSigned() << 1) - Expr.SConst(kBound, qWidth)).Resize(pWidth);
            }
            var scaled = o.SharedMultipliers
                ? ScaleShared(s3, planeDots, coefsS3, gSelected, tWidth, accWidth)
                : ScalePerPe(s3, planeDots, coefsS3, gSelected, tWidth, accWidth);

            var produce = m.Define("produce", scaled.Produce);
            // With shared multipliers the accumulators themselves are the output beat: they hold
            // while it waits (a beat that is not taken stops the pipeline), and the next row fold
            // reaches them only after it is taken.
            var outData = scaled.Accumulators is { } accumulators
                ? Expr.Concat(accumulators.Reverse().Select(a => (Expr)a).ToArray())
                : m.Registered("out_data_q", Expr.Concat(scaled.Sums.Reverse().ToArray()), enable: produce);
            var outLast = m.Registered("out_last_q", scaled.LastRow, enable: produce);
            m.Next(outValid, Expr.Mux(produce, Expr.True, Expr.Mux(mReady, Expr.False, outValid)));
            m.Assign(mValid, outValid);
            m.Assign(mData, outData);
            m.Assign(mLast, outLast);
            m.Assign(issuingOut, step);
            m.Assign(busy, issuing | s1.Valid | s2.Valid | s3.Valid | scaled.Busy | outValid);
            return new XnorMvu(o, m.Build(), accWidth);
        }

        /// <summary>
        /// A multiplier pair per PE: stage 4 holds A * G and the plane dot product, stage 5 the
        /// term, the accumulators add it in stage 6.
        /// </summary>
        private Scaled ScalePerPe(PipelineStage s3, Expr[] planeDots, Signal[] coefsS3, Expr gSelected, int tWidth, int accWidth)
        {
            int pe = o.Pe, kw = o.WeightCodes, ka = o.ActivationCodes, wa = o.WeightCoefficientWidth, wg = o.ActivationCoefficientWidth;
            var s4 = Stage(4, s3.Valid & s3.Flag("last_col"), s3.Flags.Where(f => f.Name is "first_term" or "last_term" or "last_row").ToArray());
            var s5 = Stage(5, s4.Valid, s4.Flags);
            var sums = new Expr[pe];
            for (int p = 0; p < pe; p++)
            {
                var pS4 = m.Registered($"plane_dot_pe{p}_s4", planeDots[p], enable: run);
                m.Describe(pS4, "n - 2 * popcount(B ^ C) over the real columns");
                var agS4 = m.Registered($"coef_product_pe{p}_s4", coefsS3[p].MulWide(gSelected), enable: run);
                var tS5 = m.Registered($"term_pe{p}_s5", agS4.Resize(tWidth) * pS4.Resize(tWidth), enable: run);
                var acc = m.Register($"acc_pe{p}_s6", HdlType.SInt(accWidth));
                m.Describe(acc, $"sum of {kw * ka} terms, each |A * G * P| <= 2^{wa + wg - 2} * {o.Cols}: {accWidth} bits cannot overflow");
                var accNext = m.Define($"acc_next_pe{p}", Expr.Mux(s5.Flag("first_term"), tS5.Resize(accWidth), acc + tS5.Resize(accWidth)));
                m.Next(acc, accNext, enable: run & s5.Valid);
                sums[p] = accNext;
            }
            return new Scaled(run & s5.Valid & s5.Flag("last_term"), sums, s5.Flag("last_row"), s4.Valid | s5.Valid, null);
        }

        /// <summary>
        /// One multiplier pair for all PE lanes: stage 4 holds every lane's coefficient and plane
        /// dot product (for the ColFolds &gt;= PE cycles until the next term), lane k passes in the
        /// k-th cycle after: A * G, then the term, then the lane's accumulator. The output beat
        /// leaves with the last lane's sum.
        /// </summary>
        private Scaled ScaleShared(PipelineStage s3, Expr[] planeDots, Signal[] coefsS3, Expr gSelected, int tWidth, int accWidth)
        {
            int pe = o.Pe, kw = o.WeightCodes, ka = o.ActivationCodes, wa = o.WeightCoefficientWidth, wg = o.ActivationCoefficientWidth;
            var take = m.Define("term_take", run & s3.Valid & s3.Flag("last_col"));
            var planeHeld = planeDots.Select((d, p) => m.Registered($"plane_dot_pe{p}_s4", d, enable: take)).ToArray();
            var coefHeld = coefsS3.Select((c, p) => m.Registered($"weight_coef_pe{p}_s4", (Expr)c, enable: take)).ToArray();
            var gHeld = m.Registered("g_s4", gSelected, enable: take);
            var flagsHeld = new[] { "first_term", "last_term", "last_row" }
                .Select(f => (Name: f, Value: (Expr)m.Registered($"{f}_s4_q", s3.Flag(f), enable: take))).ToArray();
            // lane_valid[k]: lane k's operands go to the multipliers this cycle (at most one lane is valid).
            var lanes = new Signal[pe];
            lanes[0] = m.Registered("lane_valid_0", s3.Valid & s3.Flag("last_col"), enable: run, resetValue: 0);
            for (int k = 1; k < pe; k++) lanes[k] = m.Registered($"lane_valid_{k}", lanes[k - 1], enable: run, resetValue: 0);
            Expr coefSel = coefHeld[0], planeSel = planeHeld[0];
            for (int k = 1; k < pe; k++)
            {
                coefSel = Expr.Mux(lanes[k], coefHeld[k], coefSel);
                planeSel = Expr.Mux(lanes[k], planeHeld[k], planeSel);
            }
            var anyLane = lanes.Skip(1).Aggregate((Expr)lanes[0], (a, b) => a | b);
            var laneVector = Expr.Concat(lanes.Reverse().Select(l => (Expr)l).ToArray());

            var validM1 = m.Registered("valid_m1_q", anyLane, enable: run, resetValue: 0);
            var laneM1 = m.Registered("lane_m1_q", laneVector, enable: run);
            var agM1 = m.Registered("coef_product_m1", coefSel.MulWide(gHeld), enable: run);
            // Both multipliers could take this register (A * G's output register, (A * G) * P's
            // A input register); yosys's ice40_dsp then packs it into both, leaves the second
            // one's A port undriven and drops the first multiplier and the coefficient memory.
            // keep makes ice40_dsp refuse it as an input register; it stays A * G's output register.
            m.Keep(agM1, "A * G of the lane in lane_m1_q; keep: one SB_MAC16's output register, never also the next one's input register");
            var planeM1 = m.Registered("plane_dot_m1", planeSel, enable: run);
            m.Describe(planeM1, "n - 2 * popcount(B ^ C) over the real columns, of the lane in lane_m1_q");
            var flagsM1 = flagsHeld.Select(f => (f.Name, Value: (Expr)m.Registered($"{f.Name}_m1_q", f.Value, enable: run))).ToArray();

            var validM2 = m.Registered("valid_m2_q", validM1, enable: run, resetValue: 0);
            var laneM2 = m.Registered("lane_m2_q", laneM1, enable: run);
            // |A * G * P| fits the term width, so the full product truncated to it is exact.
            var termM2 = m.Registered("term_m2", agM1.MulWide(planeM1).Resize(tWidth), enable: run);
            var flagsM2 = flagsM1.Select(f => (f.Name, Value: (Expr)m.Registered($"{f.Name}_m2_q", f.Value, enable: run))).ToArray();
            Expr Flag(string name) => flagsM2.Single(f => f.Name == name).Value;

            var sums = new Expr[pe];
            var accumulators = new Signal[pe];
            for (int p = 0; p < pe; p++)
            {
                var acc = m.Register($"acc_pe{p}_m3", HdlType.SInt(accWidth));
                accumulators[p] = acc;
                m.Describe(acc, $"sum of {kw * ka} terms, each |A * G * P| <= 2^{wa + wg - 2} * {o.Cols}: {accWidth} bits cannot overflow");
                var accNext = m.Define($"acc_next_pe{p}", Expr.Mux(Flag("first_term"), termM2.Resize(accWidth), acc + termM2.Resize(accWidth)));
                m.Next(acc, accNext, enable: run & validM2 & laneM2[p]);
                // Lanes below the last finished in earlier cycles; the last one's sum is still being added.
                sums[p] = p == pe - 1 ? accNext : acc;
            }
            return new Scaled(run & validM2 & laneM2[pe - 1] & Flag("last_term"), sums, Flag("last_row"), anyLane | validM1 | validM2, accumulators);
        }

        private void Counter(Signal counter, Expr clear, Expr advance, Expr last) =>
            m.Next(counter, Expr.Mux(clear | last, Expr.Zero(counter.Type), counter + 1), enable: clear | advance);

        private static Expr SelectByIndex(IReadOnlyList<Signal> values, Expr index)
        {
            Expr result = values[^1];
            for (int k = values.Count - 2; k >= 0; k--) result = Expr.Mux(index.Eq(k), values[k], result);
            return result;
        }

        private PipelineStage Stage(int number, Expr valid, IReadOnlyList<(string Name, Expr Value)> flags)
        {
            var validQ = m.Registered($"valid_s{number}_q", valid, enable: run, resetValue: 0);
            var registered = flags.Select(f => (f.Name, (Expr)m.Registered($"{f.Name}_s{number}_q", f.Value, enable: run))).ToArray();
            return new PipelineStage(validQ, registered);
        }
    }

    /// <summary>The scaling stages' outcome; <see cref="Accumulators"/> when they can be the output beat themselves.</summary>
    private sealed record Scaled(Expr Produce, Expr[] Sums, Expr LastRow, Expr Busy, Signal[]? Accumulators);

    private sealed record PipelineStage(Signal Valid, IReadOnlyList<(string Name, Expr Value)> Flags)
    {
        public Expr Flag(string name) => Flags.Single(f => f.Name == name).Value;
    }
}
