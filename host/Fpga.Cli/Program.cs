using Fpga.Cli;

return await FpgaCli.RunAsync(args, Console.Out, Console.Error, input: Console.In);
