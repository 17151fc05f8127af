namespace Fpga.Host.Datasets;

/// <summary>
/// A closed word vocabulary: the most frequent words of the training text (ties broken by
/// ordinal order so it is reproducible), then &lt;unk&gt; for every other word and &lt;eos&gt; for
/// the end of a sentence.
/// </summary>
public sealed class WordVocabulary
{
    public const string Unknown = "<unk>";
    public const string EndOfSentence = "<eos>";

    private readonly Dictionary<string, int> _ids;

    private WordVocabulary(IReadOnlyList<string> words)
    {
        Words = words;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++) _ids.Add(words[i], i);
        UnknownId = _ids[Unknown];
        EndOfSentenceId = _ids[EndOfSentence];
    }

    public IReadOnlyList<string> Words { get; }
    public int Count => Words.Count;
    public int UnknownId { get; }
    public int EndOfSentenceId { get; }

    /// <summary>The <paramref name="size"/> most frequent words of <paramref name="text"/> plus &lt;unk&gt; and &lt;eos&gt;.</summary>
    public static WordVocabulary MostFrequent(IEnumerable<string> text, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in text)
        {
            if (word is Unknown or EndOfSentence) continue;
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        var words = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(size).Select(p => p.Key).ToList();
        words.Add(Unknown);
        words.Add(EndOfSentence);
        return new WordVocabulary(words);
    }

    public int Id(string word) => _ids.TryGetValue(word, out int id) ? id : UnknownId;
}
