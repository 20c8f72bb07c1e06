using Grpc.Core;

namespace SearchEngine.Server.Observability;

internal static partial class ObservabilityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    public static partial void RequestFinished(ILogger logger, string method, StatusCode statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow search took {TookMs} ms (threshold {ThresholdMs} ms): {Query}")]
    public static partial void SlowSearch(ILogger logger, long tookMs, long thresholdMs, string query);
}
