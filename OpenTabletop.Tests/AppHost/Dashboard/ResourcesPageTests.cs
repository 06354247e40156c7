using System.Net;
using OpenTabletop.AppHost.Hosting;
using OpenTabletop.AppHost.Hosting.ApplicationModel;
using OpenTabletop.AppHost.Hosting.Dashboard.Api;
using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.AppHost.Dashboard;

/// <summary>The resources and console JSON over real child processes run by the orchestrator.</summary>
public sealed class ResourcesPageTests
{
    [Fact]
    public async Task ResourcesShowTheirStatesAndTheirOutputIsReadOnceInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardApp.StartAsync(
            b =>
            {
                var setup = b.AddExecutable("setup", "sh", ".", "-c", "for i in 1 2 3 4 5; do echo step $i; done");
                b.AddExecutable("worker", "sh", ".", "-c", "echo worker ready; exec sleep 300").WaitForCompletion(setup);
            },
            ct);
        await dashboard.App.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Running, ct);

        var resources = await dashboard.GetAsync<List<ResourceView>>("/api/resources", ct);
        var first = await dashboard.GetAsync<ConsoleLines>("/api/resources/setup/console?limit=3", ct);
        var rest = await dashboard.GetAsync<ConsoleLines>($"/api/resources/setup/console?after={first.Next}", ct);
        var filtered = await dashboard.GetAsync<ConsoleLines>("/api/resources/setup/console?q=STEP%204", ct);
        var worker = await Deadline.PollAsync(
            () => dashboard.GetAsync<ConsoleLines>("/api/resources/worker/console", ct),
            c => c.Lines.Any(l => l.Text == "worker ready"),
            TimeSpan.FromSeconds(10),
            ct);
        using var unknown = await dashboard.Ui.GetAsync(new Uri("/api/resources/nobody/console", UriKind.Relative), ct);

        var setup = Assert.Single(resources, r => r.Name == "setup");
        Assert.Equal(("Executable", KnownResourceStates.Finished, 0, 0), (setup.Kind, setup.State, setup.ExitCode, setup.Restarts));
        var running = Assert.Single(resources, r => r.Name == "worker");
        Assert.Equal((KnownResourceStates.Running, "Healthy"), (running.State, running.Health));
        Assert.NotNull(running.ProcessId);
        Assert.True(running.StartedAt >= setup.StoppedAt);
        // The newest lines first when more are kept than asked for, then nothing is read twice.
        Assert.Equal(["step 3", "step 4", "step 5"], first.Lines.Select(l => l.Text));
        Assert.Empty(rest.Lines);
        Assert.Equal(first.Next, rest.Next);
        Assert.Equal(["step 4"], filtered.Lines.Select(l => l.Text));
        // The orchestrator's own lines about the resource (its waits) come before the process's output.
        Assert.Equal(
            ["Waiting for resource 'setup' to complete.", "Finished waiting for resource 'setup'.", "worker ready"],
            worker.Lines.Select(l => l.Text));
        Assert.Equal(worker.Lines.Select(l => l.Number).Order(), worker.Lines.Select(l => l.Number));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
