using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>A server started on an empty index with the shipped sample configured: readiness, sample loading and reflection.</summary>
public sealed class ServerStartupTests(SampleIndexFixture fixture) : IClassFixture<SampleIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task HealthIsServingOnceTheSampleIsLoaded()
    {
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await Server.CheckHealthAsync());
        Assert.Equal(SampleArticles.Count, (await Server.GetIndexStatsAsync()).ArticleCount);
    }

    [Fact]
    public async Task SampleIsLoadedIntoTheEmptyIndex()
    {
        var stats = await Server.GetIndexStatsAsync();

        var dates = SampleArticles.All.Select(article => article.PublishedAt!.Value).ToList();
        Assert.Equal(SampleArticles.Count, stats.ArticleCount);
        Assert.Equal(dates.Min(), stats.OldestPublishedAt.ToDateTimeOffset());
        Assert.Equal(dates.Max(), stats.NewestPublishedAt.ToDateTimeOffset());
        Assert.True(stats.SizeBytes > 0, $"size_bytes is {stats.SizeBytes}");
    }

    [Fact]
    public async Task SampleArticleKeepsEveryField()
    {
        var expected = SampleArticles.All.Single(article => article.Id == "sample-001");

        var article = await Server.GetArticleAsync("sample-001");

        Assert.Equal(expected.Title, article.Title);
        Assert.Equal(expected.Body, article.Body);
        Assert.Equal(expected.PublishedAt, article.PublishedAt.ToDateTimeOffset());
        Assert.Equal(expected.Url, article.Url);
        Assert.Equal(expected.Author, article.Author);
        Assert.Equal(expected.Section, article.Section);
        Assert.Equal(expected.Tags, article.Tags);
    }

    [Fact]
    public async Task ReflectionListsBothServices()
    {
        var client = new ServerReflection.ServerReflectionClient(Server.Channel);
        var cancellation = TestContext.Current.CancellationToken;
        using var call = client.ServerReflectionInfo(cancellationToken: cancellation);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, cancellation);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(cancellation));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name).ToList();
        Assert.Contains("searchengine.v1.SearchService", services);
        Assert.Contains("searchengine.v1.IndexService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task ReflectionDescribesTheSearchMethod()
    {
        var client = new ServerReflection.ServerReflectionClient(Server.Channel);
        var cancellation = TestContext.Current.CancellationToken;
        using var call = client.ServerReflectionInfo(cancellationToken: cancellation);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "searchengine.v1.SearchService" }, cancellation);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(cancellation));

        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes))
            .ToList();
        var search = Assert.Single(files.SelectMany(file => file.Service), service => service.Name == "SearchService");
        Assert.Contains(search.Method, method => method.Name == "Search" && method.InputType == ".searchengine.v1.SearchRequest");
    }
}
