using OpenTabletop.AppHost.Hosting.Provisioning;

namespace OpenTabletop.Tests.AppHost;

public sealed class ContainerCommandLineTests
{
    [Fact]
    public void PostgresRunsTheOfficialImageOnLoopbackWithANamedVolume()
    {
        var command = ContainerCommandLines.RunPostgres("opentabletop-postgres", "opentabletop-postgres-data", 54321, "s3cret");

        Assert.Equal(
            [
                "run", "--rm",
                "--name", "opentabletop-postgres",
                "--publish", "127.0.0.1:54321:5432",
                "--volume", "opentabletop-postgres-data:/var/lib/postgresql/data",
                "--env", "POSTGRES_USER=postgres",
                "--env", "POSTGRES_PASSWORD",
                "--env", "POSTGRES_HOST_AUTH_METHOD=scram-sha-256",
                "--env", "POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                "docker.io/library/postgres:17",
            ],
            command.Arguments);
    }

    [Fact]
    public void PostgresPasswordTravelsInTheEnvironmentNotOnTheCommandLine()
    {
        var command = ContainerCommandLines.RunPostgres("pg", "pg-data", 5432, "s3cret");

        Assert.DoesNotContain(command.Arguments, argument => argument.Contains("s3cret", StringComparison.Ordinal));
        Assert.Equal("s3cret", command.Environment["POSTGRES_PASSWORD"]);
    }

    [Fact]
    public void RedisRunsTheOfficialImageOnLoopbackWithANamedVolume()
    {
        var command = ContainerCommandLines.RunRedis("opentabletop-cache", "opentabletop-cache-data", 6380);

        Assert.Equal(
            [
                "run", "--rm",
                "--name", "opentabletop-cache",
                "--publish", "127.0.0.1:6380:6379",
                "--volume", "opentabletop-cache-data:/data",
                "docker.io/library/redis:7",
                "redis-server", "--save", "60", "1",
            ],
            command.Arguments);
        Assert.Empty(command.Environment);
    }

    [Fact]
    public void StoppingAndClearingUseTheContainerName()
    {
        Assert.Equal(["stop", "--time", "10", "opentabletop-cache"], ContainerCommandLines.Stop("opentabletop-cache").Arguments);
        Assert.Equal(["rm", "--force", "opentabletop-cache"], ContainerCommandLines.Remove("opentabletop-cache").Arguments);
        Assert.Equal(["volume", "rm", "--force", "opentabletop-cache-data"], ContainerCommandLines.RemoveVolume("opentabletop-cache-data").Arguments);
    }
}
