using System.Globalization;
using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Maintenance;

/// <summary>In read-only maintenance, a data write (<see cref="WritesData"/>) answers 503 with Retry-After before its body is read; reads go on.</summary>
public sealed class MaintenanceMiddleware(RequestDelegate next, MaintenanceState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WritesData>() is not null &&
            await state.CurrentAsync(context.RequestAborted) is { IsReadOnly: true } status)
        {
            context.Response.Headers.RetryAfter = status.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var why = status.Reason is { Length: > 0 } reason ? $" ({reason})" : "";
            await Problems.Create(StatusCodes.Status503ServiceUnavailable,
                    $"The server is in read-only maintenance{why}: reads work, writes are refused; retry in {status.RetryAfterSeconds} s.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
