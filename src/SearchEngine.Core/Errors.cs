namespace SearchEngine.Core;

/// <summary>
/// The caller asked for something invalid (a malformed query, an out-of-range option): a user
/// error, reported back with the offending field, never logged as a fault of the service.
/// </summary>
public sealed class InvalidRequestException(string field, string message) : Exception(message)
{
    /// <summary>The request field at fault, e.g. "query" or "page_size".</summary>
    public string Field { get; } = field;
}

/// <summary>No article has the requested id.</summary>
public sealed class ArticleNotFoundException(string id) : Exception($"no article has id \"{id}\"")
{
    public string Id { get; } = id;
}
