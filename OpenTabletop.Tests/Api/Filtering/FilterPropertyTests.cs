using System.Text.Json;
using CsCheck;
using OpenTabletop.Tests.Support;

using OpenTabletop.Tests.Api;

namespace OpenTabletop.Tests.Api.Filtering;

/// <summary>
/// Random filter combinations over a few thousand synthetic games: the API's complete, paged result
/// set equals an in-memory evaluation of the same filters over the same rows, so nothing that
/// matches is left out and nothing that does not is returned. About a third of the combinations are
/// in effective mode, evaluated over the game_variants rows.
/// </summary>
public sealed class FilterPropertyTests(SyntheticApi synthetic) : IClassFixture<SyntheticApi>
{
    [Fact]
    public async Task EveryRandomFilterCombinationReturnsExactlyTheMatchingGames()
    {
        var catalogue = await CatalogueModel.LoadAsync(synthetic.ConnectionString, TestContext.Current.CancellationToken);
        var http = synthetic.Api.CreateClient();
        var nonEmpty = 0;
        var effectiveNonEmpty = 0;

        await Gen.Int[0, int.MaxValue].SampleAsync(async seed =>
        {
            var filter = FilterCase.Create(seed, catalogue);
            var expected = catalogue.Where(filter.Matches).Select(g => g.Slug).Order(StringComparer.Ordinal).ToList();
            var actual = await AllPagesAsync(http, filter.Query);
            Assert.True(expected.SequenceEqual(actual.Order(StringComparer.Ordinal)),
                $"{filter.Query}: expected {expected.Count}, got {actual.Count}; missing [{string.Join(", ", expected.Except(actual).Take(5))}], " +
                $"extra [{string.Join(", ", actual.Except(expected).Take(5))}]");
            if (expected.Count > 0) Interlocked.Increment(ref nonEmpty);
            if (expected.Count > 0 && filter.Effective) Interlocked.Increment(ref effectiveNonEmpty);
        }, iter: 80, threads: 1, print: seed => FilterCase.Create(seed, catalogue).Query);

        // Random filters that always came back empty would prove nothing.
        Assert.True(nonEmpty >= 30, $"only {nonEmpty} of 80 combinations matched anything");
        Assert.True(effectiveNonEmpty >= 8, $"only {effectiveNonEmpty} effective-mode combinations matched anything");
    }

    private static async Task<List<string>> AllPagesAsync(HttpClient http, string query)
    {
        var slugs = new List<string>();
        string? href = $"/v1/games?limit=100&{query}";
        var total = -1;
        while (href is not null)
        {
            using var page = await http.GetJsonAsync(href);
            if (total < 0) total = page.RootElement.GetProperty("meta").GetProperty("total").GetInt32();
            slugs.AddRange(page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!));
            var next = page.RootElement.GetProperty("_links").GetProperty("next");
            href = next.ValueKind == JsonValueKind.Null ? null : next.GetProperty("href").GetString();
        }
        Assert.Equal(total, slugs.Count);
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        return slugs;
    }
}
