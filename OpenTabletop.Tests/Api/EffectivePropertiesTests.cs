using System.Net;
using System.Text.Json;
using OpenTabletop.MigrationService.Seeding;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api;

public sealed class EffectivePropertiesTests(PostgresFixture postgres) : SampleApiTests(postgres)
{
    private const string AllThree = "spirit-island-branch-and-claw,spirit-island-jagged-earth,spirit-island-nature-incarnate";

    [Fact]
    public async Task ExplicitCombinationMatchesTheSpecExample()
    {
        var example = (Dictionary<object, object>)((Dictionary<object, object>)SpecFiles.ReadYaml("spec/examples/effective-properties.yaml")!)["value"];
        // Order in `with` does not matter: the combination is an exact set.
        using var body = await Http.GetJsonAsync($"/v1/games/spirit-island/effective-properties?with={string.Join(',', AllThree.Split(',').Reverse())}");

        var root = body.RootElement;
        Assert.Equal("explicit", root.GetProperty("combination_source").GetString());
        Assert.Equal(((List<object>)example["applied_expansions"]).Cast<string>().Order(), root.GetProperty("applied_expansions").EnumerateArray().Select(e => e.GetString()).Order());
        var effective = (Dictionary<object, object>)example["effective"];
        foreach (var field in new[] { "min_players", "max_players", "min_playtime_minutes", "max_playtime_minutes", "weight" })
        {
            Assert.Equal(decimal.Parse((string)effective[field], System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("effective").GetProperty(field).GetDecimal());
        }
        Assert.Equal(((List<object>)effective["best_at"]).Cast<string>().Select(int.Parse), root.GetProperty("effective").GetProperty("best_at").EnumerateArray().Select(e => e.GetInt32()));
        var baseExample = (Dictionary<object, object>)example["base"];
        foreach (var field in new[] { "min_players", "max_players", "min_playtime_minutes", "max_playtime_minutes", "weight" })
        {
            Assert.Equal(decimal.Parse((string)baseExample[field], System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("base").GetProperty(field).GetDecimal());
        }
        // Individual effects are shown even when the explicit tier answers.
        foreach (var (slug, effect) in (Dictionary<object, object>)example["individual_effects"])
        {
            var actual = root.GetProperty("individual_effects").GetProperty((string)slug);
            foreach (var (field, value) in ((Dictionary<object, object>)effect).Where(kv => (string)kv.Key != "description"))
            {
                Assert.Equal(decimal.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture), actual.GetProperty((string)field).GetDecimal());
            }
        }
        Assert.Equal("canonical", root.GetProperty("edition_source").GetString());
    }

    [Fact]
    public async Task SingleExpansionIsComputedFromItsDeltas()
    {
        using var body = await Http.GetJsonAsync("/v1/games/spirit-island/effective-properties?with=spirit-island-jagged-earth");

        var effective = body.RootElement.GetProperty("effective");
        Assert.Equal("computed", body.RootElement.GetProperty("combination_source").GetString());
        Assert.Equal(6, effective.GetProperty("max_players").GetInt32());
        Assert.Equal(4.07m, effective.GetProperty("weight").GetDecimal());
        Assert.Equal(150, effective.GetProperty("max_playtime_minutes").GetInt32());
    }

    [Fact]
    public async Task NoExpansionsMeansBaseOnly()
    {
        using var body = await Http.GetJsonAsync("/v1/games/spirit-island/effective-properties");

        Assert.Equal("base_only", body.RootElement.GetProperty("combination_source").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("applied_expansions").GetArrayLength());
        Assert.Equal(body.RootElement.GetProperty("base").GetRawText(), body.RootElement.GetProperty("effective").GetRawText());
    }

    [Fact]
    public async Task AnEditionsDeltaAppliesBeforeTheExpansions()
    {
        using var editions = await Http.GetJsonAsync("/v1/games/spirit-island/editions");
        var revised = editions.RootElement.GetProperty("editions")[1].GetProperty("id").GetString();

        using var body = await Http.GetJsonAsync($"/v1/games/spirit-island/effective-properties?edition={revised}&with=spirit-island-jagged-earth");

        Assert.Equal("explicit", body.RootElement.GetProperty("edition_source").GetString());
        Assert.Equal(revised, body.RootElement.GetProperty("edition_id").GetString());
        Assert.Equal(110, body.RootElement.GetProperty("base").GetProperty("max_playtime_minutes").GetInt32());
        Assert.Equal(3.81m, body.RootElement.GetProperty("base").GetProperty("weight").GetDecimal());
        Assert.Equal(140, body.RootElement.GetProperty("effective").GetProperty("max_playtime_minutes").GetInt32());
        Assert.Equal(4.02m, body.RootElement.GetProperty("effective").GetProperty("weight").GetDecimal());
    }

    [Theory]
    [InlineData("?with=nonexistent-expansion", HttpStatusCode.NotFound, "Expansion 'nonexistent-expansion' not found for game 'spirit-island'.")]
    [InlineData("?with=terraforming-mars", HttpStatusCode.UnprocessableEntity, "'terraforming-mars' is not an expansion of 'spirit-island'.")]
    [InlineData("?edition=not-an-edition", HttpStatusCode.NotFound, "Edition 'not-an-edition' not found for game 'spirit-island'.")]
    public async Task BadExpansionsAndEditionsAreProblems(string query, HttpStatusCode status, string detail)
    {
        using var response = await Http.GetAsync($"/v1/games/spirit-island/effective-properties{query}", TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
    }
}
