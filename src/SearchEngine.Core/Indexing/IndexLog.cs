using Microsoft.Extensions.Logging;

namespace SearchEngine.Core.Indexing;

internal static partial class IndexLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Opened index at {Path} with {ArticleCount} articles")]
    public static partial void Opened(ILogger logger, string path, int articleCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed index in {ElapsedMs} ms")]
    public static partial void Committed(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the searcher failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic commit failed; pending articles stay uncommitted until the next commit succeeds")]
    public static partial void BackgroundCommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ArticleCount} articles were indexed before term facets existed and count as missing in them; import them again to count them")]
    public static partial void ArticlesWithoutFacetValues(ILogger logger, int articleCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed index at {Path}")]
    public static partial void Closed(ILogger logger, string path);
}
