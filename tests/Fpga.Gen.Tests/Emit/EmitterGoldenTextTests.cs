using Fpga.Gen.Emit;
using Fpga.Gen.Hdl;

namespace Fpga.Gen.Tests.Emit;

public class EmitterGoldenTextTests
{
    private static string Emit(Fpga.Gen.Ir.ModuleIr module) => VerilogEmitter.Emit(module);

    [Fact]
    public void FileFrameHasBannerTimescaleAndNettypeGuards()
    {
        var text = Emit(SampleModules.Leaf());
        Assert.StartsWith($"// {VerilogEmitter.GeneratedBanner}\n`timescale 1ns / 1ps\n`default_nettype none\n\nmodule sample_leaf (\n", text);
        Assert.EndsWith("endmodule\n\n`default_nettype wire\n", text);
    }

    [Fact]
    public void PortsAreAnsiStyleWithAlignedTypes()
    {
        GoldenText.Contains("""
            module sample_slice (
              input  wire [7:0]         a,
              input  wire signed [7:0]  s,
              output wire [3:0]         nibble,
            """, Emit(SampleModules.SlicesAndResizes()));
    }

    [Fact]
    public void ArithmeticAndBitwiseOperatorsAreFullyParenthesized()
    {
        var text = Emit(SampleModules.Arithmetic());
        GoldenText.Contains("assign sum = a + b;", text);
        GoldenText.Contains("assign diff = a - b;", text);
        GoldenText.Contains("assign wide = {8'd0, a} * {8'd0, b};", text);
        GoldenText.Contains("assign bits = (a & b) | (~(a ^ b));", text);
        GoldenText.Contains("assign less = a < b;", text);
    }

    [Fact]
    public void ConstantsAreSizedDecimalWhenShortHexWhenLongAndTwosComplementWhenNegative()
    {
        var text = Emit(SampleModules.Constants());
        GoldenText.Contains("assign narrow = 8'd200;", text);
        GoldenText.Contains("assign wide = 20'habcde;", text);
        GoldenText.Contains("assign negative = x + 20'shffffd;", text);
    }

    [Fact]
    public void SlicingAnExpressionGoesThroughATemporaryWithAWaiverForTheUnusedBits()
    {
        var text = Emit(SampleModules.SlicesAndResizes());
        GoldenText.Contains("""
            /* verilator lint_off UNUSEDSIGNAL */
            wire [7:0] tmp;
            /* verilator lint_on UNUSEDSIGNAL */
            """, text);
        GoldenText.Contains("assign tmp = a + a; assign sum_high = tmp[7:4];", text);
        GoldenText.Contains("assign nibble = a[7:4];", text);
        GoldenText.Contains("assign msb = a[7];", text);
    }

    [Fact]
    public void ResizeZeroExtendsSignExtendsAndTruncatesKeepingSignedness()
    {
        var text = Emit(SampleModules.SlicesAndResizes());
        GoldenText.Contains("assign zext = {4'd0, a};", text);
        GoldenText.Contains("assign sext = $signed({{4{s[7]}}, s});", text);
        GoldenText.Contains("assign trunc = $signed(s[3:0]);", text);
    }

    [Fact]
    public void MuxConcatReplicateReductionsAndShifts()
    {
        var text = Emit(SampleModules.Operators());
        GoldenText.Contains("assign sel = c ? a : (~a);", text);
        GoldenText.Contains("assign cat = {a[3:0], {4{c}}, a[7:4]};", text);
        GoldenText.Contains("assign any = |a; assign all = &a; assign parity = ^a;", text);
        GoldenText.Contains("assign shl = a << 2;", text);
        GoldenText.Contains("assign shr = s >>> 2;", text);
        GoldenText.Contains("assign barrel = a << amount;", text);
    }

    [Fact]
    public void CombinationalBlockAssignsDefaultsFirstAndAlwaysHasADefaultArm()
    {
        var text = Emit(SampleModules.CombinationalBlock());
        GoldenText.Contains("output reg [7:0] y,", text);
        GoldenText.Contains("reg flag;", text);
        GoldenText.Contains("""
            always @* begin
              y = 8'd0;
              flag = 1'd0;
              case (op)
                2'd0: begin
                  y = a;
                end
            """, text);
        GoldenText.Contains("""
                2'd2: begin
                  if (a == 8'd0) begin
                    flag = 1'd1;
                  end else begin
                    y = a + 8'd1;
                  end
                end
                default: begin
                end
              endcase
            end
            """, text);
    }

    [Theory]
    [InlineData(ResetStyle.SyncActiveHigh, "always @(posedge clk) begin if (rst) begin")]
    [InlineData(ResetStyle.SyncActiveLow, "always @(posedge clk) begin if (!rst_n) begin")]
    [InlineData(ResetStyle.AsyncActiveHigh, "always @(posedge clk or posedge rst) begin if (rst) begin")]
    [InlineData(ResetStyle.AsyncActiveLow, "always @(posedge clk or negedge rst_n) begin if (!rst_n) begin")]
    public void RegistersFollowTheDesignResetConventionAndOnlyResetWhatAsksForIt(ResetStyle style, string resetBlockHead)
    {
        var text = Emit(SampleModules.Registers(style));
        GoldenText.Contains($"""
            {resetBlockHead}
                count_q <= 8'd0;
              end else begin
                if (en) begin
                  count_q <= count_q + 8'd1;
                end
              end
            end
            """, text);
        GoldenText.Contains("""
            always @(posedge clk) begin
              if (en) begin
                data_q <= d;
              end
            end
            """, text);
    }

    [Fact]
    public void MemoriesUseTheShapeSynthesisInfersAsRam()
    {
        var text = Emit(SampleModules.Memories());
        GoldenText.Contains("reg [15:0] ram [0:15];", text);
        GoldenText.Contains("always @(posedge clk) begin if (we) begin ram[waddr] <= wdata; end end", text);
        GoldenText.Contains("always @(posedge clk) begin rdata_q <= ram[raddr]; end", text);
        GoldenText.Contains("assign lookup_value = table_1[raddr[1:0]];", text);
        GoldenText.Contains("initial begin table_1[0] = 4'd1; table_1[1] = 4'd2; table_1[2] = 4'd3; table_1[3] = 4'd15; end", text);
    }

    [Fact]
    public void InstancesConnectEveryPortByNameWithParameters()
    {
        GoldenText.Contains("""
            sample_primitive #(
              .MODE(3),
              .INIT(8'd165),
              .NAME("fast")
            ) u_prim (
              .clk(clk),
              .din(d),
              .dout(q)
            );
            """, Emit(SampleModules.BlackBoxUser()));
        GoldenText.Contains("sample_leaf u_second ( .a(mid ^ a), .y(y) );", Emit(SampleModules.Hierarchy()));
    }

    [Fact]
    public void NamesAvoidKeywordsDollarsAndDoubleUnderscoresAndCollisionsGetSuffixes()
    {
        var text = Emit(SampleModules.Names());
        GoldenText.Contains("wire [1:0] reg_1; wire [1:0] odd_name; wire [1:0] odd_name_1;", text);
        Assert.DoesNotContain("$", text.Replace("$signed", "", StringComparison.Ordinal).Replace("$unsigned", "", StringComparison.Ordinal));
        Assert.DoesNotContain("__", text);
    }

    [Fact]
    public void HierarchyIsOneFilePerModuleNamedLikeTheModule()
    {
        var files = VerilogEmitter.EmitHierarchy(SampleModules.Hierarchy());
        Assert.Equal(["sample_leaf.v", "sample_top.v"], files.Select(f => f.FileName));
        foreach (var file in files)
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(file.Text, @"^module ", System.Text.RegularExpressions.RegexOptions.Multiline));
    }

    [Fact]
    public void EmissionIsByteForByteDeterministic()
    {
        foreach (var build in new Func<Fpga.Gen.Ir.ModuleIr>[] { SampleModules.Memories, SampleModules.CombinationalBlock, SampleModules.Hierarchy })
            Assert.Equal(Emit(build()), Emit(build()));
    }

    [Fact]
    public void UnreadOutputsOfAPrimitiveAreWaivedWithTheirReason()
    {
        var m = new ModuleBuilder("sample_unread");
        var box = new BlackBox("VENDOR_CELL", [new PortSpec("I", PortDirection.Input, HdlType.Bit), new PortSpec("O", PortDirection.Output, HdlType.Bit),
            new PortSpec("SPARE", PortDirection.Output, HdlType.UInt(2))]);
        var o = m.Output("o", 1);
        var used = m.Wire("used", 1);
        m.Instantiate("u_cell", box).Input("I", m.Input("i", 1)).Output("O", used).Output("SPARE", m.Unread("spare", HdlType.UInt(2), "unused: a test port"));
        m.Assign(o, used);
        GoldenText.Contains("""
            /* verilator lint_off UNUSEDSIGNAL */
            wire [1:0] spare; // unused: a test port
            /* verilator lint_on UNUSEDSIGNAL */
            """, Emit(m.Build()));
    }

    [Fact]
    public void KeptSignalsCarryAKeepAttributeAndTheirReason()
    {
        var m = new ModuleBuilder("sample_kept");
        var o = m.Output("o", 4);
        var held = m.Registered("held", m.Input("i", 4));
        m.Keep(held, "why it is kept");
        var plain = m.Registered("plain", held);
        m.Assign(o, plain);
        var text = Emit(m.Build());
        GoldenText.Contains("(* keep *) reg [3:0] held; // why it is kept", text);
        Assert.DoesNotContain("(* keep *) reg [3:0] plain", text);
    }

    [Fact]
    public void SharedMultipliersKeepTheRegisterBetweenTheTwoProducts()
    {
        // yosys ice40_dsp would otherwise pack coef_product_m1 into both SB_MAC16s and leave one A port undriven.
        var shared = Fpga.Gen.Cores.Mvu.XnorMvu.Generate(new Fpga.Gen.Cores.Mvu.XnorMvuOptions(64, 128, 4, 16, 2, 2, SharedMultipliers: true)).Module;
        GoldenText.Contains("(* keep *) reg signed [23:0] coef_product_m1;", Emit(shared));
    }

    [Fact]
    public void RealParametersKeepADigitOnEachSideOfThePoint()
    {
        var m = new ModuleBuilder("sample_real");
        var box = new BlackBox("VENDOR_CLOCK", [new PortSpec("I", PortDirection.Input, HdlType.Bit), new PortSpec("O", PortDirection.Output, HdlType.Bit)]);
        var o = m.Output("o", 1);
        m.Instantiate("u_clock", box).Parameter("PERIOD", ParameterValue.OfReal(83.333m)).Parameter("MULT", ParameterValue.OfReal(8m))
            .Input("I", m.Input("i", 1)).Output("O", o);
        var text = Emit(m.Build());
        GoldenText.Contains(".PERIOD(83.333)", text);
        GoldenText.Contains(".MULT(8.0)", text);
    }
    [Fact]
    public void MemoryStyleIsARamStyleAttributeAndLaneWritesAreOneBlock()
    {
        var m = new ModuleBuilder("styled_memory");
        var en = m.Input("en", 2);
        var addr = m.Input("addr", 4);
        var data = m.Input("data", 8);
        var mem = m.Memory("words", 8, 16).WithStyle(MemoryStyle.Block);
        mem.WriteLanes([en[0], en[1]], addr, data);
        m.Assign(m.Output("q", 8), mem.ReadRegistered("q_s1", addr));
        var text = Emit(m.Build());
        GoldenText.Contains("(* ram_style = \"block\" *) reg [7:0] words [0:15];", text);
        GoldenText.Contains("""
            always @(posedge clk) begin
              if (en[0]) begin
                words[addr][3:0] <= data[3:0];
              end
              if (en[1]) begin
                words[addr][7:4] <= data[7:4];
              end
            end
            """, text);
    }

    [Fact]
    public void SinglePortRamNeedsOneAddressForEveryPort()
    {
        var m = new ModuleBuilder("huge_memory");
        var we = m.Input("we", 1);
        var wa = m.Input("wa", 4);
        var ra = m.Input("ra", 4);
        var mem = m.Memory("words", 16, 16).WithStyle(MemoryStyle.Huge);
        mem.Write(we, wa, m.Input("data", 16));
        m.Assign(m.Output("q", 16), mem.ReadRegistered("q_s1", ra, ~we));
        var e = Assert.Throws<Fpga.Gen.Passes.HdlCheckException>(() => m.Build());
        Assert.Contains("one address expression", e.Message, StringComparison.Ordinal);
    }
}
