using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests.Security;

/// <summary>IndexService behind API keys on a server that listens beyond loopback.</summary>
public sealed class ApiKeyTests(ExposedWithKeysFixture fixture) : IClassFixture<ExposedWithKeysFixture>
{
    public static TheoryData<string> IndexMethods => ["IndexArticles", "DeleteArticles", "CreateBackup", "GetIndexStats"];

    private Task Call(string method, Metadata headers) => ApiKeys.CallIndexServiceAsync(fixture.Server, method, headers, fixture.Scratch.Path);

    [Theory]
    [MemberData(nameof(IndexMethods))]
    public async Task WithoutAKeyIsUnauthenticatedAndSaysWhichHeader(string method)
    {
        var refused = await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => Call(method, []));

        Assert.Contains("authorization: Bearer <key>", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("searchengine.v1.IndexService", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IndexMethods))]
    public async Task WithAWrongKeyIsUnauthenticated(string method)
    {
        var refused = await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => Call(method, ApiKeys.Bearer("not-" + ApiKeys.First)));

        Assert.Contains("not valid", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IndexMethods))]
    public async Task WithARightKeySucceeds(string method)
    {
        await Call(method, ApiKeys.Bearer(ApiKeys.First));
        await Call(method, ApiKeys.Bearer(ApiKeys.Second));
        // The scheme is case-insensitive (RFC 9110); the key is not.
        await Call(method, new Metadata { { "authorization", "bearer " + ApiKeys.Second } });
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => Call(method, ApiKeys.Bearer(ApiKeys.Second.ToUpperInvariant())));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Token whatever")]
    public async Task AHeaderThatIsNotABearerKeyIsUnauthenticated(string header)
    {
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => Call("GetIndexStats", new Metadata { { "authorization", header } }));
    }

    [Fact]
    public async Task SearchHealthAndReflectionStayOpen()
    {
        await ApiKeys.SearchAsync(fixture.Server, []);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await fixture.Server.CheckHealthAsync());
        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(fixture.Server.Channel);
        var cancellation = TestContext.Current.CancellationToken;
        using var call = reflection.ServerReflectionInfo(cancellationToken: cancellation);
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" }, cancellation);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(cancellation));
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, service => service.Name == "searchengine.v1.IndexService");
    }

    [Fact]
    public async Task ARefusedCallIsLoggedWithMethodPeerAndReasonButNotTheKey()
    {
        var wrongKey = "wrong-" + Guid.NewGuid().ToString("N");
        var earlier = fixture.Logs.Entries.Count;

        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => Call("DeleteArticles", ApiKeys.Bearer(wrongKey)));
        await Call("GetIndexStats", ApiKeys.Bearer(ApiKeys.First));

        var lines = fixture.Logs.Entries;
        var rejection = Assert.Single(lines.Skip(earlier), line => line.Message.Contains("/searchengine.v1.IndexService/DeleteArticles", StringComparison.Ordinal)
            && line.Message.Contains("unknown API key", StringComparison.Ordinal) && line.Level == LogLevel.Warning);
        Assert.Matches(@"from \S+: unknown API key$", rejection.Message);
        Assert.DoesNotContain(lines, line => line.Message.Contains(wrongKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Message.Contains(ApiKeys.First, StringComparison.Ordinal) || line.Message.Contains(ApiKeys.Second, StringComparison.Ordinal));
    }
}

/// <summary>Auth:RequireKeyForSearch puts SearchService behind the same keys.</summary>
public sealed class SearchKeyTests(SearchNeedsKeyFixture fixture) : IClassFixture<SearchNeedsKeyFixture>
{
    [Fact]
    public async Task SearchWithoutAKeyIsUnauthenticated()
    {
        var refused = await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => ApiKeys.SearchAsync(fixture.Server, []));
        Assert.Contains("searchengine.v1.SearchService", refused.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => fixture.Server.GetArticleAsync("sample-001"));
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => ApiKeys.SearchAsync(fixture.Server, ApiKeys.Bearer("wrong")));
    }

    [Fact]
    public async Task SearchWithARightKeySucceeds()
    {
        await ApiKeys.SearchAsync(fixture.Server, ApiKeys.Bearer(ApiKeys.Second));
        var article = await new Contracts.V1.SearchService.SearchServiceClient(fixture.Server.Channel).GetArticleAsync(
            new Contracts.V1.GetArticleRequest { Id = "sample-001" }, ApiKeys.Bearer(ApiKeys.First), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("sample-001", article.Id);
    }

    [Fact]
    public async Task HealthStaysOpen() =>
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await fixture.Server.CheckHealthAsync());
}
