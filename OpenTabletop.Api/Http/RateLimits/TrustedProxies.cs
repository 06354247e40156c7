using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.RateLimits;

/// <summary>
/// TRUSTED_PROXIES: the proxies (addresses or CIDR networks, comma-separated) whose X-Forwarded-For
/// names the client. From anyone else the header is ignored and the connection's address is the
/// client's, so a caller cannot pick its own rate-limit bucket. Empty by default: none, not even
/// loopback (ASP.NET Core's own default trusts loopback). With none, the forwarded-headers middleware
/// does not run at all: given no known proxy it would trust every one.
/// </summary>
public static class TrustedProxies
{
    public const string Variable = "TRUSTED_PROXIES";

    /// <summary>True when TRUSTED_PROXIES names any proxy (and is valid).</summary>
    public static bool Any(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions();
        Configure(options, configuration);
        return options.KnownProxies.Count + options.KnownIPNetworks.Count > 0;
    }

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Every hop through a trusted proxy is unwrapped, up to the first address that is not one.
        options.ForwardLimit = null;
        foreach (var entry in (configuration[Variable] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new ConfigurationException(Variable, $"must be addresses or CIDR networks separated by commas; '{entry}' is neither.");
        }
    }
}
