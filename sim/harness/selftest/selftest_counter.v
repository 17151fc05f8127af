// Self-test fixture for the Verilator harness and the C# simulation library: the only
// hand-written Verilog in the repository. It exercises a 1-bit, a 40-bit (wider than 32,
// narrower than 64) and a 300-bit (multi-word) port in both directions, a synchronous
// reset, and a purely combinational path so reads between steps must see settled logic.
`default_nettype none

module selftest_counter (
    input  wire         clk,
    input  wire         rst,
    input  wire         enable,
    input  wire         load,
    input  wire [39:0]  load_value,
    input  wire [299:0] wide_in,
    output reg  [39:0]  count,
    output reg          enable_q,
    output reg  [299:0] wide_q,
    output wire [299:0] wide_not
);
    assign wide_not = ~wide_in;

    always @(posedge clk) begin
        if (rst) begin
            count    <= 40'd0;
            enable_q <= 1'b0;
            wide_q   <= 300'd0;
        end else begin
            if (load) begin
                count <= load_value;
            end else if (enable) begin
                count <= count + 40'd1;
            end
            enable_q <= enable;
            wide_q   <= wide_in;
        end
    end
endmodule

`default_nettype wire
