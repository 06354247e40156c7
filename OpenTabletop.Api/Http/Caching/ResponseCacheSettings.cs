using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.Caching;

/// <summary>
/// RESPONSE_CACHE_SECONDS (default 300, 0 = off): how long a cached answer may serve. Entries are keyed
/// by the data version too, so a Materializer run or a seed retires them at once; the lifetime only
/// bounds what a hand edit that forgot bump_data_version() can leave stale.
/// </summary>
public sealed record ResponseCacheSettings(TimeSpan Lifetime)
{
    public const string Variable = "RESPONSE_CACHE_SECONDS";

    /// <summary>Larger answers (a list of 100 games with includes) are not worth the cache's memory.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public bool Enabled => Lifetime > TimeSpan.Zero;

    public static ResponseCacheSettings From(IConfiguration configuration) =>
        new(TimeSpan.FromSeconds(WholeNumberSetting.Read(configuration, Variable, 300, 0, 86_400, "seconds")));
}
