using System.Collections.Concurrent;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>What the machine offers to run servers with; an interface so provider selection can be tested.</summary>
public interface IToolAvailability
{
    /// <summary>The first of <paramref name="preferred"/> (or docker, then podman) whose <c>info</c> command succeeds.</summary>
    Task<string?> FindContainerRuntimeAsync(string? preferred, CancellationToken cancellationToken);

    PostgresBinaries? FindPostgres(string? configuredDirectory);

    string? FindRedisServer();
}

public sealed class SystemToolAvailability(ICommandLocator? locator = null) : IToolAvailability
{
    private readonly ICommandLocator _locator = locator ?? PathCommandLocator.Instance;
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _runtimeAnswers = new();

    public async Task<string?> FindContainerRuntimeAsync(string? preferred, CancellationToken cancellationToken)
    {
        foreach (var runtime in preferred is { Length: > 0 } ? [preferred] : new[] { "docker", "podman" })
        {
            // A CLI with no engine behind it (docker installed, daemon down) fails `info`: no runtime.
            var answers = _runtimeAnswers.GetOrAdd(runtime, name => new Lazy<Task<bool>>(() => AnswersAsync(name)));
            if (await answers.Value.WaitAsync(cancellationToken))
            {
                return runtime;
            }
        }

        return null;
    }

    public PostgresBinaries? FindPostgres(string? configuredDirectory) => PostgresBinaries.Find(configuredDirectory, _locator);

    public string? FindRedisServer() => _locator.Find("redis-server");

    private async Task<bool> AnswersAsync(string runtime)
    {
        if (_locator.Find(runtime) is null)
        {
            return false;
        }

        try
        {
            var exitCode = await ChildProcess.RunAsync(
                new ChildProcessSpec(runtime, ["info"]), new ResourceLog(runtime), TimeSpan.FromSeconds(15), CancellationToken.None);
            return exitCode == 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }
}
