using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using SearchEngine.Core;
using SearchEngine.Core.Indexing;
using SearchEngine.Server.Hosting;
using Status = Grpc.Core.Status;

namespace SearchEngine.Server.Errors;

/// <summary>
/// The one place where exceptions become gRPC statuses: user errors keep their message (and an
/// invalid argument carries a <c>google.rpc.BadRequest</c> naming the field in
/// <c>grpc-status-details-bin</c>); a call given up by its caller is DEADLINE_EXCEEDED or CANCELLED;
/// anything unexpected becomes INTERNAL with only a correlation id that the log also records,
/// never the exception's text or stack.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, TimeProvider clock) : Interceptor
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
                return InvalidArgument(invalid);
            case ArticleNotFoundException notFound:
                return new RpcException(new Status(StatusCode.NotFound, notFound.Message));
            case IndexUnavailableException or IndexLockedException:
                return new RpcException(new Status(StatusCode.Unavailable, exception.Message));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // The server cancels the call's token both when its deadline passes and when the client goes away.
                return context.Deadline <= clock.GetUtcNow().UtcDateTime
                    ? new RpcException(new Status(StatusCode.DeadlineExceeded, $"the deadline passed before {context.Method} finished; the search was stopped"))
                    : new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
            default:
                var correlationId = Guid.NewGuid().ToString("N");
                ServerLog.InternalError(logger, exception, context.Method, correlationId);
                return new RpcException(new Status(StatusCode.Internal, $"internal error; correlation id {correlationId}"));
        }
    }

    private static RpcException InvalidArgument(InvalidRequestException invalid)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = invalid.Field, Description = invalid.Message });
        var status = new Google.Rpc.Status
        {
            Code = (int)StatusCode.InvalidArgument,
            Message = invalid.Message,
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }
}
