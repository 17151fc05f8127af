namespace Fpga.Host.Training;

/// <summary>Where the loss is taken: the last step only (a sequence classifier) or every step (a language model).</summary>
public enum OutputMode
{
    LastStep,
    EveryStep,
}
