using Grpc.Core;
using Microsoft.Extensions.Options;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;
using SearchEngine.Core;
using SearchEngine.Core.Indexing;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Mapping;
using ArticleValidator = SearchEngine.Core.Schema.ArticleValidator;

namespace SearchEngine.Server.Services;

/// <summary>The gRPC face of indexing: upserts, deletes and statistics.</summary>
public sealed class IndexGrpcService(IndexHost host, TimeProvider clock, IOptions<IndexOptions> options) : IndexService.IndexServiceBase
{
    public const int MaxDeleteIds = 10_000;

    public override async Task<IndexArticlesResponse> IndexArticles(IAsyncStreamReader<Article> requestStream, ServerCallContext context)
    {
        var index = host.Index;
        var response = new IndexArticlesResponse();
        long position = 0;
        await using var upserter = new ParallelUpserter(index, Environment.ProcessorCount);
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
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
        await upserter.CompleteAsync();
        // Acknowledged means durable: answer only once everything accepted is committed.
        await index.CommitAsync(context.CancellationToken);
        return response;
    }

    public override async Task<DeleteArticlesResponse> DeleteArticles(DeleteArticlesRequest request, ServerCallContext context)
    {
        if (request.Ids.Count == 0)
        {
            throw new InvalidRequestException("ids", "ids must name at least one article");
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
