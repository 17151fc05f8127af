using System.Globalization;
using Fpga.Gen.Boards;

namespace Fpga.Host.Bitstream;

/// <summary>
/// The scripts a user runs on their own machine for the boards whose place and route does not
/// run here: nextpnr-ecp5 and ecppack for the ULX3S, a Vivado batch script for the Arty.
/// They read the RTL and the constraint file written beside them.
/// </summary>
public static class VendorFlowScripts
{
    public static (string FileName, string Text) For(Board board, string top, IEnumerable<string> rtlFiles, double targetMhz)
    {
        var files = string.Join(' ', rtlFiles);
        string mhz = targetMhz.ToString("0.###", CultureInfo.InvariantCulture);
        return board.Family switch
        {
            FpgaFamily.Ecp5 => ("build.sh", $"""
                #!/bin/sh
                # {board.Title}: yosys, nextpnr-ecp5 and ecppack, then flash with openFPGALoader.
                set -eu
                cd "$(dirname "$0")"
                yosys -q -l yosys.log -p "read_verilog {files}; synth_ecp5 -top {top} -json design.json"
                nextpnr-ecp5 --{board.Device} --package {board.Package} --json design.json --lpf {board.ConstraintFileName} --freq {mhz} --textcfg design.config --report nextpnr-report.json -l nextpnr.log
                ecppack --compress design.config design.bit
                echo "built design.bit; flash with: openFPGALoader --board ulx3s design.bit"

                """),
            FpgaFamily.Artix7 => ("build.tcl", $$"""
                # {{board.Title}}: Vivado batch flow. Run: vivado -mode batch -source build.tcl
                set here [file dirname [info script]]
                read_verilog [list {{string.Join(' ', rtlFiles.Select(f => "$here/" + f))}}]
                read_xdc $here/{{board.ConstraintFileName}}
                synth_design -top {{top}} -part {{board.Device}}
                opt_design
                place_design
                route_design
                report_utilization -file $here/utilization.rpt
                report_timing_summary -file $here/timing.rpt
                if {[get_property SLACK [get_timing_paths -max_paths 1 -nworst 1 -setup]] < 0} {
                    puts "ERROR: the design misses timing at {{mhz}} MHz; see timing.rpt"
                    exit 1
                }
                write_bitstream -force $here/design.bit
                puts "built design.bit; flash with: openFPGALoader --board arty_a7_35t design.bit"

                """),
            _ => throw new ArgumentException($"{board.Name} is built here by the iCE40 flow, not by a script", nameof(board)),
        };
    }
}
