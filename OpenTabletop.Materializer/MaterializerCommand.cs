using OpenTabletop.Materializer.Runs;
using OpenTabletop.Materializer.Verify;

namespace OpenTabletop.Materializer;

/// <summary>The process's modes, from its command line: the worker (default), <c>--once</c> or <c>--verify</c>.</summary>
internal enum MaterializerMode
{
    Worker,
    Once,
    Verify,
}

/// <summary>
/// The one-shot modes and their exit codes.
/// <list type="bullet">
/// <item><c>--once</c> (a Kubernetes CronJob): 0 the run succeeded; 1 a configuration error (at boot);
/// 2 the run failed (rolled back); 3 skipped, another run holds the lock; 4 cancelled (SIGTERM), rolled back.</item>
/// <item><c>--verify</c>: 0 no drift; 1 minor drift (every differing number within 0.1 %); 2 major drift;
/// 3 an error (configuration included).</item>
/// </list>
/// </summary>
internal static class MaterializerCommand
{
    public const int OnceSucceeded = 0, OnceFailed = 2, OnceSkipped = 3, OnceCancelled = 4;
    public const int VerifyError = 3;

    /// <summary>The mode, and the arguments left for the host's configuration.</summary>
    public static (MaterializerMode Mode, string[] Remaining) Parse(string[] args)
    {
        var once = args.Contains("--once");
        var verify = args.Contains("--verify");
        var rest = args.Where(a => a is not "--once" and not "--verify").ToArray();
        if (once && verify)
        {
            throw new OpenTabletop.ServiceDefaults.ConfigurationException("the command line", "takes --once or --verify, not both.");
        }
        return (once ? MaterializerMode.Once : verify ? MaterializerMode.Verify : MaterializerMode.Worker, rest);
    }

    public static async Task<int> OnceAsync(IServiceProvider services, CancellationToken ct)
    {
        RunOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<RunCoordinator>().RunNowAsync(RunTrigger.Once, "--once", ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return OnceCancelled;
        }
        catch (Exception e)
        {
            // Before a run could start or be recorded (the database unreachable, say).
            services.GetRequiredService<ILogger<RunCoordinator>>().LogError(e, "Materialization could not run: {Reason}", e.Message);
            return OnceFailed;
        }
        return outcome.Status switch
        {
            RunStatus.Succeeded => OnceSucceeded,
            RunStatus.Skipped => OnceSkipped,
            RunStatus.Cancelled => OnceCancelled,
            _ => OnceFailed,
        };
    }

    public static async Task<int> VerifyAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILogger<DriftCheck>>();
        try
        {
            var report = await services.GetRequiredService<DriftCheck>().RunAsync(ct);
            foreach (var line in DriftCheck.Describe(report))
            {
                // stdout for scripts and operators; the log for the collector.
                Console.Out.WriteLine(line);
                logger.LogInformation("{Line}", line);
            }
            return report.ExitCode;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Verify failed: {Reason}", e.Message);
            Console.Error.WriteLine($"Verify failed: {e.Message}".ReplaceLineEndings(" "));
            return VerifyError;
        }
    }
}
