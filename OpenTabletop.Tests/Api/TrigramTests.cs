using CsCheck;
using Npgsql;
using OpenTabletop.Api.Search.InMemory;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

/// <summary>
/// The in-process trigram measures against pg_trgm itself: on random ASCII text (words, digits,
/// punctuation, repeats, case) both must give the very same single-precision values, since search
/// scores computed either way meet in one ranking and one cursor.
/// </summary>
public sealed class TrigramTests(PostgresFixture postgres)
{
    private static readonly string[] Words = ["spirit", "island", "isle", "terra", "terraforming", "mars", "marsh", "the", "a", "7", "wonders", "duel", "Spirt", "ISLAND", "x"];

    private static readonly Gen<string> Text = Gen.OneOf(
        // Name-like: a few words from a small vocabulary, so that pairs share trigrams and repeat them.
        Gen.Int[0, Words.Length - 1].Select(i => Words[i]).Array[0, 6].Select(words => string.Join(" ", words)),
        // Anything ASCII: separators of every kind, digits, letters in either case.
        Gen.Char["\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFabcdefghijklmnoz[]_{|}~"].Array[0, 24].Select(cs => new string(cs)));

    [Fact]
    public async Task SimilarityAndWordSimilarityAreExactlyPgTrgms()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.CreateMigratedAsync(postgres, SeedMode.None, ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        // The shapes search meets (a prefix, a stretch or a misspelling of a longer name), then random batches.
        (string, string)[] shapes = [("spirit island", "spirit island jagged earth"), ("terrafor", "terraforming mars"), ("spirt islnd", "spirit island"),
            ("", ""), ("", "x"), ("!!", "spirit"), ("aaa aaa", "aaaa aa aaa"), ("mars mars", "mars terraforming mars")];
        await CompareAsync(connection, shapes, ct);
        await Gen.Select(Text, Text).Array[50].SampleAsync(pairs => CompareAsync(connection, pairs, ct), iter: 20, threads: 1);
    }

    private static async Task CompareAsync(NpgsqlConnection connection, (string, string)[] pairs, CancellationToken ct)
    {
        var queries = pairs.Select(p => p.Item1).ToArray();
        var texts = pairs.Select(p => p.Item2).ToArray();
        await using var command = new NpgsqlCommand(
            "SELECT similarity(q, t), word_similarity(q, t), similarity(t, q), word_similarity(t, q) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(q, t, n) ORDER BY n",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = queries });
        command.Parameters.Add(new NpgsqlParameter { Value = texts });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var i = 0;
        while (await reader.ReadAsync(ct))
        {
            var (q, t) = (Trigrams.InOrder(queries[i]), Trigrams.InOrder(texts[i]));
            var context = $"q='{queries[i]}' t='{texts[i]}'";
            Assert.True(reader.GetFloat(0) == Trigrams.Similarity(q, t), $"similarity {context}: {reader.GetFloat(0)} vs {Trigrams.Similarity(q, t)}");
            Assert.True(reader.GetFloat(1) == Trigrams.WordSimilarity(q, t), $"word_similarity {context}: {reader.GetFloat(1)} vs {Trigrams.WordSimilarity(q, t)}");
            Assert.True(reader.GetFloat(2) == Trigrams.Similarity(t, q), $"similarity reversed {context}: {reader.GetFloat(2)} vs {Trigrams.Similarity(t, q)}");
            Assert.True(reader.GetFloat(3) == Trigrams.WordSimilarity(t, q), $"word_similarity reversed {context}: {reader.GetFloat(3)} vs {Trigrams.WordSimilarity(t, q)}");
            i++;
        }
        Assert.Equal(pairs.Length, i);
    }

    [Fact]
    public void OnlyAsciiIsModelled()
    {
        Assert.True(Trigrams.IsModelled("Spirit Island: Jagged Earth (2nd ed.)"));
        Assert.False(Trigrams.IsModelled("Wingspan – Europe"));
        Assert.False(Trigrams.IsModelled("カタン"));
    }
}
