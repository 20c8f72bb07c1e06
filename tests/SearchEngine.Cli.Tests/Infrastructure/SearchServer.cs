using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Tests.Infrastructure;

/// <summary>The real server, in-process on a free loopback port, with its index in a temporary folder.</summary>
public sealed class SearchServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerFactory factory;
    private readonly TempFolder indexFolder;

    private SearchServer(ServerFactory factory, TempFolder indexFolder, Uri address)
    {
        this.factory = factory;
        this.indexFolder = indexFolder;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public Uri Address { get; }

    /// <summary>The address as the CLI's --server option takes it.</summary>
    public string ServerArgument => Address.GetLeftPart(UriPartial.Authority);

    public GrpcChannel Channel { get; }

    public async Task<IndexStats> GetStatsAsync() =>
        await new IndexService.IndexServiceClient(Channel).GetIndexStatsAsync(new GetIndexStatsRequest(), cancellationToken: TestContext.Current.CancellationToken);

    public async Task<SearchResponse> SearchAsync(SearchRequest request) =>
        await new SearchService.SearchServiceClient(Channel).SearchAsync(request, cancellationToken: TestContext.Current.CancellationToken);

    public async Task<Article> GetArticleAsync(string id) =>
        await new SearchService.SearchServiceClient(Channel).GetArticleAsync(new GetArticleRequest { Id = id }, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Starts a server and waits until its index is searchable.</summary>
    /// <param name="sampleData">Folder of sample articles loaded into the empty index; empty for none.</param>
    public static async Task<SearchServer> StartAsync(string sampleData = "")
    {
        var indexFolder = new TempFolder();
        var factory = new ServerFactory(indexFolder.Path, sampleData);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var server = new SearchServer(factory, indexFolder, new Uri(addresses.First()));
        await server.WaitUntilReadyAsync();
        return server;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        while (true)
        {
            try
            {
                await new IndexService.IndexServiceClient(Channel).GetIndexStatsAsync(new GetIndexStatsRequest(), cancellationToken: timeout.Token);
                return;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable)
            {
                // Still opening the index or loading the sample.
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await factory.DisposeAsync();
        indexFolder.Dispose();
    }

    private sealed class ServerFactory(string indexPath, string sampleData) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Index:Path", indexPath);
            builder.UseSetting("Index:SampleData", sampleData);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
