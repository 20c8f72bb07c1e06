using Microsoft.AspNetCore.Server.Kestrel.Core;
using SearchEngine.Core.Indexing;
using SearchEngine.Server.Errors;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Mapping;
using SearchEngine.Server.Observability;
using SearchEngine.Server.Security;
using SearchEngine.Server.Services;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json travels with the binary; relative index paths still follow the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});
try
{
    ServiceSetup.Configure(builder);
    var app = builder.Build();
    ServiceSetup.MapEndpoints(app);
    await app.RunAsync();
    return 0;
}
catch (IndexLockedException exception)
{
    await Console.Error.WriteLineAsync($"searchengine-server: {exception.Message}");
    return 1;
}
catch (InvalidConfigurationException exception)
{
    await Console.Error.WriteLineAsync($"searchengine-server: invalid configuration: {exception.Message}");
    return 1;
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    await Console.Error.WriteLineAsync($"searchengine-server: cannot listen: {exception.Message} (choose another address with --urls)");
    return 1;
}

/// <summary>Service registrations and endpoints, shared by Program and the tests' host.</summary>
public static class ServiceSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static void Configure(WebApplicationBuilder builder)
    {
        var metricsUrl = builder.Configuration[$"{MetricsOptions.Section}:{nameof(MetricsOptions.Url)}"] ?? MetricsOptions.DefaultUrl;
        var metricsPort = MetricsPort(metricsUrl);
        if (!builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            var urls = builder.Configuration["urls"];
            var serving = string.IsNullOrEmpty(urls) ? DefaultUrl : urls;
            builder.WebHost.UseUrls(metricsPort is null ? [serving] : [serving, metricsUrl]);
        }
        // gRPC over cleartext needs HTTP/2 without negotiation (prior knowledge); a Prometheus
        // scraper speaks HTTP/1.1, so the metrics port does.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Protocols = metricsPort is not null && listen.IPEndPoint?.Port == metricsPort ? HttpProtocols.Http1 : HttpProtocols.Http2));

        builder.Services.AddSingleton(TimeProvider.System);
        ApiKeyAuthentication.Register(builder.Services, builder.Configuration);
        builder.Services.Configure<IndexOptions>(builder.Configuration.GetSection(IndexOptions.Section));
        builder.Services.Configure<RankingOptions>(builder.Configuration.GetSection(RankingOptions.Section));
        builder.Services.AddSingleton<IndexHost>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<IndexHost>());
        var maxArticleBytes = builder.Configuration.GetValue($"{IndexOptions.Section}:{nameof(IndexOptions.MaxArticleBytes)}", new IndexOptions().MaxArticleBytes);
        builder.Services.Configure<SlowQueryOptions>(builder.Configuration.GetSection(SlowQueryOptions.Section));
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddGrpc(grpc =>
        {
            // First, so that it wraps the error mapping and logs the status the client gets.
            grpc.Interceptors.Add<RequestLoggingInterceptor>();
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            // Room for an article at the body limit plus its other fields, so that an oversized
            // body is rejected on its own instead of failing the whole stream.
            grpc.MaxReceiveMessageSize = (2 * maxArticleBytes) + (1 << 20);
        }).AddServiceOptions<SearchGrpcService>(grpc => grpc.MaxReceiveMessageSize = SearchMapping.MaxRequestBytes);
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<IndexHealthCheck>("index");
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.MapGrpcService<SearchGrpcService>();
        app.MapGrpcService<IndexGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/metrics", (ServerMetrics metrics) => Results.Text(metrics.WriteExposition(), ServerMetrics.ContentType));
    }

    /// <summary>The port of the metrics endpoint, or null when <c>Metrics:Url</c> is empty (disabled).</summary>
    private static int? MetricsPort(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttp || parsed.IsDefaultPort || parsed.Port == 0)
        {
            throw new InvalidConfigurationException($"Metrics:Url '{url}' must be an http:// address with an explicit port, e.g. {MetricsOptions.DefaultUrl}, or empty to disable /metrics on its own port");
        }
        return parsed.Port;
    }
}
