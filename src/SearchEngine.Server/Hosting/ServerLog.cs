using Microsoft.Extensions.Logging;

namespace SearchEngine.Server.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loading sample articles from {Folder} into the empty index")]
    public static partial void LoadingSample(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} sample articles")]
    public static partial void LoadedSample(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample article {File}:{Line} skipped: {Reason}")]
    public static partial void SampleArticleSkipped(ILogger logger, string file, int line, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample folder {Folder} does not exist; starting with an empty index")]
    public static partial void SampleFolderMissing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index ready for search")]
    public static partial void Ready(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Preparing the index failed; the service stays NOT_SERVING")]
    public static partial void PreparationFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} failed with an internal error (correlation id {CorrelationId})")]
    public static partial void InternalError(ILogger logger, Exception exception, string method, string correlationId);
}
