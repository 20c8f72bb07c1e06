using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>The server application hosted by the test, over the index and sample folders the test chooses.</summary>
internal sealed class SearchServerFactory(ServerSettings settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (settings.Logs is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(settings.Logs));
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Index:Path"] = settings.IndexPath,
            ["Index:SampleData"] = settings.SampleData,
            ["Index:RefreshInterval"] = settings.RefreshInterval.ToString("c"),
            // Start-up and request logs would bury the test output.
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(settings.Configuration ?? new Dictionary<string, string?>())));
    }
}

/// <param name="IndexPath">Folder of the Lucene index.</param>
/// <param name="SampleData">Folder loaded into an empty index at start; "" loads nothing.</param>
/// <param name="RefreshInterval">
/// How soon writes become searchable without a commit. Tests of write visibility set it long, so
/// that only the commit done before the response can make an article searchable.
/// </param>
/// <param name="OverSocket">Serve on a real Kestrel socket on a free loopback port instead of the in-memory test server.</param>
/// <param name="Configuration">Further settings, e.g. <c>Ranking:B</c>, as the configuration keys the server reads.</param>
/// <param name="Logs">Receives the server's log entries (at the levels the configuration lets through).</param>
public sealed record ServerSettings(string IndexPath, string SampleData, TimeSpan RefreshInterval, bool OverSocket = false, IReadOnlyDictionary<string, string?>? Configuration = null, CapturedLogs? Logs = null)
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);
}
