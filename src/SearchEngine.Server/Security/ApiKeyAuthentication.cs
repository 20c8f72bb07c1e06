using Grpc.AspNetCore.Server;

namespace SearchEngine.Server.Security;

/// <summary>Registers API key authentication for the gRPC services.</summary>
public static class ApiKeyAuthentication
{
    /// <summary>
    /// Call before AddGrpc and before other hosted services: the interceptor then runs first
    /// (outermost), and a configuration that must not start stops the host before the index opens.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ApiKeyPolicy>();
        services.AddHostedService<ApiKeyStartupCheck>();
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<ApiKeyInterceptor>());
    }

    /// <summary>Builds the policy while the host starts, so that its decision is logged and a refused configuration stops the start.</summary>
    private sealed class ApiKeyStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<ApiKeyPolicy>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
