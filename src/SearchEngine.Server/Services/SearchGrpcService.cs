using System.Diagnostics;
using Grpc.Core;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;
using SearchEngine.Core;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Mapping;

namespace SearchEngine.Server.Services;

/// <summary>The gRPC face of search: validates, maps and delegates to the engine.</summary>
public sealed class SearchGrpcService(IndexHost host) : SearchService.SearchServiceBase
{
    public override Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        var query = SearchMapping.ToQuery(request);
        var results = host.Searcher.Search(query, context.CancellationToken);
        return Task.FromResult(SearchMapping.ToResponse(results, stopwatch.ElapsedMilliseconds));
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
