using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenTabletop.Api.Games.Includes;
using OpenTabletop.Api.Games.Listing;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Http.Paging;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Games.Expansions;

public static class ExpansionsApi
{
    public static RouteGroupBuilder MapExpansions(this RouteGroupBuilder games)
    {
        games.MapGet("/{id}/expansions", ListExpansions)
            .WithName("listGameExpansions")
            .WithSummary("List expansions for a game")
            .WithTags("Games", "Expansions")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        return games;
    }

    internal static async Task<Results<Ok<Page<GameResponse>>, ProblemHttpResult>> ListExpansions(
        string id,
        [FromQuery(Name = "type")] string? type,
        [FromQuery(Name = "sort")] string? sort,
        [FromQuery(Name = "order")] string? order,
        [FromQuery(Name = "cursor")] string? cursor,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "include")] string? include,
        HttpRequest request, OpenTabletopDbContext db, GamePageQuery games, GameIncludeLoader includes, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (type is not null && !ExpansionMembership.Types.Contains(type))
        {
            errors.Add(new("type", $"type must be one of: {string.Join(", ", ExpansionMembership.Types)}.", "invalid_enum"));
        }
        var page = PageRequest.Parse(limit, sort, order, cursor, [.. GameSorts.Keys.Keys], GameSorts.Default, "asc",
            $"expansions|{id}|{type}", errors);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);

        var (parent, missing) = await GameSubresources.ResolveAsync(db, id, ct);
        if (parent is null) return missing!;

        var filter = new GameFilterSql();
        filter.AddSql(ExpansionMembership.Predicate("g", filter.Parameter(parent.Id)));
        if (type is not null) filter.Add("g.type = ?", type);
        return await PagedList.RunAsync(request, page, async () =>
        {
            var result = await games.ExecuteAsync(filter, page, ct);
            var rows = await includes.ApplyAsync(result.Rows, GameIncludes.Parse(include), ct);
            return result with { Rows = [.. rows.Select(g => ExpansionLinks.WithParent(g, parent.Slug, parent.Name))] };
        });
    }
}
