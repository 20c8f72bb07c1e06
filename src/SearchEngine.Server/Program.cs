using Microsoft.AspNetCore.Server.Kestrel.Core;
using SearchEngine.Core.Indexing;
using SearchEngine.Server.Errors;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Mapping;
using SearchEngine.Server.Services;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json travels with the binary; relative index paths still follow the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});
ServiceSetup.Configure(builder);
var app = builder.Build();
ServiceSetup.MapEndpoints(app);

try
{
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
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // gRPC over cleartext needs HTTP/2 without negotiation (prior knowledge).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<IndexOptions>(builder.Configuration.GetSection(IndexOptions.Section));
        builder.Services.Configure<RankingOptions>(builder.Configuration.GetSection(RankingOptions.Section));
        builder.Services.AddSingleton<IndexHost>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<IndexHost>());
        var maxArticleBytes = builder.Configuration.GetValue($"{IndexOptions.Section}:{nameof(IndexOptions.MaxArticleBytes)}", new IndexOptions().MaxArticleBytes);
        builder.Services.AddGrpc(grpc =>
        {
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
    }
}
