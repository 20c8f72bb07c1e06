using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Server.Tests.Infrastructure;
using SearchEngine.Testing;

namespace SearchEngine.Server.Tests.Security;

/// <summary>
/// gRPC over TLS configured the standard Kestrel way (Kestrel:Endpoints:Https with a PFX
/// certificate), called by `buf curl` that trusts only the test's self-signed certificate.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private const string CertificatePassword = "test-only-password";
    private readonly TempFolder folder = new();
    private X509Certificate2? certificate;
    private SearchServerFactory? factory;
    private Uri? address;
    private string certificatePem = "";

    private Uri Address => address ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        certificate = CreateSelfSignedCertificate();
        var pfxPath = folder.WriteBytes("server.pfx", certificate.Export(X509ContentType.Pfx, CertificatePassword));
        certificatePem = folder.WriteBytes("server.pem", System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
        factory = new SearchServerFactory(new ServerSettings(Path.Combine(folder.Path, "index"), RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval, Configuration: new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = pfxPath,
            ["Kestrel:Endpoints:Https:Certificate:Password"] = CertificatePassword,
            ["Auth:ApiKeys:0"] = ApiKeys.First,
        }));
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        address = new Uri(Assert.Single(addresses));
        await WaitUntilServingAsync();
    }

    [Fact]
    public void TheServerListensOnHttpsOnly() =>
        Assert.Equal("https", Address.Scheme);

    [Fact]
    public async Task SearchOverTlsWithTheTrustedCertificate()
    {
        var result = await Curl("searchengine.v1.SearchService/Search", """{"query":"Guizhou big data"}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var response = JsonDocument.Parse(result.StandardOutput);
        Assert.Contains(response.RootElement.GetProperty("hits").EnumerateArray(), hit => hit.GetProperty("id").GetString() == "sample-001");
    }

    [Fact]
    public async Task IndexServiceOverTlsNeedsTheKey()
    {
        var refused = await Curl("searchengine.v1.IndexService/GetIndexStats", "{}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("unauthenticated", refused.StandardError, StringComparison.Ordinal);
        // buf prints the status as JSON, where < and > are escaped.
        Assert.Contains("authorization: Bearer \\u003ckey\\u003e", refused.StandardError, StringComparison.Ordinal);

        var stats = await Curl("searchengine.v1.IndexService/GetIndexStats", "{}", "-H", $"authorization: Bearer {ApiKeys.First}");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        using var response = JsonDocument.Parse(stats.StandardOutput);
        Assert.Equal(SampleArticles.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.RootElement.GetProperty("articleCount").GetString());
    }

    [Fact]
    public async Task ACertificateTheClientDoesNotTrustIsRefused()
    {
        // Without --cacert buf checks the system roots, which do not hold the self-signed certificate;
        // only --verbose shows the TLS failure behind buf's "service not found in schema".
        var result = await BufCli.RunAsync("curl", "--protocol", "grpc", "--verbose", "--data", "{}", new Uri(Address, "searchengine.v1.SearchService/Search").ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.StandardError.Contains("certificate", StringComparison.OrdinalIgnoreCase), result.ToString());
    }

    private Task<CommandResult> Curl(string method, string json, params string[] extra) =>
        BufCli.RunAsync(["curl", "--protocol", "grpc", "--cacert", certificatePem, "--data", json, .. extra, new Uri(Address, method).ToString()]);

    /// <summary>A certificate for 127.0.0.1 and localhost, valid for a day, that signs itself.</summary>
    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=searchengine-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private async Task WaitUntilServingAsync()
    {
        var expected = certificate!.GetCertHashString();
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == expected;
        using var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken)).Status;
            if (status == HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"not SERVING after 60 s: {status}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        certificate?.Dispose();
        folder.Dispose();
    }
}
