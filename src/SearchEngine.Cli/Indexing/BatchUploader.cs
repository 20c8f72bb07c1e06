using Grpc.Core;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Indexing;

/// <summary>
/// Streams articles to IndexService.IndexArticles, one call per batch: the server commits a batch
/// before answering, so memory stays bounded and each batch is durable before the next is sent.
/// </summary>
internal sealed class BatchUploader(IndexService.IndexServiceClient client, int batchSize, ImportReport report, CancellationToken cancellationToken) : IDisposable
{
    // The location of each article of the open batch, by stream position - 1, to place the server's rejections.
    private readonly List<RecordLocation> batchLocations = new(Math.Min(batchSize, 4096));
    private AsyncClientStreamingCall<Article, IndexArticlesResponse>? call;

    /// <summary>Articles the server has acknowledged as committed.</summary>
    public long Committed { get; private set; }

    /// <summary>Articles written to the server so far, committed or not.</summary>
    public long Sent { get; private set; }

    public async Task SendAsync(Article article, RecordLocation location)
    {
        call ??= client.IndexArticles(cancellationToken: cancellationToken);
        batchLocations.Add(location);
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
        call.Dispose();
        call = null;
        batchLocations.Clear();
    }

    private RecordLocation LocationOf(long position) =>
        position >= 1 && position <= batchLocations.Count
            ? batchLocations[(int)(position - 1)]
            : throw new CommandFailedException($"the server rejected an article at position {position} of a batch of {batchLocations.Count}");

    /// <summary>Cancels a batch left open by a failure.</summary>
    public void Dispose() => call?.Dispose();
}
