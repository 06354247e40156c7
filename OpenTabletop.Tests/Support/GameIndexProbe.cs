using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTabletop.Api.Games.Listing.InMemory;

namespace OpenTabletop.Tests.Support;

/// <summary>Waits until an Api's in-memory game index holds the database's current generation.</summary>
public static class GameIndexProbe
{
    internal static GameIndex IndexOf(ApiFactory api) => api.Services.GetRequiredService<GameIndex>();

    public static async Task CaughtUpAsync(ApiFactory api, string connectionString)
    {
        var ct = TestContext.Current.CancellationToken;
        var index = IndexOf(api);
        long generation;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT generation FROM game_facets_generation", connection);
            generation = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        var loaded = await Deadline.PollAsync(
            () =>
            {
                index.RequestReload();
                return Task.FromResult(index.Current?.Generation);
            },
            g => g >= generation, TimeSpan.FromSeconds(60), ct);
        Assert.True(loaded >= generation, $"the game index stayed at generation {loaded?.ToString() ?? "none"}; the database is at {generation}");
    }
}
