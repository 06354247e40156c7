namespace OpenTabletop.AppHost.Hosting.Provisioning;

public sealed record LocalPostgresOptions
{
    /// <summary>Holds the cluster (<c>pgdata/</c>) and its generated password, so a restart keeps both.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Where initdb, pg_ctl and postgres are; null searches PATH and /usr/lib/postgresql.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>The system user to run as when we are root; PostgreSQL refuses to run as root.</summary>
    public string RootRunAsUser { get; init; } = "postgres";

    /// <summary>Trades crash safety for speed (fsync off); for throwaway test servers.</summary>
    public bool Durable { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
