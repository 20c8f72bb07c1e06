using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>
/// A started server and gRPC clients bound to it. Starting returns only once the health service
/// answers SERVING, i.e. the index is open and any sample data is loaded. The index folder belongs
/// to the caller, so that a test can start a second server on the same index.
/// </summary>
public sealed class SearchServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly SearchServerFactory factory;
    private readonly GrpcChannel channel;
    private readonly SearchService.SearchServiceClient search;
    private readonly IndexService.IndexServiceClient index;
    private readonly Health.HealthClient health;

    private SearchServer(SearchServerFactory factory, GrpcChannel channel, Uri? socketAddress)
    {
        this.factory = factory;
        this.channel = channel;
        SocketAddress = socketAddress;
        search = new SearchService.SearchServiceClient(channel);
        index = new IndexService.IndexServiceClient(channel);
        health = new Health.HealthClient(channel);
    }

    /// <summary>The channel every client of this server uses.</summary>
    public ChannelBase Channel => channel;

    /// <summary>The server's own services, for tests that look at the engine behind the API (e.g. its index).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>The real listening address when the server runs over a socket; null in memory.</summary>
    public Uri? SocketAddress { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<SearchServer> StartAsync(ServerSettings settings)
    {
        var factory = new SearchServerFactory(settings);
        try
        {
            GrpcChannel channel;
            Uri? socketAddress = null;
            if (settings.OverSocket)
            {
                factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
                factory.StartServer();
                var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
                socketAddress = new Uri(addresses.Single());
                channel = GrpcChannel.ForAddress(socketAddress);
            }
            else
            {
                channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });
            }
            var server = new SearchServer(factory, channel, socketAddress);
            await server.WaitUntilServingAsync();
            return server;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    public async Task<SearchResponse> SearchAsync(SearchRequest request) =>
        await search.SearchAsync(request, cancellationToken: Cancellation);

    public Task<SearchResponse> SearchAsync(string query) => SearchAsync(new SearchRequest { Query = query });

    public async Task<Article> GetArticleAsync(string id) =>
        await search.GetArticleAsync(new GetArticleRequest { Id = id }, cancellationToken: Cancellation);

    /// <summary>Streams the articles in one IndexArticles call and returns its response.</summary>
    public async Task<IndexArticlesResponse> IndexArticlesAsync(IEnumerable<Article> articles)
    {
        using var call = index.IndexArticles(cancellationToken: Cancellation);
        foreach (var article in articles)
        {
            await call.RequestStream.WriteAsync(article, Cancellation);
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    public async Task<DeleteArticlesResponse> DeleteArticlesAsync(params string[] ids)
    {
        var request = new DeleteArticlesRequest();
        request.Ids.AddRange(ids);
        return await DeleteArticlesAsync(request);
    }

    public async Task<DeleteArticlesResponse> DeleteArticlesAsync(DeleteArticlesRequest request) =>
        await index.DeleteArticlesAsync(request, cancellationToken: Cancellation);

    public async Task<CreateBackupResponse> CreateBackupAsync(string path) =>
        await index.CreateBackupAsync(new CreateBackupRequest { Path = path }, cancellationToken: Cancellation);

    public async Task<IndexStats> GetIndexStatsAsync() =>
        await index.GetIndexStatsAsync(new GetIndexStatsRequest(), cancellationToken: Cancellation);

    /// <summary>GET /metrics over HTTP/1.1 through the in-memory test server.</summary>
    public async Task<string> ScrapeMetricsAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/metrics", Cancellation);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    public async Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync() =>
        (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Cancellation)).Status;

    private async Task WaitUntilServingAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var lastState = "no answer yet";
        while (stopwatch.Elapsed < ReadinessTimeout)
        {
            try
            {
                var status = await CheckHealthAsync();
                if (status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
                lastState = status.ToString();
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable)
            {
                lastState = exception.Status.Detail;
            }
            await Task.Delay(ReadinessPollInterval, Cancellation);
        }
        throw new TimeoutException($"the server did not report SERVING within {ReadinessTimeout}; last state: {lastState}");
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await factory.DisposeAsync();
    }
}
