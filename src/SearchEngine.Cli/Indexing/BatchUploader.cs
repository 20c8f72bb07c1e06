using System.Globalization;
using Grpc.Core;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Indexing;

/// <summary>
/// Streams articles to IndexService.IndexArticles, one call per batch: the server commits a batch
/// before answering, so memory stays bounded and each batch is durable before the next is sent.
/// </summary>
/// <param name="acknowledgedLog">Where the ids of each committed batch are appended, if anywhere.</param>
internal sealed class BatchUploader(IndexService.IndexServiceClient client, int batchSize, ImportReport report, AcknowledgedLog? acknowledgedLog, CancellationToken cancellationToken) : IDisposable
{
    // The location of each article of the open batch, by stream position - 1, to place the server's rejections.
    private readonly List<RecordLocation> batchLocations = new(Math.Min(batchSize, 4096));
    // The id of each article of the open batch, by stream position - 1, for the acknowledged log.
    private readonly List<string> batchIds = new(acknowledgedLog is null ? 0 : Math.Min(batchSize, 4096));
    private AsyncClientStreamingCall<Article, IndexArticlesResponse>? call;

    /// <summary>Articles the server has acknowledged as committed.</summary>
    public long Committed { get; private set; }

    /// <summary>Articles written to the server so far, committed or not.</summary>
    public long Sent { get; private set; }

    public async Task SendAsync(Article article, RecordLocation location)
    {
        call ??= client.IndexArticles(cancellationToken: cancellationToken);
        batchLocations.Add(location);
        if (acknowledgedLog is not null)
        {
            batchIds.Add(article.Id);
        }
        try
        {
            await call.RequestStream.WriteAsync(article, cancellationToken);
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException)
        {
            // The server ended the call early; its status, not the failed write, says why.
            await call.ResponseAsync;
            throw;
        }
        Sent++;
        if (batchLocations.Count >= batchSize)
        {
            await CompleteBatchAsync();
        }
    }

    /// <summary>Ends the open batch, if any, and waits until the server has committed it.</summary>
    public async Task CompleteBatchAsync()
    {
        if (call is null)
        {
            return;
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Committed += response.Indexed;
        foreach (var rejected in response.Rejected)
        {
            report.RejectRecord(LocationOf(rejected.Position), rejected.Reason);
        }
        acknowledgedLog?.Append(AcknowledgedIds(response));
        call.Dispose();
        call = null;
        batchLocations.Clear();
        batchIds.Clear();
    }

    /// <summary>The ids of the batch's articles that the server did not reject, in stream order.</summary>
    private List<string> AcknowledgedIds(IndexArticlesResponse response)
    {
        var rejectedPositions = response.Rejected.Select(rejected => rejected.Position).ToHashSet();
        var acknowledged = batchIds.Where((_, index) => !rejectedPositions.Contains(index + 1L)).ToList();
        if (acknowledged.Count != response.Indexed)
        {
            // Never log an id that might not be committed.
            throw new CommandFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the server acknowledged {response.Indexed:N0} articles of a batch of {batchIds.Count:N0} with {rejectedPositions.Count:N0} rejected; cannot tell which ones were committed"));
        }
        return acknowledged;
    }

    private RecordLocation LocationOf(long position) =>
        position >= 1 && position <= batchLocations.Count
            ? batchLocations[(int)(position - 1)]
            : throw new CommandFailedException($"the server rejected an article at position {position} of a batch of {batchLocations.Count}");

    /// <summary>Cancels a batch left open by a failure.</summary>
    public void Dispose() => call?.Dispose();
}
