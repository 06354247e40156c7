using Npgsql;
using OpenTabletop.AppHost.Hosting.Logging;
using OpenTabletop.AppHost.Hosting.Processes;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>
/// A PostgreSQL cluster run from the local server binaries over a data folder that survives restarts:
/// initdb on first use (scram-sha-256, generated password kept beside the data), then <c>postgres</c>
/// as a child process listening on 127.0.0.1 only, stopped with <c>pg_ctl stop -m fast</c>.
/// When we are root it all runs as an unprivileged system user that owns the data folder.
/// </summary>
public sealed class LocalPostgresServer : IRunningServer
{
    public const string SuperUser = "postgres";

    private readonly LocalPostgresOptions _options;
    private readonly PostgresBinaries _binaries;
    private readonly ResourceLog _log;
    private readonly string? _runAsUser;
    private readonly string _password;
    private ChildProcess? _process;

    private LocalPostgresServer(LocalPostgresOptions options, PostgresBinaries binaries, ResourceLog log, string? runAsUser, string password, int port)
    {
        _options = options;
        _binaries = binaries;
        _log = log;
        _runAsUser = runAsUser;
        _password = password;
        Port = port;
    }

    public string Provider => "local";

    public int Port { get; }

    public string ClusterDirectory => Path.Combine(_options.DataDirectory, "pgdata");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The postmaster's process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public string Description =>
        $"local PostgreSQL from {_binaries.BinDirectory} on 127.0.0.1:{Port}, data in {_options.DataDirectory}"
        + (_runAsUser is null ? "" : $", running as system user '{_runAsUser}'");

    /// <summary>Superuser connection without a database name, as Aspire's PostgreSQL resource gives it.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = _password,
    }.ConnectionString;

    private string PasswordPath => Path.Combine(_options.DataDirectory, "password");

    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions options, ResourceLog log, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find(options.BinDirectory)
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or in /usr/lib/postgresql/*/bin; "
                + "install PostgreSQL or configure AppHost:Postgres:BinDirectory.");

        var runAsUser = SystemUsers.IsRoot ? options.RootRunAsUser : null;
        if (runAsUser is not null && !await SystemUsers.ExistsAsync(runAsUser, cancellationToken))
        {
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root and there is no '{runAsUser}' system user to run it as; "
                + $"create one (useradd --system {runAsUser}) or run the AppHost as an ordinary user.");
        }

        Directory.CreateDirectory(options.DataDirectory);
        var password = PasswordFile.ReadOrCreate(Path.Combine(options.DataDirectory, "password"));
        var port = options.Port == 0 ? FreePort.Find() : options.Port;
        var server = new LocalPostgresServer(options, binaries, log, runAsUser, password, port);

        await server.PrepareDataDirectoryAsync(cancellationToken);
        await server.StartProcessAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server again on the same port and data after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            await StartProcessAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }

        var stopped = false;
        try
        {
            stopped = await RunToolAsync(_binaries.PgCtl, ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "30"], TimeSpan.FromSeconds(40), cancellationToken) == 0;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            _log.Write($"(pg_ctl stop failed: {ex.Message})");
        }

        // SIGINT is what pg_ctl's fast mode sends; if pg_ctl failed, send it ourselves, and if even
        // that is ignored, SIGQUIT (immediate shutdown) and finally kill the tree.
        await process.StopAsync(Signal.Interrupt, stopped ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(30), cancellationToken);
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task PrepareDataDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_runAsUser is not null)
        {
            // The data folder is the unprivileged user's, mode 0700 as PostgreSQL demands of its cluster.
            await SystemUsers.ChownAsync(_runAsUser, [_options.DataDirectory, PasswordPath], cancellationToken);
            if (!await SystemUsers.CanWriteAsync(_runAsUser, _options.DataDirectory, cancellationToken))
            {
                throw new InvalidOperationException(
                    $"System user '{_runAsUser}' cannot reach {_options.DataDirectory}; every parent folder must be "
                    + "traversable by others (chmod o+x), or configure AppHost:DataDirectory elsewhere.");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            await StopLeftoverServerAsync(cancellationToken);
            return;
        }

        if (Directory.Exists(ClusterDirectory) && Directory.EnumerateFileSystemEntries(ClusterDirectory).Any())
        {
            throw new InvalidOperationException(
                $"{ClusterDirectory} is not empty but holds no PostgreSQL cluster; move it away so it can be initialised.");
        }

        var locale = await ChooseLocaleAsync(cancellationToken);
        _log.Write($"(initialising a new cluster in {ClusterDirectory}, locale {locale})");
        var exitCode = await RunToolAsync(
            _binaries.InitDb,
            [
                "-D", ClusterDirectory,
                "-U", SuperUser,
                $"--pwfile={PasswordPath}",
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "--encoding=UTF8",
                $"--locale={locale}",
            ],
            TimeSpan.FromMinutes(3),
            cancellationToken);
        if (exitCode != 0)
        {
            TryDelete(ClusterDirectory);
            throw new InvalidOperationException($"initdb failed with exit code {exitCode}:{System.Environment.NewLine}{_log.FormatTail()}");
        }
    }

    /// <summary>
    /// An orchestrator that was killed outright leaves its postgres running on our data; stop it so
    /// this start can take the data over.
    /// </summary>
    private async Task StopLeftoverServerAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
            || !PosixSignals.IsAlive(pid)
            || !IsPostgresProcess(pid))
        {
            return;
        }

        _log.Write($"(stopping PostgreSQL pid {pid} left running on this data by an earlier run)");
        await RunToolAsync(_binaries.PgCtl, ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "30"], TimeSpan.FromSeconds(40), cancellationToken);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "-D", ClusterDirectory,
            "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={SocketDirectory()}",
        };
        if (!_options.Durable)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        _process = ChildProcess.Start(
            new ChildProcessSpec(_binaries.Postgres, arguments)
            {
                RunAsUser = _runAsUser,
                WorkingDirectory = _options.DataDirectory,
                // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to leave.
                ParentDeathSignal = Signal.Interrupt,
                NewSession = true,
            },
            _log);

        var connectionString = ConnectionString;
        try
        {
            await Readiness.WaitAsync(
                "PostgreSQL",
                ct => PostgresProbe.IsReadyAsync(connectionString, ct),
                _process,
                _log,
                _options.StartTimeout,
                cancellationToken);
        }
        catch
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The socket lives inside the data folder, never in /var/run; Unix socket paths are limited to
    /// about 100 bytes, so a deep folder gets TCP only.
    /// </summary>
    private string SocketDirectory() =>
        ClusterDirectory.Length + ".s.PGSQL.65535".Length + 1 < 100 ? ClusterDirectory : "";

    private async Task<int> RunToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        await ChildProcess.RunAsync(
            new ChildProcessSpec(tool, arguments) { RunAsUser = _runAsUser, WorkingDirectory = _options.DataDirectory },
            _log,
            timeout,
            cancellationToken);

    /// <summary>A UTF-8 locale where one exists, so case folding and trigram search work beyond ASCII.</summary>
    private static async Task<string> ChooseLocaleAsync(CancellationToken cancellationToken)
    {
        var log = new ResourceLog("locale");
        try
        {
            await ChildProcess.RunAsync(new ChildProcessSpec("locale", ["-a"]), log, TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return "C";
        }

        return PostgresLocale.Choose(log.Tail(10_000));
    }

    private static bool IsPostgresProcess(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("postgres", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the user to inspect; the next start reports it.
        }
    }
}
