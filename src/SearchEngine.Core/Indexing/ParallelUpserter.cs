using System.Threading.Channels;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Indexing;

/// <summary>
/// Feeds articles into the index from several threads, so that analysis (the costly part) uses
/// every core while the one IndexWriter takes documents concurrently. Articles are partitioned
/// by id: two versions of one article go through the same worker in arrival order, so the last
/// one sent wins. Bounded queues make a fast sender wait (backpressure) instead of buffering.
/// </summary>
public sealed class ParallelUpserter : IAsyncDisposable
{
    private const int QueueCapacityPerWorker = 64;

    private readonly ArticleIndex index;
    private readonly Channel<Article>[] queues;
    private readonly Task[] workers;
    private int completed;

    public ParallelUpserter(ArticleIndex index, int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        this.index = index;
        queues = [.. Enumerable.Range(0, degreeOfParallelism).Select(_ => Channel.CreateBounded<Article>(
            new BoundedChannelOptions(QueueCapacityPerWorker) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait }))];
        workers = [.. queues.Select(queue => Task.Run(() => Drain(queue.Reader)))];
    }

    /// <summary>Queues an article; waits while its worker's queue is full. Not thread-safe: one sender.</summary>
    public async ValueTask AddAsync(Article article, CancellationToken cancellationToken)
    {
        var partition = (int)((uint)StringComparer.Ordinal.GetHashCode(article.Id) % (uint)queues.Length);
        try
        {
            await queues[partition].Writer.WriteAsync(article, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // A worker failed and closed the queues: surface its exception, not the closed queue.
            await CompleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until every queued article is in the writer; rethrows a worker's failure.</summary>
    public async Task CompleteAsync()
    {
        if (Interlocked.Exchange(ref completed, 1) == 0)
        {
            foreach (var queue in queues)
            {
                queue.Writer.TryComplete();
            }
        }
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception) when (workers.Any(worker => worker.IsFaulted))
        {
            // Already reported to whoever awaited CompleteAsync; disposing must not throw again.
        }
    }

    private async Task Drain(ChannelReader<Article> reader)
    {
        try
        {
            await foreach (var article in reader.ReadAllAsync().ConfigureAwait(false))
            {
                index.Upsert(article);
            }
        }
        catch
        {
            // Stop the sender from waiting forever on a queue nobody drains any more.
            foreach (var queue in queues)
            {
                queue.Writer.TryComplete();
            }
            throw;
        }
    }
}
