using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;
using SearchEngine.Core;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Mapping;
using SearchEngine.Server.Observability;

namespace SearchEngine.Server.Services;

/// <summary>The gRPC face of search: validates, maps and delegates to the engine.</summary>
public sealed class SearchGrpcService(IndexHost host, IOptions<SlowQueryOptions> slowQuery, ILogger<SearchGrpcService> logger) : SearchService.SearchServiceBase
{
    /// <summary>Longest query text a slow-search line carries.</summary>
    public const int MaxLoggedQueryLength = 200;

    public override Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        var query = SearchMapping.ToQuery(request);
        var results = host.Searcher.Search(query, context.CancellationToken);
        var response = SearchMapping.ToResponse(results, stopwatch.ElapsedMilliseconds);
        var threshold = slowQuery.Value.SlowQueryThreshold;
        if (stopwatch.Elapsed >= threshold)
        {
            var text = request.Query.Length <= MaxLoggedQueryLength ? request.Query : string.Concat(request.Query.AsSpan(0, MaxLoggedQueryLength), "…");
            ObservabilityLog.SlowSearch(logger, response.TookMs, (long)threshold.TotalMilliseconds, text);
        }
        return Task.FromResult(response);
    }

    public override Task<Article> GetArticle(GetArticleRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            throw new InvalidRequestException("id", "id is required");
        }
        return Task.FromResult(ArticleMapping.ToContract(host.Searcher.GetArticle(request.Id)));
    }
}
