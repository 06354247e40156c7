using System.Globalization;

namespace OpenTabletop.Bench;

/// <summary>The command line. Every figure has a default; --api and --db are required.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        OpenTabletop.Bench --api URL --db CONNECTION_STRING [options]
          --api URL              the running API, e.g. http://127.0.0.1:5080
          --db CONNSTR           its database (Npgsql connection string), for the direct-SQL ceiling and EXPLAIN
          --concurrency N        concurrent workers per phase (default 16)
          --duration S           measured seconds per phase (default 20)
          --warmup S             warm-up seconds before each phase, not recorded (default 5)
          --max-requests N       request budget per phase (default 1000000)
          --rounds N             repeat every phase N times; figures are the medians (default 1)
          --scenarios a,b        run a subset (default: all; see --list)
          --seed N               seed of the query mix (default 42)
          --mix N                distinct requests per scenario (default 500)
          --timeout S            per HTTP request (default 30)
          --api-key KEY          sent as X-API-Key (for when rate limits apply)
          --commit SHA           recorded in the results
          --out DIR              where <timestamp>.json and .md go (default bench/results)
          --list                 print the scenarios and exit
        """;

    public Uri? Api { get; init; }
    public string? Db { get; init; }
    public int Concurrency { get; init; } = 16;
    public double DurationSeconds { get; init; } = 20;
    public double WarmupSeconds { get; init; } = 5;
    public long MaxRequests { get; init; } = 1_000_000;
    public int Rounds { get; init; } = 1;
    public IReadOnlyList<string> Scenarios { get; init; } = [.. ScenarioBuilder.All.Select(s => s.Name)];
    public int Seed { get; init; } = 42;
    public int MixSize { get; init; } = 500;
    public double TimeoutSeconds { get; init; } = 30;
    public string? ApiKey { get; init; }
    public string? Commit { get; init; }
    public string OutputDirectory { get; init; } = "bench/results";
    public bool ListOnly { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--list")
            {
                options = options with { ListOnly = true };
                continue;
            }
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            options = name switch
            {
                "--api" => options with { Api = new Uri(value) },
                "--db" => options with { Db = value },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--duration" => options with { DurationSeconds = Seconds(name, value) },
                "--warmup" => options with { WarmupSeconds = Seconds(name, value, allowZero: true) },
                "--max-requests" => options with { MaxRequests = Positive(name, value) },
                "--rounds" => options with { Rounds = Positive(name, value) },
                "--scenarios" => options with { Scenarios = ScenarioNames(value) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--mix" => options with { MixSize = Positive(name, value) },
                "--timeout" => options with { TimeoutSeconds = Seconds(name, value) },
                "--api-key" => options with { ApiKey = value },
                "--commit" => options with { Commit = value },
                "--out" => options with { OutputDirectory = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (!options.ListOnly && (options.Api is null || options.Db is null)) throw new ArgumentException("--api and --db are required");
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{name} must be a whole number above 0, not '{value}'");

    private static double Seconds(string name, string value, bool allowZero = false) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && (s > 0 || (allowZero && s == 0))
            ? s : throw new ArgumentException($"{name} must be a number of seconds{(allowZero ? "" : " above 0")}, not '{value}'");

    private static List<string> ScenarioNames(string csv)
    {
        var names = csv.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var unknown = names.Where(n => ScenarioBuilder.All.All(s => s.Name != n)).ToList();
        return unknown.Count == 0 && names.Count > 0
            ? names
            : throw new ArgumentException($"unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ScenarioBuilder.All.Select(s => s.Name))}");
    }
}
