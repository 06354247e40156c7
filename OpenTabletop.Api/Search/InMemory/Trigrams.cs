using System.Buffers;

namespace OpenTabletop.Api.Search.InMemory;

/// <summary>
/// pg_trgm's <c>similarity</c> and <c>word_similarity</c> for ASCII text, computed in process so that
/// search does not pay PostgreSQL a trigram extraction per candidate name (two per name, a third of
/// a search's database time). The trigram model is pg_trgm's: each word (a run of letters and digits,
/// lower-cased) padded with two spaces before and one after, every three consecutive characters of
/// that a trigram. The arithmetic is single precision, as pg_trgm's is, so the values are the same
/// floats PostgreSQL computes; <c>TrigramTests</c> holds the two to the same results on random text.
/// Only ASCII is modelled: for other text the word characters depend on the database's locale, so
/// callers leave such names to SQL (<see cref="IsModelled"/>).
/// </summary>
internal static class Trigrams
{
    /// <summary>True when the model is exact for <paramref name="text"/>: every character is ASCII.</summary>
    public static bool IsModelled(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F) return false;
        }
        return true;
    }

    /// <summary>The trigrams of <paramref name="text"/> in the order they occur (repeats kept), three ASCII bytes in an int.</summary>
    public static int[] InOrder(string text)
    {
        var trigrams = new int[MaxTrigrams(text)];
        return trigrams[..FillInOrder(text, trigrams)];
    }

    /// <summary>pg_trgm's <c>similarity(a, b)</c>: shared distinct trigrams over all distinct trigrams.</summary>
    public static float Similarity(int[] a, int[] b) => SimilarityOfDistinct(Distinct(a), Distinct(b));

    /// <summary>
    /// pg_trgm's <c>word_similarity(query, text)</c>: how well <paramref name="query"/> matches some
    /// stretch of <paramref name="text"/>, found as pg_trgm finds it (see <see cref="WordSimilarityCore"/>).
    /// </summary>
    public static float WordSimilarity(int[] query, int[] text)
    {
        var distinct = Distinct(text);
        return WordSimilarityCore(Distinct(query), text, distinct, new int[text.Length], new int[distinct.Length]);
    }

    /// <summary>
    /// Both measures as the search score combines them: <c>(similarity + word_similarity) / 2</c> in
    /// single precision. Allocation-free for names of ordinary length: a search compares q with a
    /// hundred names, and per-name arrays and hash sets were most of what a search allocated.
    /// </summary>
    public static float Closeness(Query query, string name)
    {
        var size = MaxTrigrams(name);
        int[]? rented = size * 4 > StackLimit ? ArrayPool<int>.Shared.Rent(size * 4) : null;
        var scratch = rented is null ? stackalloc int[size * 4] : rented.AsSpan(0, size * 4);
        try
        {
            var inOrder = scratch[..size];
            var n = FillInOrder(name, inOrder);
            var text = inOrder[..n];
            var distinct = scratch.Slice(size, n);
            var m = SortedDistinct(text, distinct);
            return (SimilarityOfDistinct(query.Distinct, distinct[..m]) +
                    WordSimilarityCore(query.Distinct, text, distinct[..m], scratch.Slice(2 * size, n), scratch.Slice(3 * size, m))) / 2f;
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>A query's trigrams, prepared once for comparing it with many names.</summary>
    public sealed class Query(string text)
    {
        /// <summary>Sorted, each once.</summary>
        public int[] Distinct { get; } = Trigrams.Distinct(InOrder(text));
    }

    /// <summary>Ints of scratch kept on the stack (four per trigram of a name of up to about 60 characters).</summary>
    private const int StackLimit = 256;

    /// <summary>An upper bound of the trigrams of <paramref name="text"/>: one per word character, plus one per word.</summary>
    private static int MaxTrigrams(string text) => text.Length + (text.Length + 1) / 2;

    private static int FillInOrder(string text, Span<int> trigrams)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordCharacter(text[i])) i++;
            var start = i;
            while (i < text.Length && IsWordCharacter(text[i])) i++;
            if (i == start) continue;
            // The padded word "  w " yields one trigram per character of the word, plus one.
            int first = ' ', second = ' ';
            for (var k = start; k < i; k++)
            {
                var third = char.ToLowerInvariant(text[k]);
                trigrams[count++] = Pack(first, second, third);
                (first, second) = (second, third);
            }
            trigrams[count++] = Pack(first, second, ' ');
        }
        return count;
    }

    /// <summary><see cref="Similarity"/> of two sorted spans of distinct trigrams.</summary>
    private static float SimilarityOfDistinct(ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        if (left.Length == 0 || right.Length == 0) return 0f;
        var shared = 0;
        for (int i = 0, j = 0; i < left.Length && j < right.Length;)
        {
            if (left[i] == right[j]) { shared++; i++; j++; }
            else if (left[i] < right[j]) i++;
            else j++;
        }
        return Ratio(shared, left.Length, right.Length);
    }

    /// <summary>
    /// Walking the text's trigrams in order, each one that the query has closes a stretch; the
    /// stretch's start is then moved right for as long as that raises the similarity between the
    /// query's distinct trigrams and the stretch's, and the start stays there for the later
    /// stretches. The result is the best of them. <paramref name="textDistinct"/> is the text's
    /// sorted distinct trigrams; the two scratch spans are as long as the text and as it.
    /// </summary>
    private static float WordSimilarityCore(
        ReadOnlySpan<int> query, ReadOnlySpan<int> text, ReadOnlySpan<int> textDistinct, Span<int> rank, Span<int> lastSeen)
    {
        if (query.Length == 0 || text.Length == 0) return 0f;
        var queryCount = query.Length;

        // Each position's trigram as its place among the distinct ones; with it, where each distinct
        // trigram was last seen inside the current stretch (-1: not in it), and whether q has it
        // (encoded as the sign bit of the rank, to keep to two scratch spans).
        for (var k = 0; k < text.Length; k++)
        {
            var r = textDistinct.BinarySearch(text[k]);
            rank[k] = query.BinarySearch(text[k]) >= 0 ? r | InQuery : r;
        }
        lastSeen.Fill(-1);

        int start = -1, distinct = 0, shared = 0;
        var best = 0f;
        for (var end = 0; end < text.Length; end++)
        {
            var found = (rank[end] & InQuery) != 0;
            var trigram = rank[end] & ~InQuery;
            // Before the first shared trigram nothing is counted: a stretch starts at one.
            if (start >= 0 || found)
            {
                if (lastSeen[trigram] < 0)
                {
                    distinct++;
                    if (found) shared++;
                }
                lastSeen[trigram] = end;
            }
            if (!found) continue;
            if (start < 0)
            {
                start = end;
                distinct = 1;
            }

            var current = Ratio(shared, queryCount, distinct);
            int trialShared = shared, trialDistinct = distinct, previousStart = start;
            for (var trial = start; trial <= end; trial++)
            {
                var ratio = Ratio(trialShared, queryCount, trialDistinct);
                if (ratio > current)
                {
                    current = ratio;
                    distinct = trialDistinct;
                    start = trial;
                    shared = trialShared;
                }
                // Dropping this trigram from the stretch's front: it leaves the stretch if this was its last occurrence.
                var dropped = rank[trial] & ~InQuery;
                if (lastSeen[dropped] == trial)
                {
                    trialDistinct--;
                    if ((rank[trial] & InQuery) != 0) trialShared--;
                }
            }
            best = Math.Max(best, current);
            for (var gone = previousStart; gone < start; gone++)
            {
                var r = rank[gone] & ~InQuery;
                if (lastSeen[r] == gone) lastSeen[r] = -1;
            }
        }
        return best;
    }

    private const int InQuery = 1 << 30;

    private static float Ratio(int shared, int left, int right) => shared / (float)(left + right - shared);

    private static int[] Distinct(int[] trigrams)
    {
        var distinct = new int[trigrams.Length];
        return distinct[..SortedDistinct(trigrams, distinct)];
    }

    /// <summary>Writes <paramref name="trigrams"/> sorted, each once, into <paramref name="into"/>; returns how many.</summary>
    private static int SortedDistinct(ReadOnlySpan<int> trigrams, Span<int> into)
    {
        trigrams.CopyTo(into);
        var sorted = into[..trigrams.Length];
        sorted.Sort();
        var n = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (n == 0 || sorted[n - 1] != sorted[i]) sorted[n++] = sorted[i];
        }
        return n;
    }

    private static bool IsWordCharacter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static int Pack(int a, int b, int c) => (a << 16) | (b << 8) | c;
}
