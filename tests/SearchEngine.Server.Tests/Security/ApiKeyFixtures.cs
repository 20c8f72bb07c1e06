using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;
using SearchEngine.Testing;

namespace SearchEngine.Server.Tests.Security;

/// <summary>Keys and calls shared by the API key tests.</summary>
public static class ApiKeys
{
    /// <summary>Configured as the server's keys; random so that a key found in a log cannot be a coincidence.</summary>
    public static readonly string First = "first-" + Guid.NewGuid().ToString("N");
    public static readonly string Second = "second-" + Guid.NewGuid().ToString("N");

    /// <summary>An address beyond loopback: the in-memory test server ignores it, the key policy does not.</summary>
    public const string ExposedUrl = "http://0.0.0.0:5000";

    public static Dictionary<string, string?> Exposed(bool requireKeyForSearch) => new()
    {
        ["urls"] = ExposedUrl,
        ["Auth:ApiKeys:0"] = First,
        ["Auth:ApiKeys:1"] = Second,
        ["Auth:RequireKeyForSearch"] = requireKeyForSearch ? "true" : "false",
    };

    public static Metadata Bearer(string key) => new() { { "authorization", "Bearer " + key } };

    /// <summary>Calls one IndexService method by name with the headers and returns once it answered.</summary>
    public static async Task CallIndexServiceAsync(SearchServer server, string method, Metadata headers, string scratchFolder)
    {
        var client = new IndexService.IndexServiceClient(server.Channel);
        var cancellation = TestContext.Current.CancellationToken;
        switch (method)
        {
            case "IndexArticles":
                using (var call = client.IndexArticles(headers, cancellationToken: cancellation))
                {
                    await call.RequestStream.WriteAsync(new Article { Id = "auth-" + Guid.NewGuid().ToString("N"), Title = "Harbour pilots vote on new shifts" }, cancellation);
                    await call.RequestStream.CompleteAsync();
                    var response = await call;
                    Assert.Equal(1, response.Indexed);
                }
                break;
            case "DeleteArticles":
                await client.DeleteArticlesAsync(new DeleteArticlesRequest { Ids = { "auth-none" } }, headers, cancellationToken: cancellation);
                break;
            case "CreateBackup":
                await client.CreateBackupAsync(new CreateBackupRequest { Path = Path.Combine(scratchFolder, "backup-" + Guid.NewGuid().ToString("N")) }, headers, cancellationToken: cancellation);
                break;
            case "GetIndexStats":
                await client.GetIndexStatsAsync(new GetIndexStatsRequest(), headers, cancellationToken: cancellation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "not an IndexService method");
        }
    }

    public static async Task SearchAsync(SearchServer server, Metadata headers) =>
        await new SearchService.SearchServiceClient(server.Channel).SearchAsync(new SearchRequest { Query = "harbour" }, headers, cancellationToken: TestContext.Current.CancellationToken);
}

/// <summary>Listens beyond loopback with two keys; SearchService stays open.</summary>
public sealed class ExposedWithKeysFixture : IndexServerFixture
{
    public CapturedLogs Logs { get; } = new();

    public TempFolder Scratch { get; } = new();

    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval, Configuration: ApiKeys.Exposed(requireKeyForSearch: false), Logs: Logs);
}

/// <summary>Listens beyond loopback with two keys, and Auth:RequireKeyForSearch.</summary>
public sealed class SearchNeedsKeyFixture : IndexServerFixture
{
    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval, Configuration: ApiKeys.Exposed(requireKeyForSearch: true));
}
