using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using OpenTabletop.Api.Games.Listing;

namespace OpenTabletop.Bench;

/// <summary>
/// A GET /v1/games query string as the endpoint binds it: each constructor parameter of
/// <see cref="GameListParameters"/> takes the value of the query key its [FromQuery(Name)] names, so
/// filters added to the record are picked up without touching the benchmark.
/// </summary>
internal static class ListQuery
{
    private static readonly ConstructorInfo Constructor =
        typeof(GameListParameters).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();

    private static readonly string[] Keys =
        [.. Constructor.GetParameters().Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!)];

    /// <summary>The bound parameters, and the query keys this build of the API does not know (it ignores them).</summary>
    public static (GameListParameters Parameters, IReadOnlyList<string> Unknown) Bind(string queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        var arguments = Keys.Select(key => query.TryGetValue(key, out var value) ? (object?)value.ToString() : null).ToArray();
        var unknown = query.Keys.Where(key => !Keys.Contains(key)).Order(StringComparer.Ordinal).ToList();
        return ((GameListParameters)Constructor.Invoke(arguments), unknown);
    }
}
