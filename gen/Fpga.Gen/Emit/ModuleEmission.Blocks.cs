using Fpga.Gen.Hdl;

namespace Fpga.Gen.Emit;

internal sealed partial class ModuleEmission
{
    private void CollectInstance(Instance instance)
    {
        var inputs = instance.Inputs.ToDictionary(i => i.Key, i => Render(i.Value));
        var outputs = instance.Outputs.ToDictionary(o => o.Key, o => _signalNames[o.Value]);
        var connections = instance.Target.Ports
            .Select(p => $".{p.Name}({(p.Direction == PortDirection.Input ? inputs[p.Name] : outputs[p.Name])})")
            .ToArray();
        var parameters = instance.Parameters.Select(p => $".{p.Key}({ParameterText(p.Value)})").ToArray();
        var name = _names.Claim(instance.Name);
        _instances.Add(w =>
        {
            if (parameters.Length == 0)
            {
                w.Line($"{instance.Target.Name} {name} (");
            }
            else
            {
                w.Line($"{instance.Target.Name} #(");
                using (w.Indent()) CommaLines(w, parameters);
                w.Line($") {name} (");
            }
            using (w.Indent()) CommaLines(w, connections);
            w.Line(");");
        });
    }

    private static string ParameterText(ParameterValue value) =>
        value.Integer is { } i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.Bits is { } b ? Literal(b)
        // Verilog needs a digit on both sides of the point.
        : value.Real is { } r ? r.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)
        : $"\"{value.Text}\"";

    private static void CommaLines(IndentedWriter w, IReadOnlyList<string> items)
    {
        for (int i = 0; i < items.Count; i++) w.Line(i < items.Count - 1 ? items[i] + "," : items[i]);
    }

    private void CollectCombBlock(CombBlock block)
    {
        var body = RenderStatements(block.Body);
        _combBlocks.Add(w =>
        {
            w.Line("always @* begin");
            using (w.Indent()) body(w);
            w.Line("end");
        });
    }

    private Action<IndentedWriter> RenderStatements(IReadOnlyList<Statement> statements)
    {
        var parts = statements.Select(RenderStatement).ToArray();
        return w => { foreach (var part in parts) part(w); };
    }

    private Action<IndentedWriter> RenderStatement(Statement statement)
    {
        switch (statement)
        {
            case AssignStatement a:
                var line = $"{_signalNames[a.Target]} = {Render(a.Value)};";
                return w => w.Line(line);
            case IfStatement i:
                var condition = Render(i.Condition);
                var then = RenderStatements(i.Then);
                var otherwise = i.Else.Count > 0 ? RenderStatements(i.Else) : null;
                return w =>
                {
                    w.Line($"if ({condition}) begin");
                    using (w.Indent()) then(w);
                    if (otherwise is not null)
                    {
                        w.Line("end else begin");
                        using (w.Indent()) otherwise(w);
                    }
                    w.Line("end");
                };
            case CaseStatement c:
                var subject = Render(c.Subject);
                var arms = c.Arms.Select(a => (Label: Literal(a.Label), Body: RenderStatements(a.Body))).ToArray();
                var fallback = RenderStatements(c.Default);
                return w =>
                {
                    w.Line($"case ({subject})");
                    using (w.Indent())
                    {
                        foreach (var (label, body) in arms) Arm(w, label, body);
                        Arm(w, "default", fallback);
                    }
                    w.Line("endcase");
                };
            case SimulationStatement s:
                return RenderSimulation(s);
            default:
                throw new InvalidOperationException($"no Verilog for {statement.GetType().Name}");
        }
    }

    private static void Arm(IndentedWriter w, string label, Action<IndentedWriter> body)
    {
        w.Line($"{label}: begin");
        using (w.Indent()) body(w);
        w.Line("end");
    }

    /// <summary>
    /// Registers with a reset value share one block under the design's reset convention; the
    /// rest go in a block without reset (with an asynchronous reset they must not share its
    /// sensitivity list). Registers with the same enable are grouped under one if.
    /// </summary>
    private void CollectRegisters()
    {
        var withReset = _module.Registers.Where(r => r.ResetValue is not null).ToArray();
        var withoutReset = _module.Registers.Where(r => r.ResetValue is null).ToArray();
        var clock = _module.Clock is null ? null : _signalNames[_module.Clock];
        var conventions = _module.Conventions;
        if (withReset.Length > 0)
        {
            var reset = _signalNames[_module.Reset!];
            var resets = withReset.Select(r => $"{_signalNames[r.Q]} <= {Literal(new ConstExpr(r.ResetValue!.Value, r.Q.Type))};").ToArray();
            var loads = EnableGroups(withReset);
            var edge = conventions.ResetAsync ? $" or {(conventions.ResetActiveLow ? "negedge" : "posedge")} {reset}" : "";
            var active = conventions.ResetActiveLow ? $"!{reset}" : reset;
            _registerBlocks.Add(w =>
            {
                w.Line($"always @(posedge {clock}{edge}) begin");
                using (w.Indent())
                {
                    w.Line($"if ({active}) begin");
                    using (w.Indent()) foreach (var line in resets) w.Line(line);
                    w.Line("end else begin");
                    using (w.Indent()) loads(w);
                    w.Line("end");
                }
                w.Line("end");
            });
        }
        if (withoutReset.Length > 0)
        {
            var loads = EnableGroups(withoutReset);
            _registerBlocks.Add(w =>
            {
                w.Line($"always @(posedge {clock}) begin");
                using (w.Indent()) loads(w);
                w.Line("end");
            });
        }
    }

    private Action<IndentedWriter> EnableGroups(IReadOnlyList<Register> registers)
    {
        var groups = new List<(Expr? Enable, List<string> Lines)>();
        foreach (var reg in registers)
        {
            var line = $"{_signalNames[reg.Q]} <= {Render(reg.Next!)};";
            var group = groups.FindIndex(g => ReferenceEquals(g.Enable, reg.Enable));
            if (group < 0) groups.Add((reg.Enable, [line]));
            else groups[group].Lines.Add(line);
        }
        var rendered = groups.Select(g => (Enable: g.Enable is null ? null : Render(g.Enable), g.Lines)).ToArray();
        return w =>
        {
            foreach (var (enable, lines) in rendered)
            {
                if (enable is null)
                {
                    foreach (var line in lines) w.Line(line);
                    continue;
                }
                w.Line($"if ({enable}) begin");
                using (w.Indent()) foreach (var line in lines) w.Line(line);
                w.Line("end");
            }
        };
    }

    private void CollectMemory(Memory memory)
    {
        var name = _memoryNames[memory];
        var clock = _signalNames[_module.Clock!];
        if (memory.Initial is { } initial)
        {
            var words = initial.Select((v, i) => $"{name}[{i}] = {Literal(new ConstExpr(v, HdlType.UInt(memory.Width)))};").ToArray();
            _memoryBlocks.Add(w =>
            {
                w.Line("initial begin");
                using (w.Indent()) foreach (var line in words) w.Line(line);
                w.Line("end");
            });
        }
        foreach (var write in memory.Writes.Where(w => w.LaneEnables is not null))
        {
            // One block, one statement per lane: the byte-enable shape synthesis maps to block RAM.
            int lanes = write.LaneEnables!.Count, laneWidth = memory.Width / lanes;
            var address = Render(write.Address);
            var statements = write.LaneEnables.Select((e, k) => (Enable: Render(e),
                Target: $"{name}[{address}][{(k + 1) * laneWidth - 1}:{k * laneWidth}]",
                Data: Render(write.Data[(k + 1) * laneWidth - 1, k * laneWidth]))).ToArray();
            _memoryBlocks.Add(w =>
            {
                w.Line($"always @(posedge {clock}) begin");
                using (w.Indent())
                {
                    foreach (var (enable, target, data) in statements)
                    {
                        w.Line($"if ({enable}) begin");
                        using (w.Indent()) w.Line($"{target} <= {data};");
                        w.Line("end");
                    }
                }
                w.Line("end");
            });
        }
        foreach (var write in memory.Writes.Where(w => w.LaneEnables is null))
        {
            var (enable, address, data) = (Render(write.Enable), Render(write.Address), Render(write.Data));
            _memoryBlocks.Add(w =>
            {
                w.Line($"always @(posedge {clock}) begin");
                using (w.Indent())
                {
                    w.Line($"if ({enable}) begin");
                    using (w.Indent()) w.Line($"{name}[{address}] <= {data};");
                    w.Line("end");
                }
                w.Line("end");
            });
        }
        foreach (var read in memory.Reads)
        {
            var address = Render(read.Address);
            var data = _signalNames[read.Data];
            if (!read.Registered)
            {
                _assigns.Add($"assign {data} = {name}[{address}];");
                continue;
            }
            var enable = read.Enable is null ? null : Render(read.Enable);
            _memoryBlocks.Add(w =>
            {
                w.Line($"always @(posedge {clock}) begin");
                using (w.Indent())
                {
                    if (enable is null)
                    {
                        w.Line($"{data} <= {name}[{address}];");
                    }
                    else
                    {
                        w.Line($"if ({enable}) begin");
                        using (w.Indent()) w.Line($"{data} <= {name}[{address}];");
                        w.Line("end");
                    }
                }
                w.Line("end");
            });
        }
    }

}
