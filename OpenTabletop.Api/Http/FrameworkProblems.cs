using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace OpenTabletop.Api.Http;

/// <summary>
/// What the framework's own errors say: a route value or body that does not bind, a body that is not JSON, the wrong
/// content type, a body over the limit, an unknown route or method. The framework reports them as bare status codes
/// or as <see cref="BadHttpRequestException"/>s whose messages name CLR types; these are the problems' details
/// and field errors in the wire's vocabulary instead.
/// </summary>
internal static partial class FrameworkProblems
{
    /// <summary>For the exception handler: a bad request keeps its own status (400, 413, 415), anything else is a 500.</summary>
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when DatabaseOutage.Is(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A client's mistake is not the server's error: no error log, no exception metric.</summary>
    public static bool IsClientError(Exception exception) => exception is BadHttpRequestException;

    /// <summary>Fills the detail (and field errors) of a problem the framework raised; a handler's own problem already has them.</summary>
    public static void Describe(ProblemDetailsContext context, int status)
    {
        var problem = context.ProblemDetails;
        string? detail;
        FieldError? error;
        if (context.Exception is BadHttpRequestException bad)
        {
            (detail, error) = Explain(bad, status, context.HttpContext);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable && DatabaseOutage.Is(context.Exception))
        {
            context.HttpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            (detail, error) = (DatabaseOutage.Detail, null);
        }
        else if (problem.Detail is null)
        {
            // Statuses the framework sets without an exception: routing's 404 and 405, and the body reader's 413 (it
            // catches Kestrel's "request body too large" itself and answers with the bare status).
            (detail, error) = Explain(status, context.HttpContext);
            detail ??= problem.Title;
        }
        else
        {
            return;
        }
        problem.Detail = detail;
        if (error is not null) problem.Extensions["errors"] = new[] { error };
    }

    private static (string? Detail, FieldError? Error) Explain(int status, HttpContext context)
    {
        var request = context.Request;
        switch (status)
        {
            case StatusCodes.Status404NotFound:
                return ($"There is no resource at {request.Path}.", null);
            case StatusCodes.Status405MethodNotAllowed:
                return ($"{request.Method} is not allowed on {request.Path}.", null);
            case StatusCodes.Status413PayloadTooLarge:
                var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                return ($"The request body is larger than the limit of {limit?.ToString(CultureInfo.InvariantCulture) ?? "the server's"} bytes.", null);
            case StatusCodes.Status415UnsupportedMediaType:
                return ($"The request body must be JSON (Content-Type: application/json), not '{request.ContentType}'.",
                    new FieldError("Content-Type", "Send application/json.", "unsupported_media_type"));
            default:
                return (null, null);
        }
    }

    private static (string Detail, FieldError? Error) Explain(BadHttpRequestException bad, int status, HttpContext context)
    {
        if (status is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
            && Explain(status, context) is ({ } known, var knownError))
            return (known, knownError);
        if (bad.InnerException is JsonException json) return Explain(json);
        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return ("The request has invalid parameters.",
                new FieldError(name, $"'{bind.Groups["value"].Value}' is not a valid {JsonKind(bind.Groups["type"].Value) ?? "value"}.", "invalid_type"));
        }
        if (MissingBody().IsMatch(bad.Message))
            return ("The request needs a JSON body.", new FieldError("body", "A JSON body is required.", "required"));
        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
            return ("The request has invalid parameters.", new FieldError(missing.Groups["name"].Value, "This parameter is required.", "required"));
        return ("The request could not be read.", null);
    }

    /// <summary>Where the JSON broke (line and position as a person counts them) and the field, in dot notation.</summary>
    private static (string Detail, FieldError Error) Explain(JsonException json)
    {
        var field = json.Path is null or "$" ? "body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path[1..];
        var where = json.LineNumber is { } line
            ? $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})"
            : "";
        if (WrongType().Match(json.Message) is { Success: true } wrongType)
        {
            // For a constructor parameter the reader names the record, not the parameter's type: then only "wrong type".
            var expected = JsonKind(wrongType.Groups["type"].Value) is { } kind
                ? $"Must be {(kind[0] is 'a' or 'i' ? "an" : "a")} {kind}."
                : "The value has the wrong type.";
            return ($"The request body has a value of the wrong type at {field}{where}.", new FieldError(field, expected, "invalid_type"));
        }
        if (MissingProperties().Match(json.Message) is { Success: true } missing)
        {
            var names = missing.Groups["names"].Value;
            return ($"The request body lacks required properties: {names}.", new FieldError(field, $"Required: {names}.", "required"));
        }
        // The reader's own words, without its location suffix (said above in people's numbering) and type names.
        var reason = Location().Replace(json.Message, "").Trim();
        if (reason.Contains("System.", StringComparison.Ordinal)) reason = "Malformed JSON.";
        return ($"The request body is not valid JSON{where}: {reason}", new FieldError(field, reason, "invalid_json"));
    }

    /// <summary>A CLR type as the kind of JSON value it reads, or null for a type that is not a simple value.</summary>
    private static string? JsonKind(string clrType)
    {
        var name = clrType.TrimEnd('?');
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "int" or "Int32" or "long" or "Int64" or "short" or "Int16" or "byte" or "Byte" => "integer",
            "decimal" or "Decimal" or "double" or "Double" or "float" or "Single" => "number",
            "bool" or "Boolean" => "boolean",
            "string" or "String" => "string",
            "Guid" => "UUID",
            "DateTime" or "DateTimeOffset" => "date-time",
            "DateOnly" => "date",
            _ when name.EndsWith("[]", StringComparison.Ordinal) || name.StartsWith("List`", StringComparison.Ordinal)
                || name.StartsWith("IReadOnlyList`", StringComparison.Ordinal) => "array",
            _ => null,
        };
    }

    // The framework's messages (RequestDelegateFactory, System.Text.Json); an unrecognised one falls back to a generic detail.
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^(Implicit body inferred for parameter|Required parameter \"[^\"]+\" was not provided from body)")]
    private static partial Regex MissingBody();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" was not provided")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("could not be converted to (?<type>[^ ]+?)\\.( Path:|$)")]
    private static partial Regex WrongType();

    [GeneratedRegex("missing required properties,? including: (?<names>.+?)\\.?( Path:|$)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(" ?(Path: .*|LineNumber: .*)$", RegexOptions.Singleline)]
    private static partial Regex Location();
}
