using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsvHelper;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Export;

/// <summary>A whole JSONL export as the client received it: headers, the manifest line and one line per game.</summary>
public sealed record JsonLinesExport(HttpResponseHeaders Headers, HttpContentHeaders Content, string Manifest, List<string> Lines);

/// <summary>A whole CSV export: headers, the header row and the rows, parsed back by an RFC 4180 reader.</summary>
public sealed record CsvExport(HttpResponseHeaders Headers, HttpContentHeaders Content, string Raw, string[] Columns, List<string[]> Rows);

/// <summary>Reads exports back and compares them with what the API's own paged list says for the same parameters.</summary>
public static class ExportReading
{
    public static async Task<JsonLinesExport> ReadJsonLinesAsync(this HttpClient http, string query)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await http.GetAsync($"/v1/export/games?format=jsonl&{query}", HttpCompletionOption.ResponseHeadersRead, ct);
        await AssertOkAsync(response, query);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var manifest = await reader.ReadLineAsync(ct) ?? throw new InvalidDataException("The export is empty: no manifest line.");
        var lines = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line) lines.Add(line);
        return new JsonLinesExport(response.Headers, response.Content.Headers, manifest, lines);
    }

    public static async Task<CsvExport> ReadCsvAsync(this HttpClient http, string query)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await http.GetAsync($"/v1/export/games?format=csv&{query}", ct);
        await AssertOkAsync(response, query);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ',', HasHeader = true });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "")]);
        return new CsvExport(response.Headers, response.Content.Headers, System.Text.Encoding.UTF8.GetString(bytes), [.. csv.Headers], rows);
    }

    /// <summary>Every game of GET /v1/games for the query, following _links.next 100 at a time.</summary>
    public static async Task<(List<JsonElement> Games, JsonElement FirstPage)> ListAllAsync(this HttpClient http, string query)
    {
        var games = new List<JsonElement>();
        JsonElement? first = null;
        string? href = $"/v1/games?limit=100&{query}";
        while (href is not null)
        {
            using var page = await http.GetJsonAsync(href);
            first ??= page.RootElement.Clone();
            games.AddRange(page.RootElement.GetProperty("data").EnumerateArray().Select(g => g.Clone()));
            var next = page.RootElement.GetProperty("_links").GetProperty("next");
            href = next.ValueKind == JsonValueKind.Null ? null : next.GetProperty("href").GetString();
        }
        return (games, first!.Value);
    }

    /// <summary>Same games, same order, each line byte for byte the list's item; the counts agree everywhere.</summary>
    public static void AssertSameGames(JsonLinesExport export, IReadOnlyList<JsonElement> listed)
    {
        using var manifest = JsonDocument.Parse(export.Manifest);
        Assert.Equal(listed.Count, manifest.RootElement.GetProperty("row_count").GetInt32());
        Assert.Equal(listed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(export.Headers, "X-Export-Row-Count"));
        Assert.Equal(Slugs(listed), export.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("slug").GetString()!).ToList());
        for (var i = 0; i < listed.Count; i++) Assert.Equal(listed[i].GetRawText(), export.Lines[i]);
    }

    /// <summary>Same games, same order, every column the list's value of the same (dotted) name, flattened as the README says.</summary>
    public static void AssertSameGames(CsvExport export, IReadOnlyList<JsonElement> listed)
    {
        Assert.Equal(listed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(export.Headers, "X-Export-Row-Count"));
        Assert.Equal(Slugs(listed), export.Rows.Select(r => r[Array.IndexOf(export.Columns, "slug")]).ToList());
        for (var i = 0; i < listed.Count; i++)
        {
            for (var c = 0; c < export.Columns.Length; c++)
            {
                var expected = Flattened(listed[i], export.Columns[c]);
                if (expected != export.Rows[i][c])
                    Assert.Fail($"row {i + 1} ({Slugs(listed)[i]}), column {export.Columns[c]}: CSV '{export.Rows[i][c]}', list '{expected}'");
            }
        }
    }

    public static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static List<string> Slugs(IEnumerable<JsonElement> games) => [.. games.Select(g => g.GetProperty("slug").GetString()!)];

    /// <summary>
    /// A Game's value for a CSV column: the dotted path into the JSON; arrays pipe-delimited (objects in them by
    /// slug), the map as slug:value pairs in key order, null or absent as an empty field.
    /// </summary>
    public static string Flattened(JsonElement game, string column)
    {
        var node = game;
        foreach (var part in column.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node)) return "";
        }
        return Flat(node);
    }

    private static string Flat(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join("|", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? e.GetProperty("slug").GetString() : Flat(e))),
        _ => string.Join("|", value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}:{Flat(p.Value)}")),
    };

    private static async Task AssertOkAsync(HttpResponseMessage response, string query)
    {
        if (response.StatusCode == HttpStatusCode.OK) return;
        Assert.Fail($"export of '{query}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }
}
