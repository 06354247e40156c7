using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTabletop.Api.Export;
using OpenTabletop.Tests.Fixtures;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Api.Export;

/// <summary>
/// The synthetic catalogue of <see cref="SyntheticApi"/> served by an Api whose export quota does not
/// get in the way of a test class that exports many times.
/// </summary>
public sealed class ExportCatalogue(PostgresFixture postgres) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public ApiFactory Api { get; private set; } = null!;

    internal ExportMetrics Metrics => Api.Services.GetRequiredService<ExportMetrics>();

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await SyntheticApi.SeedCatalogueAsync(postgres, TestContext.Current.CancellationToken);
        // Small socket buffers on the server's side too (accepted sockets inherit them from the listener): the
        // kernel's autotuned send buffer would otherwise take megabytes, the whole of a test-sized export.
        Api = ApiFactory.StartWith(ConnectionString,
            host => host.ConfigureServices(services => services.Configure<SocketTransportOptions>(options =>
                options.CreateBoundListenSocket = endpoint =>
                {
                    var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                    socket.SendBufferSize = 16 * 1024;
                    return socket;
                })),
            ("EXPORT_RATE_LIMIT_PER_HOUR", "1000"));
    }

    /// <summary>A <see cref="SlowReading.Client"/> of this Api.</summary>
    public HttpClient SlowReadingClient()
    {
        var address = Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return SlowReading.Client(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();
}
