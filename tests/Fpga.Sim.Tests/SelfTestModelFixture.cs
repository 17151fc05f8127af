using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

/// <summary>Builds (or finds in the cache) the fixture's harness once for the whole test run.</summary>
public sealed class SelfTestModelFixture
{
    public SelfTestModelFixture()
    {
        Model = VerilatorModelBuild.Build(SelfTestDesign.ModelOptions());
    }

    public VerilatorModel Model { get; }

    /// <summary>A running simulation, reset and with every input at zero.</summary>
    public VerilatorSimulation StartReset(SimulationOptions? options = null)
    {
        var simulation = Model.Start(options);
        simulation.Set("rst", true);
        simulation.Step();
        simulation.Set("rst", false);
        return simulation;
    }
}

[CollectionDefinition(Name)]
public sealed class SelfTestCollection : ICollectionFixture<SelfTestModelFixture>
{
    public const string Name = "verilated self-test model";
}
