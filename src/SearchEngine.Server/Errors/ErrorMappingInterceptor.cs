using Grpc.Core;
using Grpc.Core.Interceptors;
using SearchEngine.Core;
using SearchEngine.Core.Indexing;
using SearchEngine.Server.Hosting;

namespace SearchEngine.Server.Errors;

/// <summary>
/// The one place where exceptions become gRPC statuses: user errors keep their message,
/// anything unexpected becomes INTERNAL with a correlation id that the log also records.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case InvalidRequestException invalid:
                return new RpcException(new Status(StatusCode.InvalidArgument, invalid.Message));
            case ArticleNotFoundException notFound:
                return new RpcException(new Status(StatusCode.NotFound, notFound.Message));
            case IndexUnavailableException or IndexLockedException:
                return new RpcException(new Status(StatusCode.Unavailable, exception.Message));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
            default:
                var correlationId = Guid.NewGuid().ToString("N");
                ServerLog.InternalError(logger, exception, context.Method, correlationId);
                return new RpcException(new Status(StatusCode.Internal, $"internal error; correlation id {correlationId}"));
        }
    }
}
