using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Security;
using SearchEngine.Server.Tests.Infrastructure;
using SearchEngine.Testing;

namespace SearchEngine.Server.Tests.Security;

/// <summary>The decision taken at start from the configured listeners: open on loopback, refused when exposed without keys (in the policy, and by the real server process).</summary>
public sealed class ApiKeyStartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://127.0.0.1:5000;http://127.0.0.2:5001")]
    public async Task LoopbackOnlyWithoutKeysNeedsNoKey(string? urls)
    {
        using var folder = new TempFolder();
        var logs = new CapturedLogs();
        var configuration = new Dictionary<string, string?> { ["Logging:LogLevel:SearchEngine.Server.Security"] = "Information" };
        if (urls is not null)
        {
            configuration["urls"] = urls;
        }
        await using var server = await SearchServer.StartAsync(new ServerSettings(Path.Combine(folder.Path, "index"), SampleData: "", ServerSettings.DefaultRefreshInterval, Configuration: configuration, Logs: logs));

        await ApiKeys.CallIndexServiceAsync(server, "IndexArticles", [], folder.Path);
        await ApiKeys.CallIndexServiceAsync(server, "GetIndexStats", [], folder.Path);
        Assert.Contains(logs.Entries, line => line.Message.StartsWith("Listening only on loopback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysConfiguredOnLoopbackAreEnforced()
    {
        using var folder = new TempFolder();
        var configuration = new Dictionary<string, string?> { ["Auth:ApiKeys:0"] = ApiKeys.First };
        await using var server = await SearchServer.StartAsync(new ServerSettings(folder.Path, SampleData: "", ServerSettings.DefaultRefreshInterval, Configuration: configuration));

        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => ApiKeys.CallIndexServiceAsync(server, "GetIndexStats", [], folder.Path));
        await ApiKeys.CallIndexServiceAsync(server, "GetIndexStats", ApiKeys.Bearer(ApiKeys.First), folder.Path);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5000", "http://0.0.0.0:5000")]
    [InlineData("urls", "http://127.0.0.1:5000;http://+:8080", "http://+:8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "https://search.example.com:443", "https://search.example.com:443")]
    [InlineData("http_ports", "8080", "http://*:8080")]
    public void ExposedWithoutKeysRefusesToStart(string setting, string value, string named)
    {
        var refused = Refusal(new Dictionary<string, string?> { [setting] = value });

        Assert.Equal($"listening on {named} (not loopback only) needs Auth:ApiKeys, or Auth:AllowUnauthenticated=true to let anyone change the index", refused.Message);
    }

    [Fact]
    public void RequireKeyForSearchWithoutKeysRefusesToStart()
    {
        var refused = Refusal(new Dictionary<string, string?> { ["Auth:RequireKeyForSearch"] = "true" });

        Assert.Contains("Auth:ApiKeys is empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyKeyRefusesToStart()
    {
        var refused = Refusal(new Dictionary<string, string?> { ["Auth:ApiKeys:0"] = ApiKeys.First, ["Auth:ApiKeys:1"] = " " });

        Assert.Equal("Auth:ApiKeys contains an empty key", refused.Message);
    }

    [Fact]
    public async Task ExposedWithTheOptOutStartsOpenAndWarns()
    {
        using var folder = new TempFolder();
        var logs = new CapturedLogs();
        var configuration = new Dictionary<string, string?> { ["urls"] = ApiKeys.ExposedUrl, ["Auth:AllowUnauthenticated"] = "true" };
        await using var server = await SearchServer.StartAsync(new ServerSettings(Path.Combine(folder.Path, "index"), SampleData: "", ServerSettings.DefaultRefreshInterval, Configuration: configuration, Logs: logs));

        await ApiKeys.CallIndexServiceAsync(server, "IndexArticles", [], folder.Path);
        Assert.Contains(logs.Entries, line => line.Level == LogLevel.Warning && line.Message.Contains("Auth:AllowUnauthenticated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("https://127.10.0.1", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://LOCALHOST:5000/base", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://unix:/run/searchengine.sock", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("https://search.example.com", false)]
    [InlineData("http://localhost.example.com:5000", false)]
    public void LoopbackIsRecognised(string address, bool loopback) =>
        Assert.Equal(loopback, ListenerAddresses.IsLoopback(address));

    [Fact]
    public async Task TheServerRefusesWithOneLineAndExitCode1()
    {
        using var folder = new TempFolder();
        var server = Path.Combine(AppContext.BaseDirectory, "SearchEngine.Server.dll");

        var result = await CommandResult.RunAsync("dotnet", [server, "--urls", "http://0.0.0.0:0", $"--Index:Path={folder.Path}", "--Index:SampleData="], TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            "searchengine-server: invalid configuration: listening on http://0.0.0.0:0 (not loopback only) needs Auth:ApiKeys, or Auth:AllowUnauthenticated=true to let anyone change the index",
            result.StandardError.Trim());
        // Refused before the index was opened.
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    /// <summary>Builds the policy as the server does at start, from these settings, and returns why it refused.</summary>
    private static InvalidConfigurationException Refusal(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = Options.Create(configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions());
        return Assert.Throws<InvalidConfigurationException>(() => new ApiKeyPolicy(options, configuration, NullLogger<ApiKeyPolicy>.Instance));
    }
}
