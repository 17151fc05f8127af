namespace Fpga.Host.Datasets;

/// <summary>A word-level language-modelling corpus: token-id streams for training, validation and test over one vocabulary.</summary>
public sealed record WordCorpus(WordVocabulary Vocabulary, int[] Train, int[] Valid, int[] Test)
{
    public int[] Split(string name) => name switch
    {
        "train" => Train,
        "valid" => Valid,
        "test" => Test,
        _ => throw new ArgumentException($"unknown split '{name}' (train, valid, test)", nameof(name)),
    };
}
