using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace OpenTabletop.AppHost.Hosting.Logging;

/// <summary>
/// One line per message: <c>[api] ...</c> for a resource's output, <c>[apphost] ...</c> for the
/// orchestrator's own, so a terminal full of interleaved processes stays readable.
/// </summary>
internal sealed class AppHostConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "apphost";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var source = logEntry.Category.StartsWith(ResourceLoggerService.CategoryPrefix, StringComparison.Ordinal)
            ? logEntry.Category[ResourceLoggerService.CategoryPrefix.Length..]
            : "apphost";
        var level = logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error => "error: ",
            LogLevel.Critical => "critical: ",
            _ => "",
        };

        textWriter.Write('[');
        textWriter.Write(source);
        textWriter.Write("] ");
        textWriter.Write(level);
        textWriter.WriteLine(message);
        if (logEntry.Exception is { } exception && logEntry.LogLevel >= LogLevel.Error)
        {
            textWriter.WriteLine(exception.ToString());
        }
    }
}
