using Grpc.Core;
using Microsoft.Extensions.Options;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;
using SearchEngine.Core;
using SearchEngine.Core.Indexing;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Mapping;
using SearchEngine.Server.Observability;
using ArticleValidator = SearchEngine.Core.Schema.ArticleValidator;

namespace SearchEngine.Server.Services;

/// <summary>The gRPC face of indexing: upserts, deletes and statistics.</summary>
public sealed class IndexGrpcService(IndexHost host, TimeProvider clock, IOptions<IndexOptions> options, ServerMetrics metrics, IHostApplicationLifetime lifetime) : IndexService.IndexServiceBase
{
    public const int MaxDeleteIds = 10_000;

    public override async Task<IndexArticlesResponse> IndexArticles(IAsyncStreamReader<Article> requestStream, ServerCallContext context)
    {
        var index = host.Index;
        var response = new IndexArticlesResponse();
        long position = 0;
        await using var upserter = new ParallelUpserter(index, Environment.ProcessorCount);
        // A shutdown ends the stream here rather than waiting for the client to close it; what was
        // read is committed below, so the client learns exactly where to resume.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var stoppedByShutdown = false;
        try
        {
            await ReadAsync();
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            stoppedByShutdown = true;
        }
        await upserter.CompleteAsync();
        // Acknowledged means durable: answer only once everything accepted is committed.
        await index.CommitAsync(context.CancellationToken);
        metrics.RecordArticlesIndexed(response.Indexed);
        if (stoppedByShutdown)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"the server is shutting down: the first {position} articles of this stream were read and committed ({response.Indexed} indexed, {response.Rejected.Count} rejected); send the rest again"));
        }
        return response;

        async Task ReadAsync()
        {
            await foreach (var message in requestStream.ReadAllAsync(reading.Token))
            {
                position++;
                var (mapped, reason) = ArticleMapping.ToCore(message);
                var article = mapped;
                if (mapped is not null)
                {
                    (article, reason) = ArticleValidator.Normalize(mapped, clock.GetUtcNow(), options.Value.MaxArticleBytes);
                }
                if (article is null)
                {
                    response.Rejected.Add(new RejectedArticle { Position = position, Id = message.Id, Reason = reason ?? "invalid article" });
                    continue;
                }
                await upserter.AddAsync(article, context.CancellationToken);
                response.Indexed++;
            }
        }
    }

    public override async Task<DeleteArticlesResponse> DeleteArticles(DeleteArticlesRequest request, ServerCallContext context)
    {
        var byQuery = request.Query.Length > 0 || request.DateRange is not null;
        if (request.Ids.Count > 0 && byQuery)
        {
            throw new InvalidRequestException("ids", "give either ids or a query and date_range, not both");
        }
        if (byQuery)
        {
            var selection = SearchMapping.ToQuery(new SearchRequest { Query = request.Query, DateRange = request.DateRange });
            var deletedByQuery = await host.Index.DeleteMatchingAsync(host.Searcher.MatchingQuery(selection), context.CancellationToken);
            return new DeleteArticlesResponse { Deleted = deletedByQuery };
        }
        if (request.Ids.Count == 0)
        {
            throw new InvalidRequestException("ids", "give the ids to delete, or a query and/or date_range");
        }
        if (request.Ids.Count > MaxDeleteIds)
        {
            throw new InvalidRequestException("ids", $"ids has {request.Ids.Count} entries; at most {MaxDeleteIds} per call");
        }
        var emptyAt = request.Ids.ToList().FindIndex(string.IsNullOrEmpty);
        if (emptyAt >= 0)
        {
            throw new InvalidRequestException("ids", $"ids[{emptyAt}] is empty");
        }
        var deleted = await host.Index.DeleteAsync([.. request.Ids], context.CancellationToken);
        return new DeleteArticlesResponse { Deleted = deleted };
    }

    public override async Task<CreateBackupResponse> CreateBackup(CreateBackupRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            throw new InvalidRequestException("path", "path is required: the folder to write the backup into");
        }
        var backup = await host.Index.CreateBackupAsync(request.Path, context.CancellationToken);
        return new CreateBackupResponse
        {
            Path = backup.Path,
            ArticleCount = backup.ArticleCount,
            FileCount = backup.FileCount,
            SizeBytes = backup.SizeBytes,
        };
    }

    public override Task<IndexStats> GetIndexStats(GetIndexStatsRequest request, ServerCallContext context)
    {
        var statistics = host.Index.GetStatistics();
        return Task.FromResult(new IndexStats
        {
            ArticleCount = statistics.ArticleCount,
            OldestPublishedAt = ArticleMapping.ToTimestamp(statistics.OldestPublishedAt),
            NewestPublishedAt = ArticleMapping.ToTimestamp(statistics.NewestPublishedAt),
            SizeBytes = statistics.SizeBytes,
        });
    }
}
