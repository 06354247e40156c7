using System.Globalization;
using OpenTabletop.Data;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>
/// The operator's key commands, run on the Api project with the Api's configuration
/// (<c>dotnet OpenTabletop.Api.dll keys ...</c>): create, list, revoke, rotate. Exit codes: 0 done,
/// 1 configuration error, 2 bad usage, 3 no such key.
/// </summary>
public static class KeysCommand
{
    public const string Usage = """
        usage: keys create --owner NAME [--scopes read,write,admin] [--not-before TIME] [--not-after TIME | --days N]
               keys list
               keys revoke KEY_ID
               keys rotate KEY_ID [--overlap-days N]   (default 7: the old key stays valid that long)
        TIME is ISO 8601 (UTC unless it says otherwise).
        """;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "keys";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var arguments = args.Skip(1).ToArray();
        ApiKeyStore store;
        try
        {
            var builder = WebApplication.CreateSlimBuilder([]);
            builder.AddOpenTabletopDatabase("opentabletop");
            builder.AddApiKeys();
            store = builder.Build().Services.GetRequiredService<ApiKeyStore>();
        }
        catch (Exception e) when (BootFailure.IsConfiguration(e))
        {
            return BootFailure.Exit(e);
        }

        try
        {
            return arguments switch
            {
                ["create", .. var rest] => await CreateAsync(store, Options(rest), output),
                ["list"] => await ListAsync(store, output),
                ["revoke", var id] => await RevokeAsync(store, ParseId(id), output, error),
                ["rotate", var id, .. var rest] => await RotateAsync(store, ParseId(id), Options(rest), output, error),
                _ => throw new UsageException("unknown or incomplete command"),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"keys: {e.Message}\n{Usage}");
            return 2;
        }
    }

    private static async Task<int> CreateAsync(ApiKeyStore store, Dictionary<string, string> options, TextWriter output)
    {
        var owner = options.GetValueOrDefault("owner") is { Length: > 0 } o ? o : throw new UsageException("--owner is required");
        var scopes = (options.GetValueOrDefault("scopes") ?? ApiClient.ReadScope).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scopes.Length == 0 || scopes.Any(s => !ApiKeyStore.AllScopes.Contains(s)))
        {
            throw new UsageException($"--scopes must be a comma-separated list of {string.Join(", ", ApiKeyStore.AllScopes)}");
        }
        var notBefore = options.TryGetValue("not-before", out var nb) ? Time(nb, "--not-before") : (DateTime?)null;
        DateTime? notAfter = options.TryGetValue("not-after", out var na) ? Time(na, "--not-after")
            : options.TryGetValue("days", out var days) ? DateTime.UtcNow.AddDays(Days(days, "--days")) : null;
        if (notAfter is { } end && end <= (notBefore ?? DateTime.UtcNow)) throw new UsageException("--not-after must be later than --not-before (and than now)");

        var created = await store.CreateAsync(owner, scopes, notBefore, notAfter, CancellationToken.None);
        await output.WriteLineAsync($"key:    {created.Plaintext}");
        await output.WriteLineAsync("        (shown once: only its hash is stored; hand it to its owner now)");
        await WriteAsync(output, created.Key);
        return 0;
    }

    private static async Task<int> ListAsync(ApiKeyStore store, TextWriter output)
    {
        var now = DateTime.UtcNow;
        await output.WriteLineAsync("id                                    prefix        owner                 scopes            state     not_after             last_used_at");
        foreach (var key in await store.ListAsync(CancellationToken.None))
        {
            var state = key.StateAt(now);
            await output.WriteLineAsync(string.Join("  ", key.Id.ToString("D"), key.Prefix.PadRight(12), Fit(key.Owner, 20), Fit(string.Join(",", key.Scopes), 16),
                state.PadRight(8), Stamp(key.NotAfter).PadRight(20), Stamp(key.LastUsedAt)));
        }
        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeyStore store, Guid id, TextWriter output, TextWriter error)
    {
        if (await store.RevokeAsync(id, CancellationToken.None) is not { } key) return await NotFoundAsync(error, id);
        await output.WriteLineAsync($"revoked {key.Id:D} ({key.Owner}) at {Stamp(key.RevokedAt)}; replicas stop accepting it within {ApiKeyVerifier.Remembered.TotalSeconds:0} s");
        return 0;
    }

    private static async Task<int> RotateAsync(ApiKeyStore store, Guid id, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var overlap = TimeSpan.FromDays(options.TryGetValue("overlap-days", out var days) ? Days(days, "--overlap-days") : 7);
        if (await store.RotateAsync(id, overlap, CancellationToken.None) is not { } created) return await NotFoundAsync(error, id);
        await output.WriteLineAsync($"key:    {created.Plaintext}");
        await output.WriteLineAsync("        (shown once: only its hash is stored; hand it to its owner now)");
        await WriteAsync(output, created.Key);
        await output.WriteLineAsync($"old key {id:D} stays valid until {Stamp(DateTime.UtcNow + overlap)} at the latest");
        return 0;
    }

    private static async Task<int> NotFoundAsync(TextWriter error, Guid id)
    {
        await error.WriteLineAsync($"keys: no valid key {id:D}");
        return 3;
    }

    private static async Task WriteAsync(TextWriter output, ApiKeyRecord key)
    {
        await output.WriteLineAsync($"id:     {key.Id:D}");
        await output.WriteLineAsync($"prefix: {key.Prefix}");
        await output.WriteLineAsync($"owner:  {key.Owner}");
        await output.WriteLineAsync($"scopes: {string.Join(",", key.Scopes)}");
        await output.WriteLineAsync($"valid:  {Stamp(key.NotBefore)} .. {(key.NotAfter is null ? "no end" : Stamp(key.NotAfter))}");
    }

    /// <summary>--name value pairs; anything else is a usage error.</summary>
    private static Dictionary<string, string> Options(string[] rest)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Length; i += 2)
        {
            if (!rest[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= rest.Length) throw new UsageException($"unexpected '{rest[i]}'");
            options[rest[i][2..]] = rest[i + 1];
        }
        return options;
    }

    private static Guid ParseId(string id) => Guid.TryParse(id, out var guid) ? guid : throw new UsageException($"'{id}' is not a key id (a UUID; see keys list)");

    private static DateTime Time(string value, string option) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time : throw new UsageException($"{option} must be an ISO 8601 time, not '{value}'");

    private static int Days(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3650
            ? days : throw new UsageException($"{option} must be a whole number of days from 1 to 3650, not '{value}'");

    private static string Stamp(DateTime? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static string Fit(string text, int width) => text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);

    private sealed class UsageException(string message) : Exception(message);
}
