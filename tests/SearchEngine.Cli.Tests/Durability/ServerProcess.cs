using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using SearchEngine.Cli.Tests.Infrastructure;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>
/// The real server as its own process (<c>dotnet SearchEngine.Server.dll</c>) on a free loopback
/// port, with its index in a given folder and no sample data. Disposing kills it if it still runs.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private ServerProcess(ChildProcess process, string address)
    {
        Process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public ChildProcess Process { get; }

    /// <summary>The address as the CLI's --server option takes it, e.g. http://127.0.0.1:40123.</summary>
    public string Address { get; }

    public GrpcChannel Channel { get; }

    public IndexService.IndexServiceClient Index => new(Channel);

    public SearchService.SearchServiceClient Search => new(Channel);

    /// <summary>The arguments that run the server on <paramref name="address"/> with its index in <paramref name="indexPath"/>.</summary>
    /// <remarks>The metrics port is off unless given: servers of parallel tests would all claim the default one.</remarks>
    public static string[] Arguments(string address, string indexPath, string metricsUrl = "") =>
        ["--urls", address, $"--Index:Path={indexPath}", "--Index:SampleData=", $"--Metrics:Url={metricsUrl}"];

    /// <summary>Starts a server on the index folder and waits until its health service says SERVING.</summary>
    /// <param name="metricsUrl">Where the server serves /metrics over HTTP/1.1; empty for nowhere.</param>
    public static async Task<ServerProcess> StartAsync(string name, string indexPath, CancellationToken cancellationToken, Func<string>? metricsUrl = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The port is free when chosen; another process could take it before the server binds it, hence the retry.
            var address = UnusedPort.Address();
            var server = new ServerProcess(ChildProcess.Start(name, BuiltPrograms.Server, Arguments(address, indexPath, metricsUrl?.Invoke() ?? "")), address);
            try
            {
                await server.WaitUntilServingAsync(cancellationToken);
                return server;
            }
            catch (ServerExitedException) when (attempt < 3 && server.Process.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        var health = new Health.HealthClient(Channel);
        while (true)
        {
            if (Process.HasExited)
            {
                await Process.WaitForExitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                throw new ServerExitedException($"the server exited before it was ready: {Process}");
            }
            try
            {
                var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: deadline.Token);
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && !deadline.IsCancellationRequested)
            {
                // Not listening yet.
            }
            catch (Exception exception) when (exception is OperationCanceledException or RpcException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the server was not SERVING within {ReadyTimeout.TotalSeconds} s: {Process}");
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the server was not SERVING within {ReadyTimeout.TotalSeconds} s: {Process}");
            }
        }
    }

    /// <summary>The article, or null when the server answers NOT_FOUND.</summary>
    public async Task<Article?> FindArticleAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await Search.GetArticleAsync(new GetArticleRequest { Id = id }, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<long> GetArticleCountAsync(CancellationToken cancellationToken) =>
        (await Index.GetIndexStatsAsync(new GetIndexStatsRequest(), cancellationToken: cancellationToken)).ArticleCount;

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Process.DisposeAsync();
    }

    private sealed class ServerExitedException(string message) : Exception(message);
}
