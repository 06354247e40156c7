using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTabletop.Data;

namespace OpenTabletop.Bench;

/// <summary>
/// Obtains the SQL of the API's EF Core queries by running them once through a DbContext registered
/// exactly as the API registers it (<see cref="DatabaseExtensions.AddOpenTabletopDatabase"/>), with an
/// interceptor that records what EF sends.
/// </summary>
internal sealed class CommandCapture : DbCommandInterceptor, IAsyncDisposable
{
    private readonly List<CapturedCommand> _commands = [];
    private readonly IHost _host;

    public CommandCapture(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:opentabletop"] = connectionString;
        builder.AddOpenTabletopDatabase("opentabletop");
        builder.Services.ConfigureDbContext<OpenTabletopDbContext>(options => options.AddInterceptors(this));
        _host = builder.Build();
    }

    /// <summary>Runs <paramref name="query"/> and returns the one command it sent.</summary>
    public async Task<CapturedCommand> OneCommandAsync(Func<OpenTabletopDbContext, Task> query)
    {
        _commands.Clear();
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await query(scope.ServiceProvider.GetRequiredService<OpenTabletopDbContext>());
        }
        return _commands.Count == 1
            ? _commands[0]
            : throw new InvalidOperationException($"Expected the query to send one command; EF Core sent {_commands.Count}.");
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Add(new CapturedCommand(command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
    }
}
