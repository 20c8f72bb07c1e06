using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SearchEngine.Server.Security;

/// <summary>
/// Refuses calls to protected services without a valid <c>authorization: Bearer &lt;key&gt;</c>
/// header with UNAUTHENTICATED, and logs the attempt without the key. Health and reflection are
/// never protected: they reveal no articles and change nothing.
/// </summary>
public sealed class ApiKeyInterceptor(ApiKeyPolicy policy, ILogger<ApiKeyInterceptor> logger) : Interceptor
{
    public const string Header = "authorization";
    private const string Scheme = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        // context.Method is "/package.Service/Method".
        var service = context.Method.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (!policy.Protects(service))
        {
            return;
        }
        var header = context.RequestHeaders.GetValue(Header);
        string reason, message;
        if (string.IsNullOrEmpty(header))
        {
            reason = "no authorization header";
            message = $"{service} requires an API key: send the header '{Header}: Bearer <key>'";
        }
        else if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            reason = "authorization header is not a Bearer credential";
            message = $"the authorization header must have the form '{Header}: Bearer <key>'";
        }
        else if (!policy.Accepts(header[Scheme.Length..].Trim()))
        {
            reason = "unknown API key";
            message = $"the API key in the '{Header}: Bearer <key>' header is not valid for {service}";
        }
        else
        {
            return;
        }
        SecurityLog.Rejected(logger, context.Method, context.Peer, reason);
        throw new RpcException(new Status(StatusCode.Unauthenticated, message));
    }
}
