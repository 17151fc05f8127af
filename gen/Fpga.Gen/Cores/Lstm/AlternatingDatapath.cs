using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// Alternating re-quantization after the greedy passes (docs/NUMERICS.md step 6). It runs T
/// times a step, so its passes go over a whole line (the greedy passes' SIMD lanes) a cycle,
/// and only the small, fixed-size parts stay sequential:
/// - Line pass: one line a cycle, r0 from a line copy of h, codes from the plane memories
///   (the gather of the greedy codes) or, per lane, by comparing 2 r0 with the 2^ka - 1
///   sorted midpoints (a thermometer: its count is the level, the level's pattern the codes);
///   adder trees add up P = sum of r0 where a code is +1 (c = B^T r0 = 2P - sum r0, the sum
///   taken as h arrives) and popcounts the disagreements behind Q = B^T B; the new code
///   words go back into the plane memories.
/// - Solve: one multiplier steps through adj(Q), det Q and N = adj(Q) c (Cramer's rule).
/// - Divide: ka restoring dividers form all G[i] = sat(rdiv(|N[i]|, det 2^(F*-FG))) together in
///   WG cycles (a set-up cycle that also detects saturation, then WG - 1 quotient bits).
/// - Sort: one cycle ranks the 2^ka levels by (value, pattern) and keeps the midpoints.
/// - Emit: the planes leave as {G[j], word} beats.
/// </summary>
internal static class AlternatingDatapath
{
    /// <summary>Builds the datapath; returns the solve's multiply-accumulate steps.</summary>
    public static int Build(RequantizerContext c)
    {
        var m = c.M;
        var spec = c.Spec;
        var w = c.Widths.Refit!;
        int h = spec.HiddenSize, ka = c.Codes, simd = c.Simd, words = c.Words;
        int hw = spec.Hidden.Width, wr = c.ResidualWidth, shift = c.Fine - spec.Hidden.Fraction;
        var greedy = c.GreedyWords!.Value;
        var inUnit = m.Define("in_line_pass", c.In(RequantizerContext.UnitPass));
        var inEmit = m.Define("in_emit", c.In(RequantizerContext.Emit));

        // A line copy of h (the load's line register, in the Hidden format): every refit
        // approximates the original vector, not a residual.
        int depth = Math.Max(2, words);
        var loadLine = c.LoadLine!;
        var rawLine = Expr.Concat(Enumerable.Range(0, simd).Reverse().Select(i => loadLine[i * wr + shift + hw - 1, i * wr + shift]).ToArray());
        var originals = m.Memory("originals", simd * hw, depth).WithStyle(MemoryPlacement.For(spec, simd * hw, depth));
        var loading = m.Define("loading", c.SValid & c.In(RequantizerContext.Load));
        originals.Write(loading & c.LineEnd, c.Line, rawLine);

        // sum_k r0[k], added up as h arrives: c = B^T r0 = 2 P - sum r0 needs no negation per lane.
        int wcorr = w.Correlation;
        var total = m.Register("original_sum_q", HdlType.SInt(wcorr));
        var arriving = c.SData.Resize(wcorr) << shift;
        m.Next(total, Expr.Mux(c.Unit.Eq(0), Expr.Zero(total.Type), total) + arriving, enable: loading);

        // Line pass: issue one line a cycle, use it the next.
        var scanning = m.Register("scan_q", 1, resetValue: 0);
        var scanLine = m.Register("scan_line_q", BitWidth.Log2Ceiling(depth), resetValue: 0);
        var scanLast = words == 1 ? (Expr)Expr.True : m.Define("scan_last", scanLine.Eq(words - 1));
        var issue = m.Define("line_issue", inUnit & scanning);
        var greedyDone = m.Define("greedy_done", greedy.Step & c.In(RequantizerContext.Pass) & (ka == 1 ? Expr.True : greedy.Code.Eq(ka - 1))
            & (words == 1 ? Expr.True : greedy.Line.Eq(words - 1)));
        var inSort = m.Define("in_sort", c.In(RequantizerContext.Sort));
        m.Next(scanning, Expr.Mux(greedyDone | inSort, Expr.True, Expr.Mux(issue & scanLast, Expr.False, scanning)));
        if (words > 1) m.Next(scanLine, Expr.Mux(scanLast, Expr.Zero(scanLine.Type), scanLine + 1), enable: issue);
        else m.Next(scanLine, scanLine);
        var s1Valid = m.Registered("s1_valid_q", issue, resetValue: 0);
        var s1Line = m.Registered("s1_line_q", scanLine);
        var s1Last = words == 1 ? (Expr)Expr.True : m.Registered("s1_last_q", scanLast);
        var s1First = m.Registered("s1_first_q", scanLine.Eq(0));
        var rederive = m.Register("rederive_q", 1, resetValue: 0);
        var cycle = m.Register("cycle_q", BitWidth.ForUnsigned(Math.Max(spec.AlternatingCycles - 1, 1)), resetValue: 0);
        var lastCycle = m.Define("last_cycle", rederive & cycle.Eq(spec.AlternatingCycles - 1));
        var passDone = m.Define("line_pass_done", s1Valid & s1Last);
        c.GoTo(passDone & lastCycle, RequantizerContext.Emit);
        c.GoTo(passDone & ~lastCycle, RequantizerContext.Solve);
        m.Next(rederive, Expr.Mux(inSort, Expr.True, Expr.Mux(inEmit, Expr.False, rederive)));
        m.Next(cycle, Expr.Mux(lastCycle, Expr.Zero(cycle.Type), cycle + 1), enable: passDone & rederive);

        // Emit control (its read address shares the plane memories' read port).
        var emitValid = m.Register("emit_valid_q", 1, resetValue: 0);
        var emitCode = m.Register("emit_code_q", BitWidth.ForUnsigned(Math.Max(ka - 1, 1)), resetValue: 0);
        var emitLine = m.Register("emit_line_q", scanLine.Width, resetValue: 0);
        var emitLastLine = words == 1 ? (Expr)Expr.True : m.Define("emit_last_line", emitLine.Eq(words - 1));
        var emitLastCode = ka == 1 ? (Expr)Expr.True : m.Define("emit_last_code", emitCode.Eq(ka - 1));
        var emitStep = m.Define("emit_step", inEmit & emitValid & c.OutFree);
        var emitLast = m.Define("emit_last", emitLastLine & emitLastCode);
        var emitAddress = Expr.Mux(~emitValid | emitLastLine, Expr.Zero(emitLine.Type), emitLine + 1);
        var planeAddress = m.Define("plane_read_address", Expr.Mux(inEmit, emitAddress, scanLine));
        var planeRead = ~inEmit | ~emitValid | emitStep;
        var originalLine = originals.ReadRegistered("original_line_q", scanLine);

        int wc = w.Comparison, wo = w.Original;
        int levels = 1 << ka;
        var midpoints = new Signal[levels - 1];
        var patterns = new Signal[levels];
        for (int t = 0; t < levels - 1; t++) midpoints[t] = m.Register($"mid{t}_q", HdlType.SInt(wc));
        for (int t = 0; t < levels; t++) patterns[t] = m.Register($"pattern{t}_q", ka);
        var planes = new Signal[ka];
        var plane = new Memory[ka];
        for (int j = 0; j < ka; j++)
        {
            plane[j] = m.Memory($"plane{j}", simd, depth).WithStyle(MemoryPlacement.For(spec, simd, depth));
            planes[j] = plane[j].ReadRegistered($"plane{j}_q", planeAddress, planeRead);
        }

        // Stage 1, every lane at once. Lanes past H in the last line are padding: clear bits, no part in the sums.
        int tail = h - (words - 1) * simd;
        var bits = new Expr[ka, simd];
        var originalTerms = new Expr[simd];
        for (int i = 0; i < simd; i++)
        {
            var original = m.Define($"original{i}", originalLine[(i + 1) * hw - 1, i * hw].AsSigned().Resize(wo) << shift);
            originalTerms[i] = original.Resize(wcorr);
            var twice = original.Resize(wc) << 1;
            // The levels are sorted, so the comparisons form a thermometer: their count is the level.
            var above = midpoints.Select(mid => (Expr)twice.Gt(mid).Resize(ka)).ToArray();
            var searched = m.Define($"searched{i}", RequantizerContext.Select(RequantizerContext.Sum(above), patterns));
            Expr? valid = i < tail ? null : ~s1Last;
            for (int j = 0; j < ka; j++)
            {
                var bit = Expr.Mux(rederive, searched[j], planes[j][i]);
                bits[j, i] = valid is null ? bit : bit & valid;
            }
        }
        for (int j = 0; j < ka; j++)
        {
            var word = m.Define($"line_word{j}", Expr.Concat(Enumerable.Range(0, simd).Reverse().Select(i => bits[j, i]).ToArray()));
            var greedyWrite = greedy.Step & (ka == 1 ? Expr.True : greedy.Code.Eq(j));
            plane[j].Write(greedyWrite | (s1Valid & rederive),
                Expr.Mux(c.In(RequantizerContext.Pass), greedy.Line, s1Line),
                Expr.Mux(c.In(RequantizerContext.Pass), greedy.Word, word));
        }

        // P[j] = sum of r0 where code j is +1, and c[j] = 2 P[j] - sum r0.
        var correlations = new Expr[ka];
        for (int j = 0; j < ka; j++)
        {
            var partial = m.Register($"plus_sum{j}_q", HdlType.SInt(wcorr));
            var terms = Enumerable.Range(0, simd).Select(i => Expr.Mux(bits[j, i], originalTerms[i], Expr.SConst(0, wcorr))).ToArray();
            m.Next(partial, Expr.Mux(s1First, Expr.Zero(partial.Type), partial) + m.Define($"line_plus_sum{j}", RequantizerContext.Sum(terms)), enable: s1Valid);
            // |2 P - sum r0| is within the correlation bound; the two bits more hold the operands.
            var difference = (partial.Resize(wcorr + 2) << 1) - total.Resize(wcorr + 2);
            correlations[j] = m.Define($"corr{j}", difference.Resize(wcorr));
        }
        // Disagreements d[i][j], Q[i][j] = H - 2 d[i][j], a popcount a line.
        int wq = w.GramEntry, wd = BitWidth.ForUnsigned(h), wp = BitWidth.ForUnsigned(simd);
        var gram = new Expr[ka, ka];
        for (int i = 0; i < ka; i++)
        {
            gram[i, i] = Expr.SConst(h, wq);
            for (int j = i + 1; j < ka; j++)
            {
                var differ = m.Register($"differ{i}{j}_q", wd);
                var count = RequantizerContext.Sum(Enumerable.Range(0, simd).Select(k => (bits[i, k] ^ bits[j, k]).Resize(wp)).ToArray());
                m.Next(differ, Expr.Mux(s1First, Expr.Zero(differ.Type), differ) + m.Define($"line_differ{i}{j}", count).Resize(wd), enable: s1Valid);
                var entry = Expr.SConst(h, wq + 1) - (differ.Resize(wq + 1) << 1).AsSigned();
                gram[i, j] = gram[j, i] = m.Define($"gram{i}{j}", entry.Resize(wq));
            }
        }

        int steps = Solve(c, gram, correlations, out var determinant, out var numerators);
        Divide(c, determinant, numerators);
        Sort(c, midpoints, patterns, inSort);

        var coefficient = RequantizerContext.Select(emitCode, c.Coefficients.Cast<Expr>().ToArray());
        var emitted = RequantizerContext.Select(emitCode, planes);
        c.Output(emitStep, Expr.Concat(coefficient.AsUnsigned(), emitted), emitLast);
        c.GoTo(emitStep & emitLast, RequantizerContext.Load);
        m.Next(emitValid, inEmit & ~(emitStep & emitLast));
        m.Next(emitLine, Expr.Mux(emitLastLine, Expr.Zero(emitLine.Type), emitLine + 1), enable: emitStep);
        m.Next(emitCode, Expr.Mux(emitLastCode, Expr.Zero(emitCode.Type), emitCode + 1), enable: emitStep & emitLastLine);
        return steps;
    }

    /// <summary>One multiply-accumulate a cycle through adj(Q) (ka = 3 only), det Q and N = adj(Q) c.</summary>
    private static int Solve(RequantizerContext c, Expr[,] gram, Expr[] correlations, out Signal determinant, out Signal[] numerators)
    {
        var m = c.M;
        var w = c.Widths.Refit!;
        int ka = c.Codes, h = c.Spec.HiddenSize;
        int wx = Math.Max(w.GramEntry, w.Adjugate), wy = Math.Max(w.GramEntry, w.Correlation);
        int wacc = new[] { w.Adjugate, w.Determinant, w.CramerNumerator }.Max();
        var steps = new List<(Expr X, Expr Y, bool Negate, bool First)>();
        var groups = new List<(Signal Target, int LastStep)>();
        void Group(Signal target, params (Expr X, Expr Y, bool Negate)[] products)
        {
            for (int p = 0; p < products.Length; p++) steps.Add((RequantizerContext.Widen(products[p].X, wx), RequantizerContext.Widen(products[p].Y, wy), products[p].Negate, p == 0));
            groups.Add((target, steps.Count - 1));
        }

        var adjugate = new Expr[ka, ka];
        switch (ka)
        {
            case 1:
                adjugate[0, 0] = Expr.SConst(1, 2);
                break;
            case 2:
                adjugate[0, 0] = adjugate[1, 1] = Expr.SConst(h, w.GramEntry);
                adjugate[0, 1] = adjugate[1, 0] = m.Define("adj01", -gram[0, 1]);
                break;
            default:
                for (int i = 0; i < 3; i++)
                    for (int j = i; j < 3; j++)
                    {
                        // Cofactor of (j, i), equal to that of (i, j) as Q is symmetric.
                        int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
                        var entry = m.Register($"adj{i}{j}_q", HdlType.SInt(w.Adjugate));
                        Group(entry, (gram[r0, c0], gram[r1, c1], false), (gram[r0, c1], gram[r1, c0], true));
                        adjugate[i, j] = adjugate[j, i] = entry;
                    }
                break;
        }
        determinant = m.Register("det_q", HdlType.SInt(w.Determinant));
        Group(determinant, Enumerable.Range(0, ka).Select(r => (adjugate[r, 0], gram[0, r], false)).ToArray());
        numerators = new Signal[ka];
        for (int i = 0; i < ka; i++)
        {
            numerators[i] = m.Register($"num{i}_q", HdlType.SInt(w.CramerNumerator));
            Group(numerators[i], Enumerable.Range(0, ka).Select(r => (adjugate[i, r], (Expr)correlations[r], false)).ToArray());
        }

        var inSolve = m.Define("in_solve", c.In(RequantizerContext.Solve));
        var step = m.Register("solve_step_q", BitWidth.ForUnsigned(Math.Max(steps.Count - 1, 1)), resetValue: 0);
        var lastStep = m.Define("solve_last", step.Eq(steps.Count - 1));
        var x = m.Define("solve_x", RequantizerContext.Select(step, steps.Select(s => s.X).ToArray()));
        var y = m.Define("solve_y", RequantizerContext.Select(step, steps.Select(s => s.Y).ToArray()));
        var negate = m.Define("solve_negate", RequantizerContext.Select(step, steps.Select(s => (Expr)(s.Negate ? Expr.True : Expr.False)).ToArray()));
        var first = m.Define("solve_first", RequantizerContext.Select(step, steps.Select(s => (Expr)(s.First ? Expr.True : Expr.False)).ToArray()));
        // Every product and partial sum is inside its value's bound (RefitWidths), so the narrower accumulator is exact.
        var product = m.Define("solve_product", x.MulWide(y).Resize(wacc));
        var accumulator = m.Register("solve_acc_q", HdlType.SInt(wacc));
        var accumulated = m.Define("solve_next", Expr.Mux(first, Expr.Zero(accumulator.Type), accumulator) + Expr.Mux(negate, -product, product));
        m.Next(accumulator, accumulated, enable: inSolve);
        foreach (var (target, last) in groups) m.Next(target, accumulated.Resize(target.Width), enable: inSolve & step.Eq(last));
        m.Next(step, Expr.Mux(lastStep, Expr.Zero(step.Type), step + 1), enable: inSolve);
        c.GoTo(inSolve & lastStep, RequantizerContext.Divide);
        return steps.Count;
    }

    /// <summary>
    /// G[i] = sat(floor((2|N[i]| + den) / 2 den)), den = det 2^(F*-FG); kept when det = 0. The ka
    /// dividers share the divisor's shift register and the bit counter, so all G[i] take WG cycles.
    /// </summary>
    private static void Divide(RequantizerContext c, Signal determinant, Signal[] numerators)
    {
        var m = c.M;
        var w = c.Widths.Refit!;
        int ka = c.Codes, wg = c.Spec.ActivationCoefficient.Width;
        int width = Math.Max(w.DivideNumerator, w.DivideDivisor + wg - 1);
        var inDivide = m.Define("in_divide", c.In(RequantizerContext.Divide));
        var bit = m.Register("divide_bit_q", BitWidth.ForUnsigned(wg - 1), resetValue: 0);
        var setup = m.Define("divide_setup", bit.Eq(0));
        var lastBit = m.Define("divide_last_bit", bit.Eq(wg - 1));
        var denominator = m.Define("divide_den", determinant.AsUnsigned().Resize(width) << c.LevelShift);
        var top = m.Define("divide_top", (denominator << 1) << (wg - 1));
        var shifted = m.Register("divide_shift_q", width);
        m.Next(shifted, Expr.Mux(setup, top >> 1, shifted >> 1), enable: inDivide);
        var write = m.Define("divide_write", inDivide & lastBit & determinant.Ne(Expr.SConst(0, determinant.Width)));
        for (int i = 0; i < ka; i++)
        {
            var numerator = numerators[i];
            var magnitude = Expr.Mux(numerator.Lt(Expr.SConst(0, numerator.Width)), -numerator, numerator).AsUnsigned().Resize(width);
            var start = m.Define($"divide_start{i}", (magnitude << 1) + denominator);
            var remainder = m.Register($"divide_rem{i}_q", width);
            var overflow = m.Register($"divide_over{i}_q", 1);
            var fits = m.Define($"divide_fits{i}", remainder.Ge(shifted));
            // WG - 1 quotient bits, the last straight from the comparison: WG - 2 of them are held.
            var quotient = wg > 2 ? m.Register($"divide_quo{i}_q", wg - 2) : null;
            var quotientNext = m.Define($"divide_quo{i}_next", quotient is null ? fits : Expr.Concat(quotient, fits));
            m.Next(remainder, Expr.Mux(setup, start, Expr.Mux(fits, remainder - shifted, remainder)), enable: inDivide);
            m.Next(overflow, start.Ge(top), enable: inDivide & setup);
            if (quotient is not null)
                m.Next(quotient, Expr.Mux(setup, Expr.Zero(quotient.Type), quotientNext[wg - 3, 0]), enable: inDivide);
            var value = Expr.Mux(overflow, Expr.SConst(c.Spec.ActivationCoefficient.Max, wg), quotientNext.Resize(wg).AsSigned());
            c.WriteCoefficient(i, write, value);
        }
        m.Next(bit, Expr.Mux(lastBit, Expr.Zero(bit.Type), bit + 1), enable: inDivide);
        c.GoTo(inDivide & lastBit, RequantizerContext.Sort);
    }

    /// <summary>Ranks the levels sum_i +-G[i] by (value, pattern) and keeps midpoints and patterns in order.</summary>
    private static void Sort(RequantizerContext c, Signal[] midpoints, Signal[] patterns, Expr inSort)
    {
        var m = c.M;
        var w = c.Widths.Refit!;
        int ka = c.Codes, levels = 1 << ka;
        var level = new Expr[levels];
        for (int p = 0; p < levels; p++)
        {
            var terms = Enumerable.Range(0, ka).Select(i =>
            {
                var g = c.Coefficients[i].Resize(w.Level);
                return ((p >> i) & 1) != 0 ? g : -g;
            }).ToArray();
            level[p] = m.Define($"level{p}", RequantizerContext.Sum(terms));
        }
        var rank = new Expr[levels];
        for (int p = 0; p < levels; p++)
        {
            var below = Enumerable.Range(0, levels).Where(q => q != p)
                .Select(q => (q < p ? level[q].Le(level[p]) : level[q].Lt(level[p])).Resize(ka)).ToArray();
            rank[p] = m.Define($"rank{p}", RequantizerContext.Sum(below));
        }
        var sorted = new Signal[levels];
        for (int t = 0; t < levels; t++)
        {
            Expr sortedLevel = Expr.SConst(0, w.Level);
            Expr sortedPattern = Expr.Const(0, ka);
            for (int p = 0; p < levels; p++)
            {
                sortedLevel = Expr.Mux(rank[p].Eq(t), level[p], sortedLevel);
                sortedPattern = Expr.Mux(rank[p].Eq(t), Expr.Const(p, ka), sortedPattern);
            }
            sorted[t] = m.Define($"sorted{t}", sortedLevel);
            m.Next(patterns[t], sortedPattern, enable: inSort);
            if (t > 0) m.Next(midpoints[t - 1], (sorted[t - 1].Resize(w.Comparison) + sorted[t].Resize(w.Comparison)) << c.LevelShift, enable: inSort);
        }
        c.GoTo(inSort, RequantizerContext.UnitPass);
    }
}
