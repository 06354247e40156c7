using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenTabletop.Api.Http;

/// <summary>RFC 9457 problems with the type URIs, titles and extensions of SPEC-DECISIONS.md.</summary>
public static class Problems
{
    public const string TypeBase = "https://api.opentabletop.org/problems/";

    private static readonly Dictionary<int, (string Kind, string Title)> Kinds = new()
    {
        [400] = ("validation-error", "Validation Error"),
        [401] = ("unauthorized", "Unauthorized"),
        [403] = ("forbidden", "Forbidden"),
        [404] = ("not-found", "Not Found"),
        [405] = ("method-not-allowed", "Method Not Allowed"),
        [409] = ("conflict", "Conflict"),
        [410] = ("gone", "Gone"),
        [413] = ("payload-too-large", "Payload Too Large"),
        [415] = ("unsupported-media-type", "Unsupported Media Type"),
        [422] = ("unprocessable", "Unprocessable Entity"),
        [429] = ("rate-limited", "Rate Limit Exceeded"),
        [500] = ("internal", "Internal Server Error"),
        [501] = ("not-implemented", "Not Implemented"),
        [503] = ("unavailable", "Service Unavailable"),
    };

    public static ProblemHttpResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Gone(string detail) => Create(StatusCodes.Status410Gone, detail);

    public static ProblemHttpResult Create(int status, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var (kind, title) = KindOf(status);
        var extensions = new Dictionary<string, object?>();
        if (errors is { Count: > 0 }) extensions["errors"] = errors;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + kind, extensions: extensions);
    }

    /// <summary>Fills what every problem carries, including the ones the framework writes (404 routes, 500s).</summary>
    internal static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (kind, title) = KindOf(status);
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = TypeBase + kind;
            problem.Title = title;
        }
        // The spec types instance as an absolute URI: the request's own URL.
        problem.Instance ??= Microsoft.AspNetCore.Http.Extensions.UriHelper.GetEncodedUrl(context.HttpContext.Request);
        problem.Extensions["trace_id"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
        problem.Extensions.Remove("traceId");
        FrameworkProblems.Describe(context, status);
        if (status == StatusCodes.Status500InternalServerError)
        {
            // Never leak exception text to clients; the trace id finds it in the logs.
            problem.Detail = "An unexpected error occurred.";
        }
    }

    private static (string Kind, string Title) KindOf(int status) =>
        Kinds.TryGetValue(status, out var known) ? known : (status >= 500 ? Kinds[500] : Kinds[400]);
}

/// <summary>One invalid input: dot-notation <c>field</c> (e.g. <c>filters.players.min</c>), message and a stable code.</summary>
public sealed record FieldError(string Field, string Message, string Code);
