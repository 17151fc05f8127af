using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Passes;

namespace Fpga.Gen.Emit;

/// <summary>
/// Emits one module. Sections are collected first and written in a fixed order: header,
/// ports, declarations, continuous assignments, instances, combinational blocks, registers,
/// memories, initial blocks (testbenches only). Rendering an expression may add a temporary wire (Verilog-2005 cannot slice an
/// expression), which is why declarations are written only after everything is rendered.
/// </summary>
internal sealed partial class ModuleEmission
{
    private readonly ModuleIr _module;
    private readonly VerilogNamespace _names = new();
    private readonly Dictionary<Signal, string> _signalNames = [];
    private readonly Dictionary<Memory, string> _memoryNames = [];
    private readonly Dictionary<RegArray, string> _arrayNames = [];
    private readonly HashSet<Signal> _procedural = [];
    private readonly List<string> _declarations = [];
    private readonly List<string> _assigns = [];
    private readonly List<Action<IndentedWriter>> _instances = [];
    private readonly List<Action<IndentedWriter>> _combBlocks = [];
    private readonly List<Action<IndentedWriter>> _registerBlocks = [];
    private readonly List<Action<IndentedWriter>> _memoryBlocks = [];

    public ModuleEmission(ModuleIr module)
    {
        _module = module;
        foreach (var port in module.PortSignals) _signalNames[port] = _names.ClaimExact(port.Name);
        foreach (var signal in module.Internals) _signalNames[signal] = _names.Claim(signal.Name);
        foreach (var memory in module.Memories) _memoryNames[memory] = _names.Claim(memory.Name);
        foreach (var array in module.Arrays) _arrayNames[array] = _names.Claim(array.Name);
        foreach (var process in module.Processes)
            foreach (var a in ExprWalk.Assignments(process.Body)) _procedural.Add(a.Target);
        foreach (var block in module.CombBlocks)
            foreach (var a in ExprWalk.Assignments(block.Body)) _procedural.Add(a.Target);
        foreach (var reg in module.Registers) _procedural.Add(reg.Q);
        foreach (var read in module.Memories.SelectMany(m => m.Reads).Where(r => r.Registered)) _procedural.Add(read.Data);
    }

    public string Run()
    {
        foreach (var signal in _module.Internals) Declare(signal);
        foreach (var memory in _module.Memories)
            _declarations.Add($"{RamStyleAttribute(memory.Style)}reg {Range(memory.Width)}{_memoryNames[memory]} [0:{memory.Depth - 1}];");
        foreach (var array in _module.Arrays)
            _declarations.Add($"reg {Range(array.Width)}{_arrayNames[array]} [0:{array.Depth - 1}];");
        foreach (var assign in _module.Assigns) _assigns.Add($"assign {_signalNames[assign.Target]} = {Render(assign.Value)};");
        foreach (var instance in _module.Instances) CollectInstance(instance);
        foreach (var block in _module.CombBlocks) CollectCombBlock(block);
        CollectRegisters();
        foreach (var memory in _module.Memories) CollectMemory(memory);
        foreach (var process in _module.Processes) CollectProcess(process);
        return Write();
    }

    private string Write()
    {
        var w = new IndentedWriter();
        w.Line($"// {VerilogEmitter.GeneratedBanner}");
        foreach (var comment in _module.Comments) w.Line(comment.Length == 0 ? "//" : $"// {comment}");
        w.Line("`timescale 1ns / 1ps");
        w.Line("`default_nettype none");
        w.Line();
        WritePorts(w);
        using (w.Indent())
        {
            Section(w, _declarations);
            Section(w, _assigns);
            Blocks(w, _instances);
            Blocks(w, _combBlocks);
            Blocks(w, _registerBlocks);
            Blocks(w, _memoryBlocks);
            Blocks(w, _processBlocks);
        }
        w.Line("endmodule");
        w.Line();
        w.Line("`default_nettype wire");
        return w.ToString();
    }

    private void WritePorts(IndentedWriter w)
    {
        if (_module.PortSignals.Count == 0)
        {
            w.Line($"module {_module.Name};");
            return;
        }
        var rows = _module.PortSignals.Select(p => (
            Direction: p.Kind == SignalKind.Input ? "input" : "output",
            Kind: _procedural.Contains(p) ? "reg" : "wire",
            Type: (p.Signed ? "signed " : "") + Range(p.Width).TrimEnd(),
            Name: _signalNames[p],
            Comment: _module.SignalComments.GetValueOrDefault(p))).ToArray();
        int typeWidth = rows.Max(r => r.Type.Length);
        w.Line($"module {_module.Name} (");
        using (w.Indent())
        {
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                var type = typeWidth == 0 ? "" : r.Type.PadRight(typeWidth) + " ";
                var line = $"{r.Direction,-6} {r.Kind,-4} {type}{r.Name}{(i < rows.Length - 1 ? "," : "")}";
                w.Line(r.Comment is null ? line : $"{line} // {r.Comment}");
            }
        }
        w.Line(");");
    }

    private void Declare(Signal signal)
    {
        if (_module.Integers.Contains(signal))
        {
            _declarations.Add($"integer {_signalNames[signal]};");
            return;
        }
        var kind = _procedural.Contains(signal) ? "reg" : "wire";
        var keep = _module.Kept.Contains(signal) ? "(* keep *) " : "";
        var line = $"{keep}{kind} {(signal.Signed ? "signed " : "")}{Range(signal.Width)}{_signalNames[signal]};";
        var commented = _module.SignalComments.TryGetValue(signal, out var comment) ? $"{line} // {comment}" : line;
        if (_module.Unread.Contains(signal))
        {
            _declarations.Add("/* verilator lint_off UNUSEDSIGNAL */");
            _declarations.Add(commented);
            _declarations.Add("/* verilator lint_on UNUSEDSIGNAL */");
        }
        else
        {
            _declarations.Add(commented);
        }
    }

    private static string Range(int width) => width == 1 ? "" : $"[{width - 1}:0] ";

    /// <summary>The synthesis attribute of a memory's RAM style (yosys, Vivado); none for Auto.</summary>
    private static string RamStyleAttribute(MemoryStyle style) => style switch
    {
        MemoryStyle.Auto => "",
        MemoryStyle.Block => "(* ram_style = \"block\" *) ",
        MemoryStyle.Huge => "(* ram_style = \"huge\" *) ",
        MemoryStyle.Logic => "(* ram_style = \"logic\" *) ",
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    private static void Section(IndentedWriter w, List<string> lines)
    {
        if (lines.Count == 0) return;
        w.Line();
        foreach (var line in lines) w.Line(line);
    }

    private static void Blocks(IndentedWriter w, List<Action<IndentedWriter>> blocks)
    {
        foreach (var block in blocks)
        {
            w.Line();
            block(w);
        }
    }
}
