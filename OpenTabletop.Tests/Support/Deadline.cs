namespace OpenTabletop.Tests.Support;

/// <summary>Polls a condition until it holds or the deadline passes: tests never sleep a fixed time.</summary>
public static class Deadline
{
    public static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, CancellationToken ct)
    {
        var until = DateTime.UtcNow + within;
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(100, ct);
        }
        while (DateTime.UtcNow < until);
        return last;
    }
}
