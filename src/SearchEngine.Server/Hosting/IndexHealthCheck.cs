using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SearchEngine.Server.Hosting;

/// <summary>Healthy once the index is open and searchable; drives the gRPC health service.</summary>
public sealed class IndexHealthCheck(IndexHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.IsReady
            ? HealthCheckResult.Healthy("index open and searchable")
            : HealthCheckResult.Unhealthy("index not ready"));
}
