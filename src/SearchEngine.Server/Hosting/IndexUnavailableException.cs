namespace SearchEngine.Server.Hosting;

/// <summary>The index is not open yet (or no longer): the request may be retried later.</summary>
public sealed class IndexUnavailableException(string message) : Exception(message);
