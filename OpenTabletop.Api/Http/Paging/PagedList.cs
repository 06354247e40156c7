using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenTabletop.Api.Http.Paging;

/// <summary>The shared shape of a paginated list endpoint: validate, query, wrap in the envelope.</summary>
public static class PagedList
{
    public static async Task<Results<Ok<Page<T>>, ProblemHttpResult>> RespondAsync<T>(
        HttpRequest request, string? limit, string? sort, string? order, string? cursor,
        IReadOnlyCollection<string> sorts, string defaultSort, string fingerprint,
        Func<PageRequest, Task<KeysetPage<T>>> query)
    {
        var errors = new List<FieldError>();
        var page = PageRequest.Parse(limit, sort, order, cursor, sorts, defaultSort, "asc", fingerprint, errors);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.", errors);
        return await RunAsync(request, page, () => query(page));
    }

    /// <summary>Runs an already validated page request and wraps the result in the envelope.</summary>
    public static async Task<Results<Ok<Page<T>>, ProblemHttpResult>> RunAsync<T>(
        HttpRequest request, PageRequest page, Func<Task<KeysetPage<T>>> query, Func<KeysetPage<T>, Task<FilterSummary?>>? summary = null)
    {
        try
        {
            var result = await query();
            return TypedResults.Ok(result.ToPage(request, page.Limit, summary is null ? null : await summary(result)));
        }
        catch (Exception e) when (IsCursorFault(e))
        {
            return InvalidCursor();
        }
    }

    /// <summary>A well-formed cursor whose values have the wrong type or count for its sort key.</summary>
    public static bool IsCursorFault(Exception e) =>
        e is FormatException or Npgsql.PostgresException { SqlState: "42883" or "22P02" or "42804" };

    public static ProblemHttpResult InvalidCursor() => Problems.Create(StatusCodes.Status400BadRequest, "The request has invalid parameters.",
        [new("cursor", "cursor is not a cursor issued by this API.", "invalid_cursor")]);
}
