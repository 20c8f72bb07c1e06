using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SearchEngine.Server.Hosting;

/// <summary>
/// Healthy once the index is open and searchable and its last commit succeeded; drives the gRPC
/// health service, so a load balancer stops sending work to a server that cannot write.
/// </summary>
public sealed class IndexHealthCheck(IndexHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!host.IsReady
            ? HealthCheckResult.Unhealthy("index not ready")
            : host.Index.CanWrite
                ? HealthCheckResult.Healthy("index open and searchable")
                : HealthCheckResult.Unhealthy("the last commit failed; the index cannot write until a commit succeeds"));
}
